"""Reads for the coordinator tools: who sits at which table, who waits and in what order."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import Registration, RegistrationStatus, WorkshopPage, WorkshopTable


@dataclass
class TableRoster:
    """One table's registrations: confirmed by registration time, the waiting list in the
    order seats are handed out (each with `.position`, 1 = next to get a seat), cancelled."""

    table: WorkshopTable
    confirmed: list[Registration] = field(default_factory=list)
    waiting: list[Registration] = field(default_factory=list)
    cancelled: list[Registration] = field(default_factory=list)

    @property
    def seats_taken(self) -> int:
        return len(self.confirmed)

    @property
    def seats_free(self) -> int:
        return max(self.table.capacity - self.seats_taken, 0)

    @property
    def confirmed_by_name(self) -> list[Registration]:
        """For the attendance list: people find their line by surname."""
        return sorted(
            self.confirmed,
            key=lambda r: (r.user.last_name.lower(), r.user.first_name.lower(), r.user.email),
        )


def registration_name(registration: Registration) -> str:
    return registration.user.get_full_name() or registration.user.email


def workshop_rosters(*, workshop: WorkshopPage) -> list[TableRoster]:
    """Every table of the meeting in the editor's order, with its registrations."""
    rosters = {
        table.pk: TableRoster(table=table)
        for table in WorkshopTable.objects.filter(workshop=workshop).order_by("sort_order", "pk")
    }
    registrations = (
        Registration.objects.filter(workshop=workshop)
        .select_related("user", "organisation")
        .order_by("created_at", "pk")  # the waiting list's order (RegistrationQuerySet.waiting)
    )
    for registration in registrations:
        roster = rosters.get(registration.table_id)
        if roster is None:  # pragma: no cover - a table always belongs to its meeting
            continue
        if registration.status == RegistrationStatus.CONFIRMED:
            roster.confirmed.append(registration)
        elif registration.status == RegistrationStatus.WAITING:
            registration.position = len(roster.waiting) + 1
            roster.waiting.append(registration)
        else:
            roster.cancelled.append(registration)
    return list(rosters.values())


def table_roster(*, table: WorkshopTable) -> TableRoster:
    return next(r for r in workshop_rosters(workshop=table.workshop) if r.table.pk == table.pk)


def table_recipients(*, table: WorkshopTable, include_waiting: bool) -> list[Registration]:
    """Whom a message to the table reaches: the confirmed, and those waiting if asked."""
    statuses = [RegistrationStatus.CONFIRMED]
    if include_waiting:
        statuses.append(RegistrationStatus.WAITING)
    return list(
        Registration.objects.filter(table=table, status__in=statuses)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def editable_workshops(*, user):
    """The meetings whose pages `user` may edit: whose registrations they may see."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return WorkshopPage.objects.filter(pk__in=editable.values("pk"))


def workshops_with_fill(*, workshops) -> list[WorkshopPage]:
    """`workshops` newest first, each with `seats`, `confirmed`, `waiting` and `fill`
    (confirmed seats as a percentage of all seats)."""
    workshops = list(workshops.order_by("-starts_at", "-pk"))
    seats = dict(
        WorkshopTable.objects.filter(workshop__in=workshops)
        .order_by()
        .values_list("workshop")
        .annotate(seats=Sum("capacity"))
    )
    counts = {
        row["workshop"]: row
        for row in Registration.objects.filter(workshop__in=workshops)
        .order_by()
        .values("workshop")
        .annotate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
    }
    for workshop in workshops:
        workshop.seats = seats.get(workshop.pk, 0)
        workshop.confirmed = counts.get(workshop.pk, {}).get("confirmed", 0)
        workshop.waiting = counts.get(workshop.pk, {}).get("waiting", 0)
        workshop.fill = round(100 * workshop.confirmed / workshop.seats) if workshop.seats else 0
    return workshops


def meetings_of_consultations(*, consultations, now=None) -> dict[int, list[WorkshopPage]]:
    """The live public meetings, not cancelled nor over, published under each of
    `consultations`, by the consultation's pk; each with `seats_left` (free seats at all its
    tables), `registration_open` and `registration_ahead` (it opens later). Three queries,
    however many consultations."""
    now = now or timezone.now()
    if not consultations:
        return {}
    under = Q()
    for consultation in consultations:
        under |= Q(path__startswith=consultation.path, depth__gt=consultation.depth)
    meetings = list(
        WorkshopPage.objects.live()
        .public()
        .filter(under, cancelled=False)
        .exclude(ends_at__lte=now)
        .order_by("starts_at", "pk")
    )
    free = dict.fromkeys((meeting.pk for meeting in meetings), 0)
    tables = (
        WorkshopTable.objects.filter(workshop__in=meetings)
        .order_by()
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .values_list("workshop", "capacity", "confirmed")
    )
    for workshop, capacity, confirmed in tables:
        free[workshop] += max(capacity - confirmed, 0)
    found = {consultation.pk: [] for consultation in consultations}
    for meeting in meetings:
        meeting.seats_left = free[meeting.pk]
        meeting.registration_open = meeting.registration_is_open(now)
        meeting.registration_ahead = bool(
            meeting.registration_opens_at and now < meeting.registration_opens_at
        )
        for consultation in consultations:
            if meeting.path.startswith(consultation.path):
                found[consultation.pk].append(meeting)
    return found


def registration_moments(*, root) -> list:
    """When registration for a meeting under `root` opens or closes, or the meeting ends:
    what the home page shows about it changes by the clock then."""
    rows = (
        WorkshopPage.objects.live()
        .descendant_of(root)
        .values_list("registration_opens_at", "registration_closes_at", "ends_at")
    )
    return [moment for row in rows for moment in row if moment]
