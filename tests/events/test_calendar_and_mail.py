"""Calendar files and e-mail about registrations: the .ics download and feed, the
confirmation, waiting-list, promotion and cancellation e-mails, the cancel link that needs
no log-in, the reminder two days before, and the person's list of registrations."""

import re
from datetime import UTC, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar
from wagtail.models import Site

from cms.mail import message_from_data, message_to_data
from events.calendar import workshop_calendar
from events.models import EventIndexPage, Registration, RegistrationStatus
from events.notifications import send_reminders
from events.services import registration_cancel, registration_create, registration_move
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(db):
    """Only the meetings index at /spotkania/ (the demo's own meetings would add e-mails)."""
    index = EventIndexPage(title="Spotkania", slug="spotkania")
    Site.objects.get(is_default_site=True).root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def workshop(meetings):
    return workshop_page(
        parent=meetings,
        title="Spotkanie stolikowe – program współpracy 2028",
        tables=[("Kultura i dziedzictwo", 1), ("Seniorzy", 10)],
    )


@pytest.fixture
def culture(workshop):
    return workshop.tables.get(name="Kultura i dziedzictwo")


@pytest.fixture
def ewa(db):
    return UserFactory(first_name="Ewa", last_name="Kamińska", email="ewa.kaminska@example.org")


@pytest.fixture
def jan(db):
    return UserFactory(first_name="Jan", last_name="Wróbel", email="jan.wrobel@example.org")


def only_event(calendar_bytes):
    calendar = Calendar.from_ical(calendar_bytes)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def invitation(message):
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert (filename, mimetype) == ("invite.ics", "text/calendar")
    return only_event(content)


def cancel_path(message):
    url = re.search(r"https?://\S+/spotkania/rezygnacja/\S+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def register(capture, **kwargs):
    with capture(execute=True):
        return registration_create(**kwargs)


# --- .ics and the feed ----------------------------------------------------------------------


def test_the_add_to_calendar_download_parses_back_with_the_meeting(workshop):
    response = Client().get(workshop.url + "kalendarz/")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, event = only_event(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["SUMMARY"]) == "Spotkanie stolikowe – program współpracy 2028"
    assert event.start == workshop.starts_at.astimezone(UTC).replace(microsecond=0)
    assert event.start.utcoffset() == timedelta(0)
    assert f"DTSTART:{event.start:%Y%m%dT%H%M%S}Z" in response.content.decode()
    assert str(event["LOCATION"]) == "Urząd Miasta Nadrzecze, ul. Rynek 1, sala sesyjna"
    assert str(event["UID"]) == f"workshop-{workshop.pk}@127.0.0.1"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert workshop.url in str(event["DESCRIPTION"])


def test_the_workshop_page_links_to_the_calendar_file(workshop):
    html = Client().get(workshop.url).content.decode()

    assert f'href="{workshop.url}kalendarz/"' in html
    assert "Dodaj do kalendarza" in html


def test_a_cancelled_meeting_is_cancelled_in_calendars(workshop):
    workshop.cancelled = True
    workshop.save_revision().publish()

    _calendar, event = only_event(workshop_calendar(workshop).to_ical())

    assert str(event["STATUS"]) == "CANCELLED"


def test_the_feed_lists_live_meetings_and_not_unpublished_ones(workshop):
    workshop_page(
        parent=workshop.get_parent(), title="Spotkanie w przygotowaniu", publish=False, live=False
    )

    response = Client().get("/spotkania/kalendarz.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Spotkanie stolikowe – program współpracy 2028"]
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"workshop-{workshop.pk}@127.0.0.1"
    ]


def test_the_meetings_index_offers_the_feed(workshop):
    html = Client().get(workshop.get_parent().url).content.decode()

    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="/spotkania/kalendarz.ics"' in html


# --- E-mail ---------------------------------------------------------------------------------


def test_a_confirmed_seat_is_emailed_with_the_invitation(
    workshop, culture, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    register(django_capture_on_commit_callbacks, workshop=workshop, table=culture, user=ewa)

    (message,) = mailoutbox
    assert message.to == ["ewa.kaminska@example.org"]
    assert message.subject == (
        "Potwierdzenie zgłoszenia: Spotkanie stolikowe – program współpracy 2028"
    )
    assert "Kultura i dziedzictwo" in message.body
    assert "/spotkania/rezygnacja/" in message.body
    calendar, event = invitation(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["SUMMARY"]) == "Spotkanie stolikowe – program współpracy 2028"
    assert "Kultura i dziedzictwo" in str(event["DESCRIPTION"])
    assert str(event["ATTENDEE"]) == "mailto:ewa.kaminska@example.org"


def test_the_invitation_survives_the_e_mail_task_queue(
    workshop, culture, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    register(django_capture_on_commit_callbacks, workshop=workshop, table=culture, user=ewa)

    queued = message_from_data(message_to_data(mailoutbox[0]))

    _calendar, event = invitation(queued)
    assert str(event["SUMMARY"]) == "Spotkanie stolikowe – program współpracy 2028"


def test_a_full_table_emails_the_waiting_list_position(
    workshop, culture, ewa, jan, mailoutbox, django_capture_on_commit_callbacks
):
    registration_create(workshop=workshop, table=culture, user=ewa)
    register(django_capture_on_commit_callbacks, workshop=workshop, table=culture, user=jan)

    (message,) = mailoutbox
    assert message.to == ["jan.wrobel@example.org"]
    assert "liście oczekujących" in message.subject
    assert "Jesteś numerem 1 na jego liście oczekujących." in message.body
    assert message.attachments == []
    assert "/spotkania/rezygnacja/" in message.body


def test_a_cancellation_gives_the_seat_to_the_first_person_waiting_who_is_emailed(
    workshop, culture, ewa, jan, mailoutbox, django_capture_on_commit_callbacks
):
    seated = registration_create(workshop=workshop, table=culture, user=ewa)
    registration_create(workshop=workshop, table=culture, user=jan)
    second = UserFactory(email="zofia.lis@example.org")
    registration_create(workshop=workshop, table=culture, user=second)

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=seated, by=ewa)

    by_person = {message.to[0]: message for message in mailoutbox}
    assert set(by_person) == {"ewa.kaminska@example.org", "jan.wrobel@example.org"}
    promoted = by_person["jan.wrobel@example.org"]
    assert "Masz miejsce" in promoted.subject
    assert "potwierdzone" in promoted.body
    _calendar, event = invitation(promoted)
    assert str(event["STATUS"]) == "CONFIRMED"
    cancelled = by_person["ewa.kaminska@example.org"]
    calendar, event = invitation(cancelled)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"


# --- The cancel link ------------------------------------------------------------------------


def test_the_cancel_link_asks_first_and_cancels_on_the_button_without_logging_in(
    workshop, culture, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    registration = register(
        django_capture_on_commit_callbacks, workshop=workshop, table=culture, user=ewa
    )
    path = cancel_path(mailoutbox[0])
    anonymous = Client()

    page = anonymous.get(path)
    assert page.status_code == 200
    assert "Kultura i dziedzictwo" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED  # a mail scanner's GET

    after = anonymous.post(path, follow=True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "To zgłoszenie jest anulowane" in after.content.decode()


def test_the_cancel_link_no_longer_cancels_once_the_meeting_has_started(
    workshop, culture, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    registration = register(
        django_capture_on_commit_callbacks, workshop=workshop, table=culture, user=ewa
    )
    path = cancel_path(mailoutbox[0])

    with time_machine.travel(workshop.starts_at + timedelta(hours=1)):
        response = Client().post(path)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert response.status_code == 400
    assert "spotkanie już się rozpoczęło" in response.content.decode()


def test_a_forged_cancel_link_is_not_found(workshop, culture, ewa):
    registration = registration_create(workshop=workshop, table=culture, user=ewa)

    response = Client().post(f"/spotkania/rezygnacja/{registration.pk}:podrobiony/")

    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


# --- The reminder ---------------------------------------------------------------------------


def test_the_reminder_goes_out_once_two_days_before(
    workshop, culture, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    register(django_capture_on_commit_callbacks, workshop=workshop, table=culture, user=ewa)
    mailoutbox.clear()

    with time_machine.travel(workshop.starts_at - timedelta(days=3), tick=False):
        assert send_reminders() == 0
    with time_machine.travel(workshop.starts_at - timedelta(days=1, hours=23), tick=False):
        assert send_reminders() == 1
        assert send_reminders() == 0

    (message,) = mailoutbox
    assert message.to == ["ewa.kaminska@example.org"]
    assert message.subject.startswith("Przypomnienie: Spotkanie stolikowe")
    assert "/spotkania/rezygnacja/" in message.body
    assert Registration.objects.get(user=ewa).reminder_sent_at is not None


def test_the_periodic_job_sends_the_reminders(workshop, culture, ewa, mailoutbox):
    registration_create(workshop=workshop, table=culture, user=ewa)

    with time_machine.travel(workshop.starts_at - timedelta(hours=30), tick=False):
        call_command("periodic", verbosity=0)

    assert [message.subject[:13] for message in mailoutbox] == ["Przypomnienie"]


def test_nobody_waiting_is_reminded(workshop, culture, ewa, jan, mailoutbox):
    registration_create(workshop=workshop, table=culture, user=ewa)
    registration_create(workshop=workshop, table=culture, user=jan)  # waiting

    with time_machine.travel(workshop.starts_at - timedelta(days=1), tick=False):
        send_reminders()

    assert [message.to for message in mailoutbox] == [["ewa.kaminska@example.org"]]


# --- My registrations -----------------------------------------------------------------------


def test_the_account_lists_my_registrations_with_table_and_waiting_position(
    client, workshop, culture, ewa, jan
):
    registration_create(workshop=workshop, table=culture, user=ewa)
    registration_create(workshop=workshop, table=culture, user=jan)
    client.force_login(jan)

    html = client.get("/konto/zgloszenia/").content.decode()

    assert "Moje zgłoszenia" in html
    assert "Spotkanie stolikowe – program współpracy 2028" in html
    assert "Kultura i dziedzictwo" in html
    assert "nr 1 na liście oczekujących" in html
    assert f'action="{workshop.url}anuluj/"' in html


def test_my_registrations_need_logging_in(client):
    response = client.get("/konto/zgloszenia/")

    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_moving_to_a_full_table_emails_the_position_and_withdraws_the_invitation(
    workshop, culture, ewa, jan, mailoutbox, django_capture_on_commit_callbacks
):
    registration_create(workshop=workshop, table=culture, user=ewa)
    moving = registration_create(
        workshop=workshop, table=workshop.tables.get(name="Seniorzy"), user=jan
    )

    with django_capture_on_commit_callbacks(execute=True):
        registration_move(registration=moving, table=culture, by=jan, give_up_seat=True)

    (message,) = mailoutbox
    assert message.to == ["jan.wrobel@example.org"]
    assert "jesteś numerem 1 na jego liście oczekujących" in message.body
    calendar, _event = invitation(message)
    assert str(calendar["METHOD"]) == "CANCEL"


def test_publishing_a_meeting_as_cancelled_tells_everyone_registered_once(
    workshop, culture, ewa, jan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(workshop=workshop, table=culture, user=ewa)
        registration_create(workshop=workshop, table=culture, user=jan)  # waiting
    mailoutbox.clear()

    workshop.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()
        workshop.save_revision().publish()  # published again: nobody is told twice

    assert sorted(message.to[0] for message in mailoutbox) == [ewa.email, jan.email]
    message = next(message for message in mailoutbox if message.to == [ewa.email])
    assert message.subject == f"Spotkanie odwołane: {workshop.title}"
    calendar, event = invitation(message)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_meeting_published_without_cancelling_sends_no_cancellation(
    workshop, culture, ewa, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(workshop=workshop, table=culture, user=ewa)
    mailoutbox.clear()

    workshop.description = "Zmieniamy salę na większą."
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()

    assert mailoutbox == []
