import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import GminaSettings
from cms.services import role_assign
from consultations.models import ConsultationPage
from core.roles import COORDINATORS
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


# --- Every path that puts a consultation live refuses an incomplete notice ------------------


def _emptied(page):
    """The consultation's newest revision with the notice cleared, as a hasty edit leaves it."""
    latest = page.get_latest_revision_as_object()
    latest.goal = ""
    latest.responsible_unit = ""
    return latest.save_revision()


def _messages(response) -> str:
    return " ".join(str(message) for message in response.wsgi_request._messages)


def publish_in_the_editor(client, page, approver):
    from tests.admin_forms import page_editor_data

    client.force_login(approver)
    data = page_editor_data(
        client, page, goal="", responsible_unit="", **{"action-publish": "action-publish"}
    )
    form = client.post(f"/admin/pages/{page.pk}/edit/", data).context["form"]
    return " ".join(f"{form.fields[name].label}: {form.errors[name]}" for name in form.errors)


def approve_in_the_workflow(client, page, approver):
    from wagtail.models import WorkflowState

    page.get_workflow().start(page, approver)  # submitted while the notice was complete
    _emptied(page)
    client.force_login(approver)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "in_progress"
    return _messages(response)


def publish_when_scheduled(client, page, approver):
    from django.core.management import call_command

    revision = _emptied(page)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    with pytest.raises(Exception) as refusal:
        call_command("publish_scheduled", verbosity=0)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # not retried every minute
    return str(refusal.value)


def publish_in_bulk(client, page, approver):
    _emptied(page)
    client.force_login(approver)
    response = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {})
    return _messages(response)


def publish_an_older_revision(client, page, approver):
    older = _emptied(page)
    page.get_latest_revision_as_object().save_revision()  # a newer one comes after
    with pytest.raises(Exception) as refusal:
        older.publish(user=approver)
    return str(refusal.value)


@pytest.mark.parametrize(
    "path",
    [
        publish_in_the_editor,
        approve_in_the_workflow,
        publish_when_scheduled,
        publish_in_bulk,
        publish_an_older_revision,
    ],
)
def test_an_incomplete_notice_stays_unpublished_whichever_path_publishes_it(
    client, demo_site, path
):
    approver = UserFactory(is_superuser=True, is_staff=True)
    page = consultation_page(publish=False)
    page.save_revision()

    said = path(client, page, approver)

    page.refresh_from_db()
    assert not page.live
    said = said.lower()
    assert re.search(r"\bcel\b", said) and "komórka odpowiedzialna" in said, said


def test_submitting_an_incomplete_notice_for_approval_is_refused_with_the_fields_named(demo_site):
    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    draft = consultation_page(publish=False, subject="", draft=[])
    form = editor_form(draft, coordinator, **{"action-submit": "action-submit"})

    assert not form.is_valid()
    assert {"subject", "goal", "contact_email"} <= set(form.errors)


def test_a_complete_notice_is_published_by_its_older_revision(demo_site):
    page = consultation_page(publish=False)
    revision = page.save_revision()

    revision.publish()

    page.refresh_from_db()
    assert page.live
