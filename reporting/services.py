"""Publishing the report as a numbered edition, corrections and the summary (the writes)."""

import hashlib
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from wagtail.log_actions import log

from cms.models import GminaSettings
from comments.services import OFFICIAL_PERMISSION
from consultations import signals
from consultations.models import ConsultationPage, ReportEdition
from consultations.services import report_require_editable
from core.exports import as_csv, as_xlsx
from core.pagecache import bump_page, bump_site
from core.text import clean_text
from reporting.pdf import report_pdf
from reporting.rendering import remarks_table_html
from reporting.selectors import (
    COLUMNS,
    MISSING_LISTED,
    _fragment,
    _Labels,
    remarks_in_order,
    report_build,
)

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

    with translation.override(settings.LANGUAGE_CODE):
        report = report_build(page=page, edition=edition)
        site = page.get_site()
        deadline = page.report_deadline(GminaSettings.for_site(site)) if site else None
        edition.html = render_to_string(
            "reporting/report/article.html",
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
