"""A coordinator prepares a consultation; the plenipotentiary's approval puts it live."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from cms.services import role_assign
from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.workflow import APPROVAL_WORKFLOW
from core.roles import COORDINATORS, PLENIPOTENTIARIES
from tests.admin_forms import page_editor_data
from tests.factories import UserFactory, consultation_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(demo_site):
    user = UserFactory(first_name="Marek", last_name="Nowak", email="marek.nowak@example.org")
    role_assign(user=user, role=COORDINATORS)
    return user


@pytest.fixture
def plenipotentiary(demo_site):
    user = UserFactory(first_name="Anna", last_name="Wiśniewska", email="pelnomocnik@example.org")
    role_assign(user=user, role=PLENIPOTENTIARIES)
    return user


def submit(client, user, page, **changes):
    client.force_login(user)
    data = page_editor_data(client, page, **{"action-submit": "Submit", **changes})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def approve(client, user, page):
    client.force_login(user)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302), response.status_code


def test_the_consultations_index_carries_the_approval_workflow(demo_site):
    index = ConsultationIndexPage.objects.get()

    assert index.get_workflow().name == APPROVAL_WORKFLOW


def test_a_coordinator_is_offered_submission_not_publishing(client, coordinator):
    draft = consultation_page(publish=False)
    client.force_login(coordinator)

    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_a_coordinator_posting_publish_only_saves_a_draft(client, coordinator):
    draft = consultation_page(publish=False)
    client.force_login(coordinator)

    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        page_editor_data(client, draft, **{"action-publish": "action-publish"}),
    )

    draft.refresh_from_db()
    assert not draft.live


def test_a_coordinator_cannot_unpublish_a_live_consultation(client, coordinator):
    page = consultation_page()
    client.force_login(coordinator)

    response = client.post(f"/admin/pages/{page.pk}/unpublish/")

    page.refresh_from_db()
    assert page.live
    assert response.status_code == 302  # back with "permission denied"


def test_submitting_tells_the_plenipotentiary_by_email(client, coordinator, plenipotentiary):
    draft = consultation_page(publish=False)

    submit(client, coordinator, draft)

    assert [m.to for m in mail.outbox if plenipotentiary.email in m.to]


def test_the_plenipotentiarys_approval_publishes_the_consultation(
    client, coordinator, plenipotentiary
):
    draft = consultation_page(publish=False)
    submit(client, coordinator, draft)

    approve(client, plenipotentiary, draft)

    draft.refresh_from_db()
    assert draft.live
    assert client.get(draft.url).status_code == 200


def test_an_approved_consultation_with_a_go_live_date_waits_for_it(
    client, coordinator, plenipotentiary
):
    draft = consultation_page(publish=False)
    go_live = timezone.localtime() + timedelta(days=1)
    submit(client, coordinator, draft, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    approve(client, plenipotentiary, draft)
    draft.refresh_from_db()
    assert not draft.live

    # The day comes: the periodic job of bin/serve-production (and make run) publishes it.
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("periodic", verbosity=0)

    draft.refresh_from_db()
    assert draft.live
    assert ConsultationPage.objects.live().filter(pk=draft.pk).exists()


# --- The Polish admin reads as Polish -------------------------------------------------------

ENGLISH_IN_THE_EDITOR = (
    "could not be saved due to validation errors",
    "is currently at",
    "marked as needing changes at",
    "Wyślij do Zatwierdzenie",
    "Only reviewers",
    "Keyboard shortcuts are currently enabled",
    "Autosave is",  # the workflow's name where Polish needs a case
)


def test_the_coordinators_editor_offers_submission_in_polish(client, coordinator):
    draft = consultation_page(publish=False)
    client.force_login(coordinator)

    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    assert "Wyślij do zatwierdzenia" in html
    assert not [text for text in ENGLISH_IN_THE_EDITOR if text in html]


def test_the_approvers_editor_of_a_submitted_consultation_has_no_english(
    client, coordinator, plenipotentiary
):
    draft = consultation_page(publish=False)
    submit(client, coordinator, draft)
    client.force_login(plenipotentiary)

    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    assert not [text for text in ENGLISH_IN_THE_EDITOR if text in html]


def test_a_refused_save_says_so_in_polish(client, coordinator):
    draft = consultation_page(publish=False)
    client.force_login(coordinator)

    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", page_editor_data(client, draft, title="")
    )

    html = response.content.decode()
    assert "Nie udało się zapisać strony" in html
    assert not [text for text in ENGLISH_IN_THE_EDITOR if text in html]


def test_every_field_label_of_the_consultation_editor_starts_with_a_capital(client, coordinator):
    import re

    draft = consultation_page(publish=False)
    client.force_login(coordinator)

    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    labels = re.findall(r'<label class="w-field__label"[^>]*>\s*([^<]+?)\s*<', html)
    labels += re.findall(r"&quot;label&quot;: &quot;([^&]+)&quot;", html)  # the draft's blocks
    assert "Numer" in labels and not [label for label in labels if label[0].islower()], labels
