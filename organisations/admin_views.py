"""Coordinator views in the Wagtail admin: CSV import with a preview, pending representatives."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisations.forms import ImportUploadForm
from organisations.models import OrganisationImport, Representative
from organisations.services import COLUMNS, organisations_import, representative_confirm

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@permission_required("organisations.add_organisation", raise_exception=True)
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 20 MB."))
        else:
            report = organisations_import(data=upload.read(), dry_run=True)
            if report.ok:
                upload.seek(0)
                batch = OrganisationImport.objects.create(
                    uploaded_by=request.user,
                    filename=upload.name[:255],
                    content=upload.read().decode("utf-8-sig"),
                    report=report.as_dict(),
                )
                return redirect("organisations_admin:import_preview", pk=batch.pk)
            for error in report.file_errors:
                form.add_error("file", error)
    return TemplateResponse(
        request,
        "organisations/admin/import_upload.html",
        {
            "form": form,
            "columns": ";".join(COLUMNS),
            "recent": OrganisationImport.objects.select_related("uploaded_by")[:10],
        },
    )


@permission_required("organisations.add_organisation", raise_exception=True)
def import_preview(request, pk):
    batch = get_object_or_404(OrganisationImport, pk=pk)
    if request.method == "POST" and batch.applied_at is None:
        report = organisations_import(data=batch.content, dry_run=False)
        batch.report = report.as_dict()
        batch.applied_at = timezone.now()
        batch.save(update_fields=["report", "applied_at"])
        messages.success(
            request,
            _("Import applied: %(created)s created, %(updated)s updated, %(rejected)s rejected.")
            % {
                "created": report.created,
                "updated": report.updated,
                "rejected": len(report.rejected),
            },
        )
        return redirect("organisations_admin:import_preview", pk=batch.pk)
    return TemplateResponse(
        request, "organisations/admin/import_preview.html", {"batch": batch, "report": batch.report}
    )


@permission_required("organisations.change_representative", raise_exception=True)
def pending_representatives(request):
    return TemplateResponse(
        request,
        "organisations/admin/pending_representatives.html",
        {
            "pending": Representative.objects.awaiting_confirmation().select_related(
                "user", "organisation"
            )
        },
    )


@require_POST
@permission_required("organisations.change_representative", raise_exception=True)
def confirm_representative(request, pk):
    representative = get_object_or_404(Representative, pk=pk)
    representative_confirm(representative=representative, by=request.user)
    messages.success(
        request,
        _("%(person)s is now a confirmed representative of %(organisation)s.")
        % {"person": representative.user, "organisation": representative.organisation},
    )
    return redirect("organisations_admin:pending_representatives")
