"""E-mail about registrations. Each function is called by events/services.py inside the
write's transaction and sends after it commits, through the site's e-mail backend (the
background task worker, cms/mail.py).

A confirmed seat comes with the person's invitation (`invite.ics`); giving it up comes
with its cancellation, so calendars follow. Every e-mail about a live registration carries
a link that cancels it without logging in: a signed token (own salt) naming the
registration; the page behind it asks before it cancels (`events/account_views.py`).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from events import calendar

CANCEL_SALT = "events.registration.cancel"
# The reminder goes out this long before the meeting starts.
REMINDER_BEFORE = timedelta(hours=48)


def cancel_token(registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=CANCEL_SALT)


def registration_for_token(token: str):
    """The registration a cancel link names; BadSignature for a forged or damaged token,
    Registration.DoesNotExist if it is gone."""
    from events.models import Registration

    data = signing.loads(token, salt=CANCEL_SALT)
    return Registration.objects.select_related("workshop", "table", "user").get(pk=data["r"])


def cancel_url(registration) -> str:
    return settings.SITE_URL + reverse("events_cancel_by_link", args=[cancel_token(registration)])


def _message(template: str, registration, *, attach=None) -> EmailMessage:
    """Render `events/email/<template>_{subject,message}.txt` in the site's language;
    `attach` is "invite" (the person's invitation) or "cancel" (its cancellation)."""
    from events.services import waiting_position

    workshop = registration.workshop
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "workshop": workshop,
            "table": registration.table,
            "position": waiting_position(registration),
            "location": calendar.location(workshop),
            "url": calendar.page_url(workshop),
            "cancel_url": cancel_url(registration) if attach != "cancel" else "",
        }
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}_message.txt", context)
        message = EmailMessage(subject, body, None, [registration.user.email])
        if attach:
            invitation = calendar.workshop_calendar(
                workshop, registration=registration, cancelled=attach == "cancel"
            )
            message.attach("invite.ics", invitation.to_ical(), "text/calendar")
    return message


def _send_after_commit(template: str, registration, *, attach=None) -> None:
    # robust: the registration is made; a failing e-mail is logged, not shown as an error.
    transaction.on_commit(
        lambda: _message(template, registration, attach=attach).send(), robust=True
    )


def _is_confirmed(registration) -> bool:
    from events.models import RegistrationStatus

    return registration.status == RegistrationStatus.CONFIRMED


def registration_made(registration) -> None:
    """Confirmation (with the .ics) or the waiting-list notice, to the person."""
    if _is_confirmed(registration):
        _send_after_commit("confirmed", registration, attach="invite")
    else:
        _send_after_commit("waiting", registration)


def registration_moved(registration) -> None:
    """The person moved to another table: the new table, seat or waiting position."""
    # A waiting person holds no seat: their earlier invitation (if any) is withdrawn.
    _send_after_commit(
        "moved", registration, attach="invite" if _is_confirmed(registration) else "cancel"
    )


def registration_cancelled(registration) -> None:
    """Confirms a cancellation to the person."""
    _send_after_commit("cancelled", registration, attach="cancel")


def registrations_promoted(registrations) -> None:
    """People taken off a waiting list: they have a seat now (with the .ics)."""
    for registration in registrations:
        _send_after_commit("promoted", registration, attach="invite")


def meeting_cancelled(registrations) -> None:
    """The meeting is called off: everyone registered, with the calendar cancellation."""
    for registration in registrations:
        _send_after_commit("meeting_cancelled", registration, attach="cancel")


def _due_reminders(now):
    from events.models import Registration

    return (
        Registration.objects.confirmed()
        .filter(
            reminder_sent_at__isnull=True,
            workshop__live=True,
            workshop__cancelled=False,
            workshop__starts_at__gt=now,
            workshop__starts_at__lte=now + REMINDER_BEFORE,
            created_at__lt=F("workshop__starts_at") - REMINDER_BEFORE,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_reminders(*, now=None) -> int:
    """E-mail everyone with a confirmed seat at a meeting that starts within
    REMINDER_BEFORE, once. Each registration is claimed with one conditional UPDATE
    (`reminder_sent_at IS NULL`) in the transaction that queues its e-mail, so two workers
    never send the same reminder and a failed send is tried again next time. People who
    registered within that window are not reminded: their confirmation is fresh.
    Returns how many reminders were sent."""
    from events.models import Registration, RegistrationStatus

    now = now or timezone.now()
    sent = 0
    for pk in list(_due_reminders(now)):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=pk, reminder_sent_at__isnull=True, status=RegistrationStatus.CONFIRMED
            ).update(reminder_sent_at=now)
            if not claimed:
                continue  # another worker was quicker, or the seat was given up meanwhile
            registration = Registration.objects.select_related("workshop", "table", "user").get(
                pk=pk
            )
            _message("reminder", registration, attach="invite").send()
        sent += 1
    return sent
