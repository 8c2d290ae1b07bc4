"""The coordinator's page for one consultation's report in the Wagtail admin
(/admin/konsultacje/<id>/raport/): how many remarks have the city's position, which do not
(linked to the positions page), the preview and downloads, the report's summary, and the
Publish button. The rules are in reporting/services.py."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from cms.models import GminaSettings
from consultations.models import ConsultationPage, ReportEdition
from consultations.services import report_change_refusal
from reporting.selectors import report_build
from reporting.services import report_correction_open, report_publish, report_summary_set
from reporting.views import require_official


class ReportSummaryForm(forms.Form):
    report_summary = forms.CharField(
        label=gettext_lazy("Summary of the report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Opens the report, before the figures and the remarks: how the consultation went "
            "and what changes in the draft. It cannot be changed once the report is published."
        ),
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the correction corrects"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Published with the new edition, e.g. “the position on remark no. 12 was given "
            "for another remark”. The published editions stay available at their addresses."
        ),
    )


def _render(request, page, *, form=None, correction_form=None, refusal=None, status=200):
    report = report_build(page=page)
    gmina = GminaSettings.for_request(request)
    deadline = page.report_deadline(gmina)
    days_left = (deadline - timezone.localdate()).days if deadline else None
    base = page.get_url(request)
    report_url = ""
    if base and page.live:
        report_url = f"{base.rstrip('/')}/{page.reverse_subpage('report').lstrip('/')}"
    return TemplateResponse(
        request,
        "reporting/report/admin.html",
        {
            "page": page,
            "report": report,
            "progress": ngettext(
                "%(answered)d of %(total)d remark answered",
                "%(answered)d of %(total)d remarks answered",
                len(report.rows),
            )
            % {"answered": report.answered, "total": len(report.rows)},
            "deadline": deadline,
            "days_left": days_left,
            "overdue": -days_left if days_left is not None and days_left < 0 else 0,
            "closed": page.closes_at is not None and timezone.now() >= page.closes_at,
            "report_url": report_url,
            "form": form or ReportSummaryForm(initial={"report_summary": page.report_summary}),
            "editable": report_change_refusal(page_id=page.pk) is None,
            "editions": list(page.report_editions.published()),
            "correction": ReportEdition.objects.open_correction().filter(page=page).first(),
            "correction_form": correction_form or CorrectionForm(),
            "refusal": refusal,
        },
        status=status,
    )


def report(request, page_id):
    require_official(request)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    form = ReportSummaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_summary_set(page=page, text=form.cleaned_data["report_summary"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The summary of the report is saved."))
            return redirect("reporting_admin:report", page_id=page.pk)
        return _render(request, page, form=form, status=400)
    return _render(request, page)


@require_POST
def publish(request, page_id):
    require_official(request)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    try:
        report_publish(page=page, by=request.user)
    except ValidationError as error:
        return _render(request, page, refusal=" ".join(error.messages), status=400)
    messages.success(
        request, _("The report is published. Everyone who follows the consultation is told.")
    )
    return redirect("reporting_admin:report", page_id=page.pk)


@require_POST
def correction(request, page_id):
    require_official(request)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            edition = report_correction_open(
                page=page, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Correction opened as edition %(number)d. Readers see the published "
                    "edition until you publish this one."
                )
                % {"number": edition.number},
            )
            return redirect("reporting_admin:report", page_id=page.pk)
    return _render(request, page, correction_form=form, status=400)
