"""Coordinator views in the Wagtail admin: publishing numbered public versions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import ConsultationPage
from consultations.services import version_publish


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
    if not page.permissions_for_user(request.user).can_publish():
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
