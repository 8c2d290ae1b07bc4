"""A person's own pages: *Moje zgłoszenia* at `/konto/zgloszenia/` (what they take part
in, core/participation.py), their data (RODO) in *Moje dane* at `/konto/dane/` with its JSON
download, and deleting the account at `/konto/usun/`. Thin: what is shown, collected and
erased is in core/participation.py and core/personal_data.py, filled in by every app."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.forms import AccountDeleteForm
from core.participation import sections_for
from core.personal_data import (
    account_delete,
    account_deletion_refusal,
    personal_data,
    personal_data_json,
)


@never_cache
@login_required
def my_participation(request):
    """Every section an app registered that has something for the person, rendered with
    the request (the sections have forms: cancel a registration, stop following)."""
    sections = [
        (section, render_to_string(section.template, context, request))
        for section, context in sections_for(request.user)
    ]
    return TemplateResponse(request, "cms/my_participation.html", {"sections": sections})


@never_cache
@login_required
def my_data(request):
    return TemplateResponse(request, "cms/my_data.html", {"sections": personal_data(request.user)})


@never_cache
@login_required
def my_data_download(request):
    """Everything on *Moje dane* as one JSON file (art. 20: machine-readable)."""
    response = HttpResponse(
        personal_data_json(request.user), content_type="application/json; charset=utf-8"
    )
    filename = f"moje-dane-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def delete_account(request):
    """GET explains what happens; the POST with the password deletes."""
    refusal = account_deletion_refusal(request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            account_delete(user=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            logout(request)
            messages.success(
                request,
                _("Your account has been deleted. We have sent a confirmation by e-mail."),
            )
            return redirect("/")
    return TemplateResponse(
        request,
        "cms/delete_account.html",
        {"form": form, "refusal": refusal},
        status=400 if request.method == "POST" else 200,
    )
