"""The coordinator's dashboard: a panel on the Wagtail admin's home page.

What needs a coordinator's attention across every consultation, at a glance: open
consultations with their comments and remarks, closed ones whose report is still due (days
to the deadline of the local rules, overdue in red and in words), upcoming table meetings
with how full they are, and opinions of the public benefit council still awaited.

Read in a fixed number of queries whatever the number of consultations and meetings: the
consultations in one query, their comment and remark counts in one grouped query, the
meetings in one and their tables' seats in another (`coordinator_dashboard`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.models import GminaSettings
from comments.models import Comment, Kind
from comments.services import OFFICIAL_PERMISSION
from consultations.models import ConsultationPage, ConsultationStatus
from events.models import RegistrationStatus, WorkshopPage, WorkshopTable
from events.selectors import editable_workshops

# --- Rows ------------------------------------------------------------------------------------


@dataclass
class ConsultationRow:
    page: ConsultationPage
    comments: int = 0
    remarks: int = 0
    without_position: int = 0
    report_deadline: date | None = None
    days_left: int | None = None  # to the report deadline; negative once it has passed

    @property
    def is_overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.is_overdue else 0


@dataclass
class WorkshopRow:
    workshop: WorkshopPage
    seats: int = 0
    confirmed: int = 0
    waiting: int = 0
    tables: int = 0
    full_tables: int = 0

    @property
    def fill(self) -> int:
        """Confirmed seats as a percentage of all seats."""
        return round(100 * self.confirmed / self.seats) if self.seats else 0


@dataclass
class CouncilOpinionRow:
    page: ConsultationPage
    requested_on: date
    due_on: date
    days_left: int  # negative once the 14 days have passed

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.is_overdue else 0


@dataclass
class CoordinatorDashboard:
    open_consultations: list[ConsultationRow] = field(default_factory=list)
    reports_due: list[ConsultationRow] = field(default_factory=list)
    workshops: list[WorkshopRow] = field(default_factory=list)
    council_opinions: list[CouncilOpinionRow] = field(default_factory=list)


# --- Who sees it -----------------------------------------------------------------------------


def _editable_consultations(user):
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return ConsultationPage.objects.filter(pk__in=editable.values("pk"))


def may_see_dashboard(user) -> bool:
    """City staff who answer remarks, and whoever may edit a consultation page."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(OFFICIAL_PERMISSION) or _editable_consultations(user).exists()


def _consultations_for(user):
    if user.has_perm(OFFICIAL_PERMISSION):
        return ConsultationPage.objects.all()
    return _editable_consultations(user)


# --- The reads -------------------------------------------------------------------------------


def _comment_counts(pages) -> dict[str, dict]:
    """Per page id (as text: comments point at their page through `object_pk`): comments,
    remarks and remarks without a position, in one grouped query. Removed ones do not count."""
    if not pages:
        return {}
    rows = (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(ConsultationPage),
            object_pk__in=[str(page.pk) for page in pages],
            is_removed=False,
        )
        .order_by()
        .values("object_pk")
        .annotate(
            comments=Count("pk", filter=Q(kind=Kind.COMMENT)),
            remarks=Count("pk", filter=Q(kind=Kind.REMARK)),
            without_position=Count("pk", filter=Q(kind=Kind.REMARK, position__isnull=True)),
        )
    )
    return {row["object_pk"]: row for row in rows}


def _consultation_rows(*, user, gmina, now, today):
    """(open, closed without a report, council opinions awaited), one query for the pages
    and one for their counts."""
    awaiting_council = Q(
        council_opinion_requested_on__isnull=False,
        council_opinion="",
        council_opinion_document__isnull=True,
    )
    pages = list(
        _consultations_for(user)
        .live()
        .filter(report_published_at__isnull=True)
        .filter(Q(opens_at__lte=now, closes_at__isnull=False) | awaiting_council)
        .defer("draft")
        .order_by("closes_at", "pk")
    )
    counts = _comment_counts(pages)
    open_rows, closed_rows, council_rows = [], [], []
    for page in pages:
        status = page.status(now)
        if status in (ConsultationStatus.OPEN, ConsultationStatus.CLOSED):
            found = counts.get(str(page.pk), {})
            row = ConsultationRow(
                page=page,
                comments=found.get("comments", 0),
                remarks=found.get("remarks", 0),
                without_position=found.get("without_position", 0),
            )
            if status == ConsultationStatus.OPEN:
                open_rows.append(row)
            else:
                row.report_deadline = page.report_deadline(gmina)
                row.days_left = (row.report_deadline - today).days
                closed_rows.append(row)
        if page.council_opinion_state(today) in ("pending", "not_given"):
            due_on = page.council_opinion_due_on
            council_rows.append(
                CouncilOpinionRow(
                    page=page,
                    requested_on=page.council_opinion_requested_on,
                    due_on=due_on,
                    days_left=(due_on - today).days,
                )
            )
    closed_rows.sort(key=lambda row: (row.report_deadline, row.page.pk))
    council_rows.sort(key=lambda row: (row.due_on, row.page.pk))
    return open_rows, closed_rows, council_rows


def _workshop_rows(*, user, now) -> list[WorkshopRow]:
    """Meetings still to come that the person may manage, soonest first, with their seats:
    one query for the meetings and one for their tables."""
    workshops = list(
        editable_workshops(user=user)
        .live()
        .filter(starts_at__gt=now, cancelled=False)
        .order_by("starts_at", "pk")
    )
    rows = {workshop.pk: WorkshopRow(workshop=workshop) for workshop in workshops}
    tables = (
        WorkshopTable.objects.filter(workshop__in=list(rows))
        .order_by()
        .values("pk", "workshop_id", "capacity")  # pk: tables of equal size stay apart
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
    )
    for table in tables if rows else []:
        row = rows[table["workshop_id"]]
        row.tables += 1
        row.seats += table["capacity"]
        row.confirmed += table["confirmed"]
        row.waiting += table["waiting"]
        row.full_tables += table["confirmed"] >= table["capacity"]
    return list(rows.values())


def coordinator_dashboard(*, user, gmina: GminaSettings, now=None) -> CoordinatorDashboard:
    """Everything the panel shows, for `user`: a fixed number of queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_rows, closed_rows, council_rows = _consultation_rows(
        user=user, gmina=gmina, now=now, today=today
    )
    return CoordinatorDashboard(
        open_consultations=open_rows,
        reports_due=closed_rows,
        workshops=_workshop_rows(user=user, now=now),
        council_opinions=council_rows,
    )


# --- The panel -------------------------------------------------------------------------------


class CoordinatorDashboardPanel(Component):
    """Registered in consultations/wagtail_hooks.py for people `may_see_dashboard` admits."""

    name = "coordinator_dashboard"
    template_name = "reporting/dashboard/panel.html"
    order = 50  # above Wagtail's own panels (workflow tasks, recent edits: 210 and more)

    class Media:
        css = {"all": ["consultations/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        request = self.request
        return {
            "dashboard": coordinator_dashboard(
                user=request.user, gmina=GminaSettings.for_request(request)
            ),
            "can_give_positions": request.user.has_perm(OFFICIAL_PERMISSION),
            "request": request,
        }
