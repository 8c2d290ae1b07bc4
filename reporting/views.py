"""The report's public pages and downloads (reporting/urls.py, and the old addresses under
the consultation page)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import pgettext

from cms.models import GminaSettings
from comments.services import OFFICIAL_PERMISSION
from consultations.models import ConsultationPage, ReportEdition
from core.exports import download
from reporting.pdf import report_pdf
from reporting.rendering import remarks_table_html
from reporting.selectors import COLUMNS, Report, report_build
from reporting.services import report_edition_current

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
        return TemplateResponse(request, "reporting/report/report.html", context)

    report = _preview(request, page)
    context.update(
        report=report,
        columns=COLUMNS,
        remarks_html=remarks_table_html(report),
        report_deadline=page.report_deadline(GminaSettings.for_request(request)),
    )
    return _private(TemplateResponse(request, "reporting/report/report.html", context))


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
        response = HttpResponse(report_pdf(report), content_type=CONTENT_TYPES["pdf"])
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    else:
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
