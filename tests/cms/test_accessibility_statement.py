"""The statutory accessibility statement and its yearly review (cms/accessibility.py)."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.accessibility import send_review_reminders
from cms.models import AccessibilityStatementPage, GminaSettings
from cms.services import role_assign
from core.roles import COORDINATORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATUTORY_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


@pytest.fixture
def statement(demo_site):
    return AccessibilityStatementPage.objects.get()


@pytest.fixture
def coordinator(db):
    user = UserFactory(
        first_name="Marta", last_name="Zielińska", email="marta.zielinska@nadrzecze.example"
    )
    role_assign(user=user, role=COORDINATORS)
    return user


def overdue(statement, *, days=400):
    """The statement as if it was last reviewed `days` ago."""
    statement.prepared_on = timezone.localdate() - timedelta(days=days)
    statement.reviewed_on = None
    statement.save()
    return statement


def test_the_statement_carries_every_statutory_id_once(client, statement):
    html = client.get(statement.url).content.decode()

    for name in STATUTORY_IDS:
        assert len(re.findall(rf'\bid="{name}"', html)) == 1, name


def test_the_dates_are_machine_readable(client, statement):
    html = client.get(statement.url).content.decode()

    published = statement.published_on.isoformat()
    assert f'<time id="a11y-data-publikacja" datetime="{published}">{published}</time>' in html
    updated = statement.updated_on.isoformat()
    assert f'<time id="a11y-data-aktualizacja" datetime="{updated}">' in html


def test_the_status_and_contact_are_those_the_editor_gave(client, statement):
    html = client.get(statement.url).content.decode()

    assert "Strona internetowa jest częściowo zgodna z ustawą" in html
    assert '<span id="a11y-podmiot">Gmina Miasta Nadrzecze</span>' in html
    assert '<span id="a11y-osoba">Katarzyna Mazur</span>' in html
    assert (
        '<a id="a11y-email" href="mailto:dostepnosc@nadrzecze.example">'
        "dostepnosc@nadrzecze.example</a>" in html
    )


def test_the_seeded_statement_is_complete(statement):
    for field in (
        "entity_name",
        "published_on",
        "updated_on",
        "status",
        "inaccessible_content",
        "prepared_on",
        "preparation_method",
        "contact_person",
        "contact_email",
        "contact_phone",
        "complaint_procedure",
        "architectural_accessibility",
        "mobile_apps",
    ):
        assert getattr(statement, field), field
    assert statement.live


def test_the_footer_and_the_meta_tag_point_at_the_statement(client, statement, settings):
    settings.SITE_URL = "https://konsultacje.nadrzecze.example"
    assert GminaSettings.objects.get().accessibility_statement_page_id == statement.pk

    html = client.get("/konsultacje/").content.decode()

    assert '<a href="/deklaracja-dostepnosci/">Deklaracja dostępności</a>' in html
    assert (
        '<meta name="deklaracja-dostępności" '
        'content="https://konsultacje.nadrzecze.example/deklaracja-dostepnosci/">' in html
    )


def test_seeding_again_replaces_an_earlier_plain_page_and_changes_nothing_after(demo_site):
    demo_site.build(discussion=False)

    assert AccessibilityStatementPage.objects.count() == 1


def test_an_overdue_statement_is_reminded_to_the_coordinators_once(
    statement, coordinator, mailoutbox
):
    overdue(statement)

    call_command("periodic", verbosity=0)
    call_command("periodic", verbosity=0)

    reminders = [m for m in mailoutbox if "deklaracja dostępności" in m.subject.lower()]
    assert len(reminders) == 1
    assert coordinator.email in reminders[0].to
    assert "przegląd" in reminders[0].subject


def test_a_statement_reviewed_within_the_year_is_not_reminded(statement, coordinator, mailoutbox):
    overdue(statement, days=300)

    assert send_review_reminders() == 0


def test_a_review_that_becomes_overdue_again_is_reminded_again(statement, coordinator):
    overdue(statement)
    assert send_review_reminders() == 1

    statement.reviewed_on = timezone.localdate() - timedelta(days=370)  # reviewed, a year ago
    statement.save()

    assert send_review_reminders() == 1
    assert send_review_reminders() == 0


def test_publishing_a_revision_does_not_forget_the_reminder(statement, coordinator):
    overdue(statement)
    statement.save_revision().publish()
    assert send_review_reminders() == 1

    statement = AccessibilityStatementPage.objects.get()
    statement.title = "Deklaracja dostępności serwisu"
    statement.save_revision().publish()

    assert send_review_reminders() == 0


def test_the_admin_home_warns_whoever_may_edit_an_overdue_statement(client, statement, coordinator):
    overdue(statement)
    client.force_login(coordinator)

    html = client.get("/admin/").content.decode()

    assert "Deklaracja dostępności czeka na coroczny przegląd" in html


def test_a_coordinator_records_the_review_in_the_editor_and_the_warning_goes(
    client, statement, coordinator
):
    from tests.admin_forms import page_editor_data

    overdue(statement)
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()

    data = page_editor_data(client, statement, reviewed_on=today, **{"action-publish": "1"})
    response = client.post(f"/admin/pages/{statement.pk}/edit/", data)

    assert response.status_code == 302
    assert AccessibilityStatementPage.objects.get().reviewed_on.isoformat() == today
    assert "czeka na coroczny przegląd" not in client.get("/admin/").content.decode()
