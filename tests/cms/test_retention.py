"""Personal data is kept only as long as it serves its purpose; `manage.py periodic` erases
the rest (core/personal_data.py and each app's `expire`)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.mail import deliver_email, message_to_data
from cms.models import EmailDelivery
from comments.models import Comment
from comments.services import comment_post
from consultations.models import ConsultationPage
from events.models import Registration
from events.services import registration_create
from tests.factories import consultation_page, workshop_page

pytestmark = pytest.mark.django_db

IP = "198.51.100.23"


def run_periodic():
    call_command("periodic", verbosity=0)


@pytest.fixture
def comment(demo_site, resident):
    page = consultation_page(slug="program-2028", title="Program współpracy na 2028 rok")
    return comment_post(
        page=ConsultationPage.objects.get(pk=page.pk),
        user=resident,
        text="Proszę o dłuższe konsultacje.",
        ip_address=IP,
    )


def close(comment, *, days_ago: int, report_published: bool = False):
    now = timezone.now()
    ConsultationPage.objects.filter(pk=comment.object_pk).update(
        opens_at=now - timedelta(days=days_ago + 30),
        closes_at=now - timedelta(days=days_ago),
        report_published_at=now if report_published else None,
    )


def stored_ip(comment):
    return Comment.objects.get(pk=comment.pk).ip_address


def test_comment_ips_stay_while_the_consultation_runs(comment):
    run_periodic()

    assert stored_ip(comment) == IP


def test_comment_ips_are_erased_once_the_report_is_published(comment):
    close(comment, days_ago=10, report_published=True)

    run_periodic()

    assert stored_ip(comment) is None


def test_comment_ips_stay_for_90_days_after_closing_while_the_report_is_awaited(comment):
    close(comment, days_ago=89)

    run_periodic()

    assert stored_ip(comment) == IP


def test_comment_ips_are_erased_90_days_after_closing_without_a_report(comment):
    close(comment, days_ago=91)

    run_periodic()

    assert stored_ip(comment) is None


@pytest.fixture
def registration(demo_site, resident):
    workshop = workshop_page(title="Spotkanie stolikowe o seniorach")
    return registration_create(
        workshop=workshop,
        table=workshop.tables.get(),
        user=resident,
        accessibility_needs="Potrzebuję tłumacza PJM.",
    )


def meeting_ended(registration, *, days_ago: int):
    ends = timezone.now() - timedelta(days=days_ago)
    type(registration.workshop).objects.filter(pk=registration.workshop_id).update(
        starts_at=ends - timedelta(hours=3), ends_at=ends
    )


def stored_needs(registration):
    return Registration.objects.get(pk=registration.pk).accessibility_needs


def test_accessibility_needs_are_kept_for_30_days_after_the_meeting(registration):
    meeting_ended(registration, days_ago=29)

    run_periodic()

    assert stored_needs(registration) == "Potrzebuję tłumacza PJM."


def test_accessibility_needs_are_erased_30_days_after_the_meeting(registration):
    meeting_ended(registration, days_ago=31)

    run_periodic()

    assert stored_needs(registration) == ""


def test_periodic_deletes_expired_sessions(db):
    expired, current = SessionStore(), SessionStore()
    for session in (expired, current):
        session["comment-draft-7"] = {"comment": "Mój szkic komentarza."}
        session.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )

    run_periodic()

    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


# --- The outbox -------------------------------------------------------------------------------


@pytest.fixture
def database_queue():
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        EMAIL_RETENTION_DAYS=7,
    ):
        yield


def queued_email(**changes) -> DBTaskResult:
    """A reset-password e-mail as the task queue keeps it, with the link in its arguments."""
    message = EmailMessage(
        "Zmiana hasła",
        "Aby ustawić nowe hasło, otwórz https://konsultacje.nadrzecze.pl/konto/haslo/reset/x-1/",
        "konsultacje@nadrzecze.example",
        ["ewa.kaminska@example.org"],
    )
    result = deliver_email.enqueue(message_to_data(message))
    DBTaskResult.objects.filter(pk=result.id).update(**changes)
    return DBTaskResult.objects.get(pk=result.id)


def delivery(status, *, days_ago: int) -> EmailDelivery:
    row = EmailDelivery.objects.create(
        message_id=f"<{status}-{days_ago}@nadrzecze.example>",
        recipient="ewa.kaminska@example.org",
        status=status,
    )
    EmailDelivery.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return row


def test_finished_email_tasks_are_deleted_after_the_retention_period(database_queue):
    queued_email(status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=8))
    queued_email(status="FAILED", finished_at=timezone.now() - timedelta(days=8))
    recent = queued_email(status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=6))

    run_periodic()

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk}


def test_email_waiting_to_be_sent_is_never_pruned(database_queue):
    waiting = queued_email(run_after=timezone.now() + timedelta(days=1))
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - timedelta(days=30)
    )

    run_periodic()

    assert DBTaskResult.objects.filter(pk=waiting.pk).exists()


def test_delivery_records_of_sent_and_failed_email_are_deleted_after_the_retention_period(
    database_queue,
):
    delivery(EmailDelivery.Status.SENT, days_ago=8)
    delivery(EmailDelivery.Status.FAILED, days_ago=8)
    kept = [
        delivery(EmailDelivery.Status.SENT, days_ago=6),
        delivery(EmailDelivery.Status.DEFERRED, days_ago=8),  # still to be tried again
    ]

    run_periodic()

    assert set(EmailDelivery.objects.values_list("pk", flat=True)) == {row.pk for row in kept}
