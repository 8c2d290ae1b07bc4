"""The consultation report (*raport z konsultacji*): every formal remark in document order
with the city's position, and a summary of how the consultation went.

`report_build` reads everything the report shows in a fixed number of SQL queries, however
many remarks there are. The HTML page (templates/reporting/report/), the PDF
(pdf.py) and the XLSX and CSV downloads show the same `COLUMNS`, filled from
`ReportRow.cells()`. `report_publish` publishes the report when the consultation is over
and every remark has a position, as a numbered `ReportEdition`: its four files are built
then, once, stored with their SHA-256 and served as stored. After that nothing the report
shows may change (consultations.services.report_require_editable guards every such write)
until a coordinator opens a correction (`report_correction_open`), which is published as
the next edition; earlier editions stay at `…/raport/wydanie/<n>/`.

Remarks are hostile input: templates escape them, the spreadsheets neutralise formula
starts (core/exports.py), the PDF escapes its markup and breaks long words.

This module: what the report shows, read in a fixed number of queries (`report_build`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from comments.models import Channel, Comment, Kind, Outcome, Status
from consultations.models import ConsultationPage, DraftVersion, ReportEdition
from events.models import Registration, RegistrationStatus, WorkshopPage, WorkshopTable

# The columns of the remarks table, the same in HTML, PDF, XLSX and CSV.
COLUMNS = [
    pgettext_lazy("report column", "No."),
    pgettext_lazy("report column", "Fragment"),
    pgettext_lazy("report column", "Author"),
    pgettext_lazy("report column", "Channel"),
    pgettext_lazy("report column", "Received"),
    pgettext_lazy("report column", "Remark"),
    pgettext_lazy("report column", "Position"),
    pgettext_lazy("report column", "Justification of the position"),
]

GENERAL, IN_DRAFT, REMOVED = 0, 1, 2  # where a remark sits in document order

# How many missing remarks a refusal names before it says "and N more".
MISSING_LISTED = 30


# --- What the report shows ----------------------------------------------------------------


@dataclass
class ReportRow:
    """One remark as the report shows it: plain strings, nothing left to query or
    translate (a report may hold thousands; `_Labels` translates once per report)."""

    number: int
    remark_id: int
    place: int  # GENERAL, IN_DRAFT or REMOVED
    chapter_id: str
    fragment_text: str
    person: str
    organisation: str
    channel: str
    channel_label: str
    received_at: datetime
    received_text: str
    received_notes: list[str]  # "after the closing date", the formal defect
    is_late: bool
    formal_defect: str
    content: list[tuple[str, str]]  # (label, text) as on the consultation form
    withheld: str  # why the content is not shown (hidden by a moderator), else ""
    outcome: str
    outcome_label: str
    position_justification: str

    @property
    def author(self) -> str:
        return "; ".join(part for part in (self.person, self.organisation) if part)

    @property
    def content_text(self) -> str:
        if self.withheld:
            return self.withheld
        return "\n".join(f"{label}: {text}" for label, text in self.content)

    def cells(self) -> list:
        """The row under `COLUMNS`, as the spreadsheets and the PDF write it."""
        return [
            self.number,
            self.fragment_text,
            self.author,
            self.channel_label,
            "; ".join([self.received_text, *self.received_notes]),
            self.content_text,
            self.outcome_label,
            self.position_justification,
        ]


@dataclass
class ReportSection:
    """Remarks on the whole draft, on one chapter, or on paragraphs since removed."""

    title: str
    rows: list[ReportRow] = field(default_factory=list)


@dataclass
class TableAttendance:
    name: str
    confirmed: int
    capacity: int


@dataclass
class WorkshopAttendance:
    title: str
    starts_at: datetime | None
    url: str
    cancelled: bool
    tables: list[TableAttendance] = field(default_factory=list)

    @property
    def confirmed(self) -> int:
        return sum(table.confirmed for table in self.tables)

    @property
    def capacity(self) -> int:
        return sum(table.capacity for table in self.tables)


@dataclass
class Report:
    page: ConsultationPage
    version: DraftVersion | None
    rows: list[ReportRow]
    sections: list[ReportSection]
    participants: int
    organisations: int
    workshops: list[WorkshopAttendance]
    # The edition being published (None: a preview of what a publication would show).
    edition: ReportEdition | None = None

    @property
    def published_at(self):
        return self.edition.published_at if self.edition else None

    @property
    def missing(self) -> list[ReportRow]:
        return [row for row in self.rows if not row.outcome]

    @property
    def answered(self) -> int:
        return len(self.rows) - len(self.missing)

    @property
    def by_outcome(self) -> list[tuple[str, int]]:
        counts = dict.fromkeys(Outcome.values, 0)
        for row in self.rows:
            if row.outcome:
                counts[row.outcome] += 1
        return [(Outcome(value).label, count) for value, count in counts.items()]

    @property
    def by_channel(self) -> list[tuple[str, int]]:
        counts = dict.fromkeys(Channel.values, 0)
        for row in self.rows:
            counts[row.channel] = counts.get(row.channel, 0) + 1
        return [
            (Channel(value).label if value in Channel.values else value, count)
            for value, count in counts.items()
            if count
        ]

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.is_late)

    @property
    def formal_defects(self) -> int:
        return sum(1 for row in self.rows if row.formal_defect)

    @property
    def council_state(self) -> str:
        return self.page.council_opinion_state()

    def table(self) -> tuple[list[str], list[list]]:
        """(header, rows) for the spreadsheets."""
        return [str(label) for label in COLUMNS], [row.cells() for row in self.rows]


# --- Reading it (a fixed number of queries) ------------------------------------------------


REMARK_FIELDS = (
    "pk",
    "paragraph_id",
    "paragraph_label",
    "fragment",
    "received_at",
    "submit_date",
    "user_name",
    "organisation_name",
    "channel",
    "is_late",
    "formal_defect",
    "current_wording",
    "proposed_wording",
    "justification",
    "comment",
    "status",
    "moderation_reason",
    "position_id",
    "position__outcome",
    "position__justification",
)


def remarks_in_order(*, page: ConsultationPage, version: DraftVersion | None = None) -> list:
    """The consultation's formal remarks from every channel (withdrawn ones aside), as
    dicts of `REMARK_FIELDS`, numbered 1..N in document order: remarks on the whole draft
    first, then by the paragraphs of the newest public version, then remarks on paragraphs
    no longer in it; ties by the date received. Each gets "number", "place", "chapter_id"."""
    if version is None:
        version = page.versions.order_by("-number").first()
    order = {}
    for chapter in version.chapters if version else []:
        for paragraph in chapter["paragraphs"]:
            order[paragraph["id"]] = (len(order), chapter["id"])
    remarks = list(
        Comment.objects.on_page(page)
        .filter(kind=Kind.REMARK, is_removed=False)
        .values(*REMARK_FIELDS)
    )
    for remark in remarks:
        remark["received_at"] = remark["received_at"] or remark["submit_date"]
        if not remark["paragraph_id"]:
            remark["place"], index, remark["chapter_id"] = GENERAL, 0, ""
        elif remark["paragraph_id"] in order:
            index, remark["chapter_id"] = order[remark["paragraph_id"]]
            remark["place"] = IN_DRAFT
        else:
            remark["place"], index, remark["chapter_id"] = REMOVED, 0, ""
        remark["sort_key"] = (
            remark["place"],
            index,
            remark["received_at"],
            remark["submit_date"],
            remark["pk"],
        )
    remarks.sort(key=lambda remark: remark["sort_key"])
    for number, remark in enumerate(remarks, start=1):
        remark["number"] = number
    return remarks


def _fragment(remark, labels) -> str:
    return remark["fragment"] or remark["paragraph_label"] or labels.whole_draft


class _Labels:
    """Every label a row needs, translated once per report."""

    def __init__(self):
        self.channels = {value: str(label) for value, label in Channel.choices}
        self.outcomes = {value: str(label) for value, label in Outcome.choices}
        self.statuses = {value: str(label) for value, label in Status.choices}
        self.current = _("Current wording")
        self.proposed = _("Proposed wording")
        self.justification = _("Justification")
        self.content = _("Content of the remark")
        self.whole_draft = _("the whole draft")
        self.late = _("after the closing date")
        self.removed = _("%(fragment)s (no longer in the draft)")
        self.defect = _("formal defect: %(reason)s")
        self.withheld = _("The content is not shown: %(status)s.")


def _row(remark: dict, labels: _Labels) -> ReportRow:
    withheld = ""
    if remark["status"] != Status.PUBLISHED:
        status = labels.statuses.get(remark["status"], remark["status"])
        withheld = labels.withheld % {"status": status}
        if remark["moderation_reason"]:
            withheld += " " + remark["moderation_reason"]
    content = [
        (label, text)
        for label, text in (
            (labels.current, remark["current_wording"]),
            (labels.proposed, remark["proposed_wording"]),
            (labels.justification, remark["justification"]),
        )
        if text
    ]
    if not content:  # a remark typed in before the form's fields existed
        content = [(labels.content, remark["comment"])]
    fragment = _fragment(remark, labels)
    if remark["place"] == REMOVED:
        fragment = labels.removed % {"fragment": fragment}
    notes = [labels.late] if remark["is_late"] else []
    if remark["formal_defect"]:
        notes.append(labels.defect % {"reason": remark["formal_defect"]})
    received = remark["received_at"]
    outcome = remark["position__outcome"] or ""
    return ReportRow(
        number=remark["number"],
        remark_id=remark["pk"],
        place=remark["place"],
        chapter_id=remark["chapter_id"],
        fragment_text=fragment,
        # A remark typed in for an organisation alone carries its name as the author's.
        person="" if remark["user_name"] == remark["organisation_name"] else remark["user_name"],
        organisation=remark["organisation_name"],
        channel=remark["channel"],
        channel_label=labels.channels.get(remark["channel"], remark["channel"]),
        received_at=received,
        received_text=received_text(received),
        received_notes=notes,
        is_late=remark["is_late"],
        formal_defect=remark["formal_defect"],
        content=content,
        withheld=withheld,
        outcome=outcome,
        outcome_label=labels.outcomes.get(outcome, ""),
        position_justification=remark["position__justification"] or "",
    )


def _sections(rows: list[ReportRow], version: DraftVersion | None) -> list[ReportSection]:
    general = ReportSection(_("Remarks on the whole draft"))
    chapters = {
        chapter["id"]: ReportSection(chapter["title"])
        for chapter in (version.chapters if version else [])
    }
    removed = ReportSection(_("Remarks on paragraphs no longer in the draft"))
    for row in rows:
        if row.place == GENERAL:
            general.rows.append(row)
        elif row.place == IN_DRAFT:
            chapters[row.chapter_id].rows.append(row)
        else:
            removed.rows.append(row)
    return [section for section in (general, *chapters.values(), removed) if section.rows]


def _workshops(page: ConsultationPage) -> list[WorkshopAttendance]:
    """Confirmed seats per table at the consultation's live meetings."""

    tables = (
        WorkshopTable.objects.filter(
            workshop__in=WorkshopPage.objects.live().descendant_of(page).values("pk")
        )
        .select_related("workshop")
        .annotate(
            confirmed_seats=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .order_by("workshop__starts_at", "workshop_id", "sort_order", "pk")
    )
    workshops = {}
    for table in tables:
        workshop = table.workshop
        if workshop.pk not in workshops:
            workshops[workshop.pk] = WorkshopAttendance(
                title=workshop.title,
                starts_at=workshop.starts_at,
                url=f"{page.url}{workshop.url_path[len(page.url_path) :]}",
                cancelled=workshop.cancelled,
            )
        workshops[workshop.pk].tables.append(
            TableAttendance(
                name=table.name, confirmed=table.confirmed_seats, capacity=table.capacity
            )
        )
    return list(workshops.values())


def _participants(page: ConsultationPage) -> tuple[int, int]:
    """(people, organisations) who took part, each counted once: authors of remarks and
    comments (not the city's own answers) and people with a confirmed seat at a meeting."""

    people, organisations = set(), set()

    def add(user_id, name, organisation):
        if user_id or (name and name != organisation):  # not an organisation's own name
            people.add(user_id or ("name", name.strip().casefold()))
        if organisation and organisation.strip():
            organisations.add(organisation.strip().casefold())

    for user_id, name, organisation in (
        Comment.objects.on_page(page)
        .filter(is_removed=False, is_official=False)
        .values_list("user_id", "user_name", "organisation_name")
        .distinct()
    ):
        add(user_id, name, organisation)
    # A registration's organisation counts only when the city confirmed the person as its
    # representative (the `organisation` link); a name typed into the form is a claim.
    for user_id, organisation in (
        Registration.objects.filter(
            workshop__in=WorkshopPage.objects.live().descendant_of(page).values("pk"),
            status=RegistrationStatus.CONFIRMED,
        )
        .values_list("user_id", "organisation__name")
        .distinct()
    ):
        add(user_id, "", organisation or "")
    return len(people), len(organisations)


def report_build(*, page: ConsultationPage, edition: ReportEdition | None = None) -> Report:
    """Everything the report shows, in five queries however many remarks there are; as
    `edition` when it is being published, else as a preview."""
    version = page.versions.order_by("-number").first()
    labels = _Labels()
    rows = [_row(remark, labels) for remark in remarks_in_order(page=page, version=version)]
    participants, organisations = _participants(page)
    return Report(
        page=page,
        version=version,
        rows=rows,
        sections=_sections(rows, version),
        participants=participants,
        organisations=organisations,
        workshops=_workshops(page),
        edition=edition,
    )


def received_text(received) -> str:
    """When a remark came: "2025-12-03 14:20", or the date alone when only the date is
    known (a letter's postmark, a date typed in without the hour: midnight)."""
    received = timezone.localtime(received)
    if (received.hour, received.minute) == (0, 0):
        return received.strftime("%Y-%m-%d")
    return received.strftime("%Y-%m-%d %H:%M")
