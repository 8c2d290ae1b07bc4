"""The consultation report (*raport z konsultacji*): every formal remark in document order
with the city's position, and a summary of how the consultation went.

`report_build` reads everything the report shows in a fixed number of SQL queries, however
many remarks there are. The HTML page (templates/consultations/report/), the PDF
(report_pdf.py) and the XLSX and CSV downloads show the same `COLUMNS`, filled from
`ReportRow.cells()`. `report_publish` publishes the report when the consultation is over
and every remark has a position, as a numbered `ReportEdition`: its four files are built
then, once, stored with their SHA-256 and served as stored. After that nothing the report
shows may change (consultations.services.report_require_editable guards every such write)
until a coordinator opens a correction (`report_correction_open`), which is published as
the next edition; earlier editions stay at `…/raport/wydanie/<n>/`.

Remarks are hostile input: templates escape them, the spreadsheets neutralise formula
starts (cms/exports.py), the PDF escapes its markup and breaks long words.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy
from wagtail.log_actions import log

from cms.pagecache import bump_page, bump_site
from comments.models import Channel, Comment, Kind, Outcome, Status
from comments.services import OFFICIAL_PERMISSION
from comments.text import clean_text
from consultations import signals
from consultations.models import ConsultationPage, DraftVersion, ReportEdition
from consultations.services import report_require_editable

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
    from events.models import RegistrationStatus, WorkshopPage, WorkshopTable

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
    from events.models import Registration, RegistrationStatus, WorkshopPage

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


# --- The remarks table as HTML -----------------------------------------------------------


def _text_html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _row_html(row: ReportRow) -> str:
    author = "<br>".join(_text_html(part) for part in (row.person, row.organisation) if part)
    received = timezone.localtime(row.received_at)
    notes = "".join(f"<br><strong>{escape(note)}</strong>" for note in row.received_notes)
    if row.withheld:
        content = f"<em>{escape(row.withheld)}</em>"
    else:
        content = "".join(
            f'<p><strong>{escape(label)}:</strong> <span lang="pl">{_text_html(text)}</span></p>'
            for label, text in row.content
        )
    outcome = f"<strong>{escape(row.outcome_label)}</strong>" if row.outcome else "—"
    return (
        f'<tr id="uwaga-{row.number}"><th scope="row">{row.number}</th>'
        f'<td lang="pl">{_text_html(row.fragment_text)}</td>'
        f'<td lang="pl">{author}</td>'
        f"<td>{escape(row.channel_label)}</td>"
        f'<td><time datetime="{received.isoformat()}">{row.received_text}</time>{notes}</td>'
        f"<td>{content}</td>"
        f"<td>{outcome}</td>"
        f'<td lang="pl">{_text_html(row.position_justification)}</td></tr>'
    )


def remarks_table_html(report: Report) -> str:
    """The row groups of the remarks table, one per section, built in Python: a template
    per remark costs milliseconds, and a report can hold thousands (comments/rendering.py
    does the same for the discussion). Everything a person wrote is escaped here."""
    parts = []
    for section in report.sections:
        parts.append(
            '<tbody><tr class="report-table__section">'
            f'<th scope="rowgroup" colspan="{len(COLUMNS)}" lang="pl">{escape(section.title)}</th>'
            "</tr>"
        )
        parts.extend(_row_html(row) for row in section.rows)
        parts.append("</tbody>")
    return "".join(parts)


# --- Writes ------------------------------------------------------------------------------


def _require_official(user) -> None:
    if not user.has_perm(OFFICIAL_PERMISSION):
        raise ValidationError(
            _("Only the consultation's coordinators publish its report."), code="not_official"
        )


def _missing_message(missing: list) -> str:
    labels = _Labels()
    listed = ", ".join(
        _("no. %(number)s (%(fragment)s)")
        % {"number": remark["number"], "fragment": _fragment(remark, labels)}
        for remark in missing[:MISSING_LISTED]
    )
    message = ngettext(
        "%(count)d remark has no position yet: %(remarks)s",
        "%(count)d remarks have no position yet: %(remarks)s",
        len(missing),
    ) % {"count": len(missing), "remarks": listed}
    rest = len(missing) - MISSING_LISTED
    if rest > 0:
        message += " " + ngettext("and %(count)d more", "and %(count)d more", rest) % {
            "count": rest
        }
    return message + ". " + _("Give them a position before publishing the report.")


def _edition_files(page: ConsultationPage, edition: ReportEdition) -> None:
    """Build the edition's HTML, PDF, XLSX and CSV, once, in the site's language (the
    official record is Polish whoever presses the button), with their SHA-256."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    from cms.exports import as_csv, as_xlsx
    from cms.models import GminaSettings
    from consultations.report_pdf import report_pdf

    with translation.override(settings.LANGUAGE_CODE):
        report = report_build(page=page, edition=edition)
        site = page.get_site()
        deadline = page.report_deadline(GminaSettings.for_site(site)) if site else None
        edition.html = render_to_string(
            "consultations/report/article.html",
            {
                "page": page,
                "report": report,
                "columns": COLUMNS,
                "remarks_html": remarks_table_html(report),
                "report_deadline": deadline,
            },
        )
        edition.pdf = report_pdf(report)
        header, rows = report.table()
        edition.xlsx = as_xlsx(header, rows, sheet_title=pgettext("report sheet", "Remarks"))
        edition.csv = as_csv(header, rows)
    edition.html_sha256 = hashlib.sha256(edition.html.encode()).hexdigest()
    for extension in ("pdf", "xlsx", "csv"):
        digest = hashlib.sha256(getattr(edition, extension)).hexdigest()
        setattr(edition, f"{extension}_sha256", digest)


def report_publish(*, page: ConsultationPage, by, now=None) -> ConsultationPage:
    """Publish the report: after the consultation closed, when every remark has the city's
    position. The first time as edition 1; afterwards only an opened correction, as the
    next edition. The edition's files are built here, once, and served as stored from then
    on. Refusals are ValidationErrors that say what is missing."""
    _require_official(by)
    now = now or timezone.now()
    if page.closes_at is None or now < page.closes_at:
        raise ValidationError(
            _("The consultation has not closed yet; its report is published after it closes."),
            code="not_closed",
        )
    with transaction.atomic():
        # One publisher at a time; remarks entered meanwhile are seen by the check below.
        locked = ConsultationPage.objects.select_for_update().get(pk=page.pk)
        edition = ReportEdition.objects.open_correction().filter(page=page).first()
        if locked.report_published_at and edition is None:
            raise ValidationError(_("The report is already published."), code="published")
        remarks = remarks_in_order(page=page)
        missing = [remark for remark in remarks if not remark["position_id"]]
        if missing:
            raise ValidationError(_missing_message(missing), code="positions_missing")
        if edition is None:
            edition = ReportEdition(page=page, number=1, opened_at=now, opened_by=by)
        edition.published_at, edition.published_by = now, by
        page.report_summary = locked.report_summary
        if not locked.report_published_at:
            ConsultationPage.objects.filter(pk=page.pk).update(report_published_at=now)
            page.report_published_at = now
        _edition_files(page, edition)
        edition.save()
        log(
            instance=page,
            action="consultations.report_publish",
            user=by,
            data={"remarks": len(remarks), "edition": edition.number, "note": edition.note},
        )
        _pages_changed(page)
        transaction.on_commit(
            partial(
                signals.report_published.send,
                sender=ConsultationPage,
                page=page,
                edition=edition,
            )
        )
    return page


def report_correction_open(*, page: ConsultationPage, by, note: str) -> ReportEdition:
    """Open a correction of the published report: the next edition, with a note saying
    what it corrects ("Wydanie 2 — korekta: …"). Until it is published, positions, remarks
    and the summary may change again; readers keep seeing the published edition."""
    _require_official(by)
    note = clean_text(note)
    if not note:
        raise ValidationError(
            _("Say what the correction corrects; the note is published with the edition."),
            code="no_note",
        )
    with transaction.atomic():
        locked = ConsultationPage.objects.select_for_update().get(pk=page.pk)
        if not locked.report_published_at:
            raise ValidationError(
                _("The report is not published yet; it can still change without a correction."),
                code="not_published",
            )
        report_edition_current(page)  # edition 1 of a report published before editions
        if ReportEdition.objects.open_correction().filter(page=page).exists():
            raise ValidationError(_("A correction is already open."), code="correction_open")
        number = page.report_editions.aggregate(last=Max("number"))["last"] + 1
        edition = ReportEdition.objects.create(page=page, number=number, note=note, opened_by=by)
        log(
            instance=page,
            action="consultations.report_correction",
            user=by,
            data={"edition": number, "note": note},
        )
    return edition


def report_edition_current(page: ConsultationPage) -> ReportEdition | None:
    """The newest published edition; None before the report is published. A report
    published before editions were kept gets its edition 1 here, built once on first
    access from the data at that moment (the note says so)."""
    edition = page.report_editions.published().last()
    if edition is not None or not page.report_published_at:
        return edition
    with transaction.atomic():
        ConsultationPage.objects.select_for_update().filter(pk=page.pk).exists()
        edition = page.report_editions.published().last()
        if edition is None:
            edition = ReportEdition(
                page=page,
                number=1,
                opened_at=page.report_published_at,
                published_at=page.report_published_at,
                note=_("Stored on %(date)s from the data of that day.")
                % {"date": timezone.localtime().strftime("%Y-%m-%d")},
            )
            _edition_files(page, edition)
            edition.save()
    return edition


def report_summary_set(*, page: ConsultationPage, text: str, by) -> ConsultationPage:
    """The coordinator's own words that open the report; fixed once it is published
    (until a correction is opened)."""
    _require_official(by)
    report_require_editable(page_ids=[page.pk])
    text = clean_text(text)
    ConsultationPage.objects.filter(pk=page.pk).update(report_summary=text)
    page.report_summary = text
    return page


def _pages_changed(page) -> None:
    """Readers see the change at once: the consultation links to its report, the index
    lists it under "report published". Now, and again after the commit."""

    def bump():
        bump_page(page.pk)
        bump_site()

    bump()
    transaction.on_commit(bump)


# --- Public views (routes of ConsultationPage) -----------------------------------------------
#
# A published report is served as stored in its edition (`…/raport/` the newest, and
# `…/raport/wydanie/<n>/` each one); before publication, and while a correction is open at
# `…/raport/podglad/`, coordinators see a preview built from the data as they are now.

DOWNLOADS = ("pdf", "xlsx", "csv")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _edition(page: ConsultationPage, number: int | None) -> ReportEdition | None:
    if number is None:
        return report_edition_current(page)
    report_edition_current(page)  # a report published before editions gets its edition 1
    edition = page.report_editions.published().filter(number=number).first()
    if edition is None:
        raise Http404
    return edition


def _preview(request, page: ConsultationPage) -> Report:
    if not request.user.has_perm(OFFICIAL_PERMISSION):
        raise Http404
    return report_build(page=page)


def _private(response):
    """A preview: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def report_view(request, page: ConsultationPage, *, number=None, preview=False):
    edition = None if preview else _edition(page, number)
    context = {"page": page, "edition": edition}
    if edition is not None:
        context["editions"] = list(
            page.report_editions.published().only("number", "note", "published_at")
        )
        context["is_current"] = edition.number == context["editions"][-1].number
        return TemplateResponse(request, "consultations/report/report.html", context)
    from cms.models import GminaSettings

    report = _preview(request, page)
    context.update(
        report=report,
        columns=COLUMNS,
        remarks_html=remarks_table_html(report),
        report_deadline=page.report_deadline(GminaSettings.for_request(request)),
    )
    return _private(TemplateResponse(request, "consultations/report/report.html", context))


def report_download(request, page: ConsultationPage, extension: str, *, number=None, preview=False):
    """The report as PDF, XLSX or CSV: the same columns as the page; a published edition's
    files exactly as they were published."""
    if extension not in DOWNLOADS:
        raise Http404
    edition = None if preview else _edition(page, number)
    filename = f"raport-{page.slug}"
    if edition is not None:
        if edition.number > 1:
            filename += f"-wydanie-{edition.number}"
        response = HttpResponse(edition.file(extension), content_type=CONTENT_TYPES[extension])
        response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
        return response
    report = _preview(request, page)
    if extension == "pdf":
        from consultations.report_pdf import report_pdf

        response = HttpResponse(report_pdf(report), content_type=CONTENT_TYPES["pdf"])
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    else:
        from cms.exports import download

        header, rows = report.table()
        response = download(
            header=header,
            rows=rows,
            extension=extension,
            filename=filename,
            sheet_title=pgettext("report sheet", "Remarks"),
        )
    return _private(response)


def require_official(request) -> None:
    """For the admin views (report_admin.py)."""
    if not request.user.has_perm(OFFICIAL_PERMISSION):
        raise PermissionDenied
