"""E-mail to the followers of a consultation: when it opens, two days before it closes, a
new public version, the report. Each event once per person, only to confirmed followers,
only about what happened after they followed, and never about events long past."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.mail import message_from_data, message_to_data
from consultations.models import ConsultationPage
from consultations.services import version_publish
from consultations.signals import report_published
from subscriptions.models import NotificationSent
from subscriptions.notifications import send_due_notifications
from tests.factories import FollowFactory, UserFactory, consultation_page
from tests.subscriptions.helpers import html_of

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture
def ewa(consultation):
    return FollowFactory(page=consultation, email="ewa.kaminska@example.org")


@pytest.fixture
def unconfirmed(consultation):
    return FollowFactory(page=consultation, email="niepotwierdzony@example.org", confirmed_at=None)


@pytest.fixture
def jan(consultation):
    """A logged-in follower: the e-mail goes to his account's address."""
    user = UserFactory(first_name="Jan", last_name="Wróbel", email="jan.wrobel@example.org")
    return FollowFactory(page=consultation, user=user, email=user.email)


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


# --- Opening --------------------------------------------------------------------------------


def test_confirmed_followers_are_emailed_once_when_the_consultation_opens(
    consultation, ewa, jan, unconfirmed, mailoutbox
):
    opened = consultation.opens_at + MINUTE

    send_due_notifications(now=opened)
    send_due_notifications(now=opened + MINUTE)

    assert recipients(mailoutbox) == ["ewa.kaminska@example.org", "jan.wrobel@example.org"]
    message = mailoutbox[0]
    assert message.subject == "Konsultacje się rozpoczęły: Program współpracy na 2028 rok"
    assert "http://127.0.0.1:8000/konsultacje/program-2028/" in message.body
    assert 'href="http://127.0.0.1:8000/konsultacje/program-2028/"' in html_of(message)


def test_an_unconfirmed_follower_gets_nothing(consultation, unconfirmed, mailoutbox):
    send_due_notifications(now=consultation.opens_at + MINUTE)

    assert mailoutbox == []


def test_nothing_is_sent_before_the_consultation_opens(consultation, ewa, mailoutbox):
    send_due_notifications(now=consultation.opens_at - MINUTE)

    assert mailoutbox == []


def test_an_opening_long_past_is_not_emailed(consultation, ewa, mailoutbox):
    """The first run after deployment (or after the job was stopped) keeps quiet."""
    send_due_notifications(now=consultation.opens_at + timedelta(days=2))

    assert mailoutbox == []


def test_a_follower_is_not_told_about_an_event_before_they_followed(consultation, mailoutbox):
    FollowFactory(
        page=consultation,
        email="spozniona@example.org",
        confirmed_at=consultation.opens_at + MINUTE,
    )

    send_due_notifications(now=consultation.opens_at + 2 * MINUTE)

    assert mailoutbox == []


# --- Closing --------------------------------------------------------------------------------


def test_followers_are_reminded_once_two_days_before_it_closes(consultation, ewa, mailoutbox):
    reminder_due = consultation.closes_at - timedelta(hours=48)

    send_due_notifications(now=reminder_due - MINUTE)
    assert mailoutbox == []
    send_due_notifications(now=reminder_due + MINUTE)
    send_due_notifications(now=reminder_due + timedelta(hours=5))

    (message,) = mailoutbox
    assert message.subject == ("Zostały dwa dni na zgłaszanie uwag: Program współpracy na 2028 rok")


def test_no_reminder_once_the_consultation_has_closed(consultation, ewa, mailoutbox):
    send_due_notifications(now=consultation.closes_at + MINUTE)

    assert mailoutbox == []


# --- A new public version -------------------------------------------------------------------


def test_a_new_public_version_is_emailed_once_and_version_one_is_not(
    demo_site, mailoutbox, django_capture_on_commit_callbacks
):
    page = consultation_page(slug="program-2029", title="Program współpracy na 2029 rok")
    FollowFactory(page=page, email="ewa.kaminska@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        version_publish(page=page, label="projekt do konsultacji")
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        version_publish(page=page, label="po spotkaniu stolikowym", change_note="Nowy § 4.")
    send_due_notifications()  # the periodic sweep finds the same event: nothing more

    (message,) = mailoutbox
    assert message.subject == "Wersja 2 projektu: Program współpracy na 2029 rok"
    assert "Nowy § 4." in message.body
    assert "/konsultacje/program-2029/porownaj/?od=1&do=2" in message.body


# --- The report -----------------------------------------------------------------------------


def test_the_published_report_is_emailed_once(
    consultation, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    ConsultationPage.objects.filter(pk=consultation.pk).update(report_published_at=timezone.now())
    consultation.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=ConsultationPage, page=consultation)
    send_due_notifications()

    (message,) = mailoutbox
    assert message.subject == "Raport z konsultacji: Program współpracy na 2028 rok"
    assert "/konsultacje/program-2028/raport/" in message.body


def test_a_correction_of_the_report_is_emailed_as_its_new_edition(
    consultation, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    from consultations.models import ReportEdition

    now = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(report_published_at=now)
    consultation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=ConsultationPage, page=consultation)
    send_due_notifications()
    correction = ReportEdition.objects.create(
        page=consultation,
        number=2,
        note="stanowisko do uwagi nr 3 dotyczyło innej uwagi",
        published_at=now,
    )

    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=ConsultationPage, page=consultation, edition=correction)
    send_due_notifications()

    first, second = mailoutbox
    assert "wydanie 2" in second.subject
    assert "stanowisko do uwagi nr 3 dotyczyło innej uwagi" in second.body
    assert "/konsultacje/program-2028/raport/" in second.body


# --- Every notification ---------------------------------------------------------------------


def test_each_recipient_gets_their_own_one_click_unsubscribe_link(
    consultation, ewa, jan, mailoutbox
):
    send_due_notifications(now=consultation.opens_at + MINUTE)

    links = set()
    for message in mailoutbox:
        header = message.extra_headers["List-Unsubscribe"]
        assert header.startswith("<http://127.0.0.1:8000/powiadomienia/wypisz/")
        assert header.endswith("/>")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header.strip("<>") in message.body
        assert header.strip("<>") in html_of(message)
        links.add(header)
    assert len(links) == 2


def test_a_notification_keeps_its_headers_and_html_through_the_task_queue(
    consultation, ewa, mailoutbox
):
    send_due_notifications(now=consultation.opens_at + MINUTE)

    queued = message_from_data(message_to_data(mailoutbox[0]))

    assert queued.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Program współpracy na 2028 rok" in html_of(queued)
    assert '<html lang="pl">' in html_of(queued)


def test_every_e_mail_sent_is_recorded_by_event_and_address(consultation, ewa, jan, mailoutbox):
    send_due_notifications(now=consultation.opens_at + MINUTE)

    assert sorted(NotificationSent.objects.values_list("event", "email")) == [
        (f"opened:{consultation.pk}", "ewa.kaminska@example.org"),
        (f"opened:{consultation.pk}", "jan.wrobel@example.org"),
    ]
