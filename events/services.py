"""Writes of workshop registrations: never more confirmed seats than a table has.

Every write that can take or free a seat locks the table rows it touches first
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite runs write transactions one at a time,
`IMMEDIATE`), then counts and decides inside the same transaction. Count-then-insert
without the lock put 14 people on 5 seats in a probe on PostgreSQL.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from events import live, notifications
from events.models import Registration, RegistrationStatus, WorkshopPage, WorkshopTable
from events.selectors import registration_name, table_recipients
from organisations.services import representation_check


def registration_refusal(*, workshop: WorkshopPage, user, now=None) -> ValidationError | None:
    """Why `user` may not register for `workshop` now, or None."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return ValidationError(_("Log in to register."), code="logged_out")
    if workshop.cancelled:
        return ValidationError(_("This meeting has been cancelled."), code="cancelled")
    if workshop.registration_opens_at and now < workshop.registration_opens_at:
        return ValidationError(_("Registration has not opened yet."), code="not_open_yet")
    if workshop.registration_closes_at is None or now >= workshop.registration_closes_at:
        return ValidationError(_("The registration deadline has passed."), code="deadline_passed")
    return None


def cancellation_refusal(*, registration: Registration, now=None) -> ValidationError | None:
    """Why `registration` may no longer be cancelled, or None. Once the meeting has
    started its attendance is on the record (the consultation report counts it), so no
    path (the link from the e-mail, the meeting page, the admin) cancels any more."""
    now = now or timezone.now()
    starts_at = registration.workshop.starts_at
    if starts_at is not None and now >= starts_at:
        return ValidationError(
            _("The meeting has already started; the registration can no longer be cancelled."),
            code="meeting_started",
        )
    return None


def _lock_tables(*tables: WorkshopTable) -> None:
    """Lock the tables in primary-key order, so two moves never wait on each other."""
    ids = sorted({table.pk for table in tables})
    list(WorkshopTable.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _seats_taken(table: WorkshopTable) -> int:
    return Registration.objects.filter(table=table).confirmed().count()


def registration_create(
    *,
    workshop: WorkshopPage,
    table: WorkshopTable,
    user,
    organisation=None,
    organisation_name: str = "",
    accessibility_needs: str = "",
    waitlist: bool = True,
) -> Registration:
    """Register `user` at `table`: confirmed if a seat is free, else on the waiting list
    (when `waitlist`; otherwise refused as full)."""
    refusal = registration_refusal(workshop=workshop, user=user)
    if refusal is not None:
        raise refusal
    if table.workshop_id != workshop.pk:
        raise ValidationError(_("This table belongs to another meeting."), code="bad_table")
    representation_check(user=user, organisation=organisation)
    try:
        with transaction.atomic():
            _lock_tables(table)
            if Registration.objects.active().filter(workshop=workshop, user=user).exists():
                raise ValidationError(
                    _("You are already registered for this meeting."), code="already_registered"
                )
            full = _seats_taken(table) >= table.capacity
            if full and not waitlist:
                raise ValidationError(_("This table is full."), code="table_full")
            registration = Registration.objects.create(
                workshop=workshop,
                table=table,
                user=user,
                organisation=organisation,
                organisation_name=(organisation.name if organisation else organisation_name)[:300],
                accessibility_needs=accessibility_needs.strip(),
                status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
            )
            notifications.registration_made(registration)
            live.seats_changed(workshop.pk)
            return registration
    except IntegrityError as error:  # the same person, twice at the same moment
        raise ValidationError(
            _("You are already registered for this meeting."), code="already_registered"
        ) from error


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting at the table, and so on."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.filter(table=registration.table)
        .waiting()
        .filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )


def _promote(table: WorkshopTable) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served (table locked)."""
    free = table.capacity - _seats_taken(table)
    promoted = list(Registration.objects.filter(table=table).waiting()[: max(free, 0)])
    if promoted:
        Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
            status=RegistrationStatus.CONFIRMED
        )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
    return promoted


def registration_cancel(*, registration: Registration, by) -> list[Registration]:
    """Cancel; the freed seat goes to the first person waiting. Returns who was promoted."""
    if registration.user_id != by.pk and not by.has_perm("events.change_registration"):
        raise ValidationError(_("This is not your registration."), code="not_yours")
    refusal = cancellation_refusal(registration=registration)
    if refusal is not None:
        raise refusal
    with transaction.atomic():
        _lock_tables(registration.table)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return []
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _promote(registration.table)
        notifications.registration_cancelled(registration)
        notifications.registrations_promoted(promoted)
        live.seats_changed(registration.workshop_id)
        return promoted


def registration_move(
    *, registration: Registration, table: WorkshopTable, by, give_up_seat: bool = False
) -> Registration:
    """Move to another table of the same meeting in one step: a seat there if one is free,
    else its waiting list; the seat left behind goes to that table's first person waiting.

    A confirmed seat is given up for a place on a full table's waiting list only when the
    person said so (`give_up_seat`); otherwise that is refused with the code
    "gives_up_seat", decided under the lock so a table filling meanwhile is caught too."""
    if registration.user_id != by.pk:
        raise ValidationError(_("This is not your registration."), code="not_yours")
    refusal = registration_refusal(workshop=registration.workshop, user=by)
    if refusal is not None:
        raise refusal
    if table.workshop_id != registration.workshop_id:
        raise ValidationError(_("This table belongs to another meeting."), code="bad_table")
    with transaction.atomic():
        old_table = registration.table
        _lock_tables(old_table, table)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("This registration was cancelled."), code="cancelled")
        if registration.table_id == table.pk:
            return registration
        full = _seats_taken(table) >= table.capacity
        if full and registration.status == RegistrationStatus.CONFIRMED and not give_up_seat:
            raise ValidationError(
                _(
                    "The table “%(table)s” is full: moving there gives up your seat and puts "
                    "you on its waiting list."
                )
                % {"table": table.name},
                code="gives_up_seat",
            )
        registration.table = table
        registration.status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
        registration.created_at = timezone.now()  # the back of the new queue, if waiting
        registration.save(update_fields=["table", "status", "created_at"])
        promoted = _promote(old_table)
        notifications.registration_moved(registration)
        notifications.registrations_promoted(promoted)
        live.seats_changed(registration.workshop_id)
    return registration


def table_message_send(
    *, table: WorkshopTable, subject: str, message: str, include_waiting: bool, sender
) -> int:
    """E-mail the coordinator's message to everybody confirmed at `table` (and those waiting,
    if asked): one e-mail per person, replies going to the sender. The sending is noted in
    the meeting's history. Returns the number of people written to."""
    recipients = table_recipients(table=table, include_waiting=include_waiting)
    if not recipients:
        raise ValidationError(_("Nobody is registered at this table."), code="no_recipients")
    workshop = table.workshop
    emails = []
    with translation.override(settings.LANGUAGE_CODE):
        for registration in recipients:
            body = render_to_string(
                "events/admin/table_message_email.txt",
                {
                    "message": message.strip(),
                    "registration": registration,
                    "name": registration_name(registration),
                    "table": table,
                    "workshop": workshop,
                    "sender": sender,
                    "url": f"{settings.SITE_URL}{workshop.url}",
                },
            )
            emails.append(
                EmailMessage(
                    subject.strip(), body, None, [registration.user.email], reply_to=[sender.email]
                )
            )
    get_connection().send_messages(emails)  # the task queue backend: nothing waits for SMTP
    log(
        instance=workshop,
        action="events.table_message",
        user=sender,
        data={
            "table": table.name,
            "subject": subject.strip(),
            "recipients": len(emails),
            "include_waiting": include_waiting,
        },
    )
    return len(emails)


def workshop_cancellation_announce(*, workshop: WorkshopPage) -> int:
    """Tell everyone registered that the meeting is cancelled (called when the page is
    published), each person once: their registration is claimed with a conditional UPDATE,
    so two workers never both send. Publishing the meeting as not cancelled re-arms it.
    Returns how many people were told."""
    registrations = Registration.objects.active().filter(workshop=workshop)
    if not workshop.cancelled:
        registrations.update(cancellation_notice_sent_at=None)
        return 0
    with transaction.atomic():
        pending = list(
            registrations.filter(cancellation_notice_sent_at__isnull=True)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Registration.objects.filter(pk__in=pending).update(
            cancellation_notice_sent_at=timezone.now()
        )
        told = list(
            Registration.objects.filter(pk__in=pending).select_related("workshop", "table", "user")
        )
        notifications.meeting_cancelled(told)
    return len(told)
