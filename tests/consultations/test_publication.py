from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import GminaSettings
from cms.roles import COORDINATORS
from cms.services import role_assign
from consultations.models import ConsultationPage
from tests.factories import UserFactory, consultation_page

pytestmark = pytest.mark.django_db
RULES = GminaSettings(minimum_duration_days=7, report_deadline_days=30)


def test_an_empty_notice_names_every_missing_field():
    problems = ConsultationPage(title="Projekt").publication_problems(RULES)

    assert set(problems) == {
        "subject",
        "goal",
        "addressees",
        "forms",
        "opens_at",
        "closes_at",
        "responsible_unit",
        "contact_person",
        "contact_email",
    }


def test_a_consultation_closing_before_it_opens_cannot_be_published():
    now = timezone.now()
    consultation = ConsultationPage(opens_at=now, closes_at=now - timedelta(hours=1))

    assert "zamknąć" in ConsultationPage.publication_problems(consultation, RULES)["closes_at"]


def test_a_consultation_shorter_than_the_local_rules_allow_cannot_be_published():
    now = timezone.now()
    consultation = ConsultationPage(opens_at=now, closes_at=now + timedelta(days=5))

    assert "co najmniej 7 dni" in consultation.publication_problems(RULES)["closes_at"]


def editor_form(draft, user, **data):
    """The page editor's form for `draft`, as posted with an empty notice plus `data`."""
    empty_notice = {
        "title": draft.title,
        "slug": draft.slug,
        "subject": "",
        "goal": "",
        "addressees": "",
        "opens_at": "",
        "closes_at": "",
        "responsible_unit": "",
        "contact_person": "",
        "contact_email": "",
        "draft-count": "0",
    }
    return ConsultationPage.get_edit_handler().get_form_class()(
        instance=draft, parent_page=draft.get_parent(), for_user=user, data={**empty_notice, **data}
    )


def test_publishing_an_incomplete_notice_in_the_editor_is_refused_with_the_fields_named(demo_site):
    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    draft = consultation_page(publish=False, subject="", contact_email="", draft=[])
    form = editor_form(
        draft,
        coordinator,
        goal=draft.goal,
        addressees="ngo",
        forms=["komentarze"],
        responsible_unit="Biuro",
        contact_person="Marta Zielińska",
        **{"action-publish": "action-publish"},
    )

    assert not form.is_valid()
    assert {"subject", "contact_email", "opens_at", "closes_at"} <= set(form.errors)
    assert "Wymagane przed opublikowaniem" in form.errors["subject"][0]


def test_saving_an_incomplete_draft_without_publishing_is_allowed(demo_site):
    coordinator = UserFactory()
    draft = consultation_page(publish=False, subject="", draft=[])
    form = editor_form(draft, coordinator)

    assert form.is_valid(), form.errors
