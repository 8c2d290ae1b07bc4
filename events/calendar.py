"""Workshops as iCalendar (RFC 5545): the "add to calendar" download of one meeting, the
personal invitation attached to e-mails, and the feed of all public meetings.

Times are written in UTC. A meeting keeps one UID (`workshop-<pk>@<host>`) in the download
and the feed, so a calendar that has both shows it once; a personal invitation has its
own UID per registration, so cancelling it (METHOD:CANCEL) never touches the public entry.
SEQUENCE grows with the time of the last change (minutes since 2025), so a later file
replaces an earlier one in the person's calendar.
"""

from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from cms.models import GminaSettings

# The feed shows upcoming meetings and those of the last RECENT_DAYS.
RECENT_DAYS = 90
CONTENT_TYPE = "text/calendar; charset=utf-8"
_SEQUENCE_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def workshop_uid(workshop) -> str:
    return f"workshop-{workshop.pk}@{site_host()}"


def registration_uid(registration) -> str:
    return f"workshop-{registration.workshop_id}-registration-{registration.pk}@{site_host()}"


def page_url(workshop) -> str:
    url = workshop.url or ""
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


def _prodid() -> str:
    return f"-//{site_host()}//konsultacje//PL"


def _sequence(moment) -> int:
    if moment is None:
        return 0
    return max(int((moment - _SEQUENCE_EPOCH).total_seconds() // 60), 0)


def _utc(moment):
    return moment.astimezone(UTC) if moment else None


def _gmina(workshop=None):
    site = workshop.get_site() if workshop is not None else None
    if site is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
    return GminaSettings.for_site(site) if site is not None else None


def _organizer(gmina) -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if gmina is not None and gmina.email:
        address = gmina.email
        name = gmina.office_name or gmina.name
    return vCalAddress.new(address, cn=name or None)


def location(workshop) -> str:
    parts = [workshop.venue_address, workshop.venue_room]
    place = ", ".join(part for part in parts if part)
    return place or workshop.online_url


def description(workshop, registration=None) -> str:
    lines = []
    if workshop.cancelled:
        lines.append(_("This meeting has been cancelled."))
    if registration is not None:
        lines.append(_("Your table: %(table)s") % {"table": registration.table.name})
    if workshop.description:
        lines.append(workshop.description)
    if workshop.online_url:
        lines.append(_("Online link: %(url)s") % {"url": workshop.online_url})
    if workshop.venue_accessibility:
        lines.append(
            _("Accessibility of the venue: %(text)s") % {"text": workshop.venue_accessibility}
        )
    if workshop.contact:
        lines.append(_("Contact: %(contact)s") % {"contact": workshop.contact})
    lines.append(_("Details and registration: %(url)s") % {"url": page_url(workshop)})
    return "\n\n".join(lines)


def workshop_event(workshop, *, registration=None, cancelled=False, gmina=None, now=None) -> Event:
    """One VEVENT. With `registration`, the person's own invitation: their table in the
    description, them as the attendee; `cancelled` marks their place given up."""
    now = now or timezone.now()
    gmina = gmina if gmina is not None else _gmina(workshop)
    last_change = workshop.last_published_at or workshop.latest_revision_created_at
    uid = workshop_uid(workshop)
    if registration is not None:
        uid = registration_uid(registration)
        last_change = now
    event = Event.new(
        uid=uid,
        stamp=_utc(now),
        start=_utc(workshop.starts_at),
        end=_utc(workshop.ends_at),
        summary=workshop.title,
        location=location(workshop) or None,
        description=description(workshop, registration),
        url=page_url(workshop),
        organizer=_organizer(gmina),
        status="CANCELLED" if (workshop.cancelled or cancelled) else "CONFIRMED",
        sequence=_sequence(last_change),
    )
    if registration is not None and registration.user.email:
        event.add(
            "attendee",
            vCalAddress.new(
                registration.user.email,
                cn=registration.user.get_full_name() or None,
                role="REQ-PARTICIPANT",
                partstat="DECLINED" if cancelled else "ACCEPTED",
                rsvp=False,
            ),
        )
    return event


def _calendar(*, method: str, name: str | None = None, uid: str | None = None) -> Calendar:
    return Calendar.new(
        prodid=_prodid(),
        method=method,
        name=name,
        uid=uid or f"calendar@{site_host()}",
    )


def workshop_calendar(workshop, *, registration=None, cancelled=False, now=None) -> Calendar:
    """The calendar of one meeting: PUBLISH for the download; for a registration, a
    REQUEST (the person's invitation) or a CANCEL (`cancelled`: they gave up the seat)."""
    method = "PUBLISH"
    if registration is not None:
        method = "CANCEL" if cancelled else "REQUEST"
    calendar = _calendar(method=method, uid=workshop_uid(workshop))
    calendar.add_component(
        workshop_event(workshop, registration=registration, cancelled=cancelled, now=now)
    )
    return calendar


def public_workshops(now=None):
    """Live meetings anyone may see, upcoming or of the last RECENT_DAYS, by start."""
    from events.models import WorkshopPage

    now = now or timezone.now()
    return (
        WorkshopPage.objects.live()
        .public()
        .filter(starts_at__isnull=False, ends_at__isnull=False)
        .filter(ends_at__gte=now - timedelta(days=RECENT_DAYS))
        .order_by("starts_at", "pk")
    )


def feed_calendar(now=None) -> Calendar:
    """All public meetings, upcoming and recent (cancelled ones marked STATUS:CANCELLED)."""
    gmina = _gmina()
    name = _("Consultation meetings")
    if gmina is not None:
        name = f"{name} – {gmina.name}"
    calendar = _calendar(method="PUBLISH", name=name, uid=f"workshops@{site_host()}")
    for workshop in public_workshops(now):
        calendar.add_component(workshop_event(workshop, gmina=gmina, now=now))
    return calendar


def ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workshop_ics(request, workshop) -> HttpResponse:
    """The "add to calendar" download (WorkshopPage's `kalendarz/` route; the file is
    `<slug>.ics`)."""
    if workshop.starts_at is None or workshop.ends_at is None:
        raise Http404
    return ics_response(workshop_calendar(workshop), f"{workshop.slug}.ics")


def feed(request) -> HttpResponse:
    """The iCal feed of all public meetings (`/spotkania/kalendarz.ics`), for subscribing."""
    response = ics_response(feed_calendar(), "spotkania.ics")
    response["Content-Disposition"] = 'inline; filename="spotkania.ics"'
    return response
