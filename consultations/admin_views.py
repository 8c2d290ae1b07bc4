"""Coordinator views in the Wagtail admin: importing a draft, publishing numbered versions."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.importers import (
    MAX_BYTES,
    DraftImportError,
    ParsedDraft,
    parse_text,
    parse_upload,
)
from consultations.models import ConsultationPage
from consultations.services import draft_import, version_publish

IMPORT_SALT = "consultations.draft-import"
IMPORT_MAX_AGE = 2 * 60 * 60  # a preview left open over lunch can still be saved


class VersionForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Label"),
        max_length=200,
        help_text=gettext_lazy("E.g. “projekt do konsultacji” or “po konsultacjach”."),
    )
    change_note = forms.CharField(
        label=gettext_lazy("What changed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def versions(request, page_id):
    page = get_object_or_404(ConsultationPage, pk=page_id)
    # A version snapshots the live page, which the plenipotentiary has already approved:
    # whoever may edit the consultation may number what is live.
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = version_publish(page=page, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(number)s is public.") % {"number": version.number}
            )
            return redirect("consultations_admin:versions", page_id=page.pk)
    return TemplateResponse(
        request,
        "consultations/admin/versions.html",
        {"page": page, "form": form, "versions": page.versions.select_related("published_by")},
    )


class DraftImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy("A Word document (.docx) or plain text (.txt), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )
    text = forms.CharField(
        label=gettext_lazy("…or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Lines starting with “Rozdział 1”, “§ 1.”, “1.” (ust.) and “1)” (pkt) become "
            "chapters and numbered paragraphs."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        upload, text = cleaned_data.get("file"), (cleaned_data.get("text") or "").strip()
        if self.errors:
            return cleaned_data
        if bool(upload) == bool(text):
            raise ValidationError(_("Choose a file or paste the text (one of the two)."))
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise DraftImportError(_("The file is larger than 10 MB."))
                cleaned_data["draft"] = parse_upload(upload.name, upload.read())
            else:
                cleaned_data["draft"] = parse_text(text)
        except DraftImportError as error:
            raise ValidationError(str(error)) from error
        return cleaned_data


def draft_import_view(request, page_id):
    """Upload or paste → preview (nothing saved) → save as a new unpublished revision."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    if permissions.page_locked():
        messages.error(request, _("The page is locked by someone else; it cannot be changed now."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    current = page.get_latest_revision_as_object().chapters

    if request.method == "POST" and "payload" in request.POST:
        try:
            chapters = signing.loads(
                request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; import the file again."))
            return redirect("consultations_admin:import", page_id=page.pk)
        draft = ParsedDraft(chapters=chapters)
        draft_import(page=page, draft=draft, by=request.user)
        messages.success(
            request,
            _(
                "Imported %(chapters)s chapters and %(paragraphs)s paragraphs as a draft. "
                "Check it, then publish it or submit it for approval."
            )
            % {"chapters": len(draft.chapters), "paragraphs": draft.paragraph_count},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)

    form = DraftImportForm(request.POST or None, request.FILES or None)
    context = {"page": page, "form": form}
    if request.method == "POST" and form.is_valid():
        draft = form.cleaned_data["draft"]
        context.update(
            draft=draft,
            changes=draft.compare_with(current) if current else None,
            payload=signing.dumps(draft.chapters, salt=IMPORT_SALT, compress=True),
        )
    return TemplateResponse(request, "consultations/admin/import.html", context)
