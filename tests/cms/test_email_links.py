"""Every absolute link in every e-mail starts at SITE_URL: never `localhost`, `127.0.0.1`,
`example.com` or the port of another server. The e-mails are sent for real, through the
same code a resident's or a coordinator's action runs."""

import re
from pathlib import Path

import pytest
from django.core import mail

from cms.sites import sync_wagtail_site
from comments.models import Kind, Outcome
from comments.services import comment_post, position_set
from tests.factories import UserFactory, consultation_page, workshop_page

pytestmark = pytest.mark.django_db

SITE = "https://konsultacje.nadrzecze.example"
ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "comments", "consultations", "events", "subscriptions", "organisations")
ADDRESS = re.compile(r"""(?:https?:)?//[^\s"'<>)\]]+""")


@pytest.fixture
def on_site(settings, demo_site):
    """The site served at SITE; the Sites follow it as after `migrate`."""
    settings.SITE_URL = SITE
    settings.WAGTAILADMIN_BASE_URL = SITE  # cms/settings: WAGTAILADMIN_BASE_URL = SITE_URL
    sync_wagtail_site()
    return demo_site


def texts(message) -> list[str]:
    return [message.body, *(content for content, _ in getattr(message, "alternatives", []))]


def stray_links(messages) -> list[str]:
    """Absolute addresses in the messages that do not start at SITE."""
    assert messages, "no e-mail was sent"
    found = []
    for message in messages:
        for text in texts(message):
            assert "localhost" not in text and "127.0.0.1" not in text
            assert "example.com" not in text and "testserver" not in text
            found += [url for url in ADDRESS.findall(text) if not url.startswith(f"{SITE}/")]
    return found


def test_no_email_template_writes_an_address_of_its_own():
    """Templates take their links from the code (SITE_URL), never spell a host."""
    templates = [
        path
        for app in APPS
        for path in (ROOT / app / "templates").rglob("*")
        if path.is_file() and "mail" in str(path.relative_to(ROOT / app / "templates"))
    ]

    assert len(templates) > 50
    assert [path for path in templates if ADDRESS.search(path.read_text())] == []


def test_a_reply_notification_links_to_the_site(
    on_site, resident, django_capture_on_commit_callbacks
):
    page = consultation_page(slug="program-2028")
    root = comment_post(page=page, user=resident, text="Pytanie o lokale.", followup=True)
    neighbour = UserFactory(first_name="Jan", last_name="Wróblewski")
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(page=page, user=neighbour, text="Odpowiadam.", parent=root)

    assert stray_links(mail.outbox) == []


def test_the_position_email_links_to_the_site(
    on_site, resident, django_capture_on_commit_callbacks
):
    from consultations.services import version_publish

    page = consultation_page(slug="program-2028")
    version_publish(page=page, label="projekt do konsultacji")
    paragraph = page.versions.get().chapters[0]["paragraphs"][0]
    remark = comment_post(
        page=page,
        user=resident,
        kind=Kind.REMARK,
        paragraph_id=paragraph["id"],
        proposed_wording="Dodać kluby seniora.",
        justification="Brakuje ich.",
    )
    from cms.services import role_assign
    from core.roles import COORDINATORS

    coordinator = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=coordinator, role=COORDINATORS)
    with django_capture_on_commit_callbacks(execute=True):
        position_set(
            remarks=[remark], outcome=Outcome.ACCEPTED, justification="Dopisano.", by=coordinator
        )

    assert stray_links(mail.outbox) == []


def test_the_approval_workflow_emails_link_to_the_site(client, on_site):
    """Wagtail's own notification to the plenipotentiary (its templates, its base URL)."""
    from wagtail.models import WorkflowState

    from cms.services import role_assign
    from core.roles import COORDINATORS, PLENIPOTENTIARIES
    from tests.admin_forms import page_editor_data

    coordinator = UserFactory(first_name="Marek", last_name="Nowak")
    role_assign(user=coordinator, role=COORDINATORS)
    plenipotentiary = UserFactory(first_name="Anna", last_name="Wiśniewska")
    role_assign(user=plenipotentiary, role=PLENIPOTENTIARIES)
    draft = consultation_page(publish=False)
    client.force_login(coordinator)

    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        page_editor_data(client, draft, **{"action-submit": "Submit"}),
    )

    task_state = WorkflowState.objects.get(object_id=str(draft.pk)).current_task_state
    client.force_login(plenipotentiary)
    client.post(
        f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/", {"comment": ""}
    )

    told = [message for message in mail.outbox if plenipotentiary.email in message.to]
    approved = [message for message in mail.outbox if coordinator.email in message.to]
    assert told and approved
    assert stray_links(told + approved) == []
    assert any(f"{SITE}/admin/" in text for message in told for text in texts(message))


def test_the_sign_up_confirmation_links_to_the_site_whatever_host_the_request_came_by(
    client, on_site
):
    client.post(
        "/konto/signup/",
        {
            "first_name": "Zofia",
            "last_name": "Wójcik",
            "email": "zofia.wojcik@example.org",
            "password1": "Nadrzecze-Wisla-77",
            "password2": "Nadrzecze-Wisla-77",
        },
    )

    assert stray_links(mail.outbox) == []
    assert f"{SITE}/konto/confirm-email/" in mail.outbox[0].body


def test_the_registration_confirmation_links_to_the_site(
    on_site, resident, django_capture_on_commit_callbacks
):
    from events.services import registration_create

    workshop = workshop_page(title="Spotkanie stolikowe – program współpracy 2028")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(workshop=workshop, table=workshop.tables.get(), user=resident)

    assert stray_links(mail.outbox) == []


def test_the_follow_confirmation_links_to_the_site(on_site, django_capture_on_commit_callbacks):
    from subscriptions.services import follow_request

    page = consultation_page(slug="program-2028")
    with django_capture_on_commit_callbacks(execute=True):
        follow_request(page=page, email="halina.maj@example.org")

    assert stray_links(mail.outbox) == []


def test_the_wagtail_site_answers_at_site_url(on_site):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port) == ("konsultacje.nadrzecze.example", 443)
    assert site.root_url == SITE
