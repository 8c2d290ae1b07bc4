import pytest

from cms.services import role_assign
from consultations.models import ConsultationPage
from consultations.services import version_publish
from core.roles import COORDINATORS, MODERATORS
from tests.factories import UserFactory, consultation_page


@pytest.fixture
def consultation(demo_site):
    """An open consultation with a public version 1 of three paragraphs."""
    page = consultation_page(slug="program-2028", title="Program współpracy na 2028 rok")
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def paragraph(consultation):
    return consultation.versions.get().chapters[0]["paragraphs"][1]  # § 2


@pytest.fixture
def other_resident(db):
    return UserFactory(first_name="Jan", last_name="Wróblewski", email="jan.w@example.org")


@pytest.fixture
def moderator(db):
    user = UserFactory(first_name="Tomasz", last_name="Lewandowski")
    role_assign(user=user, role=MODERATORS)
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=user, role=COORDINATORS)
    return user
