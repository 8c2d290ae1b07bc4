"""Coordinators' tools for table meetings in the Wagtail admin: registrations per table with
the waiting lists, CSV/XLSX exports, a printable attendance list per table, and one e-mail
to everybody at a table. Whoever may edit the meeting's page may use them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.exports import download
from events import exports
from events.models import WorkshopPage, WorkshopTable
from events.selectors import (
    editable_workshops,
    table_recipients,
    table_roster,
    workshop_rosters,
    workshops_with_fill,
)
from events.services import table_message_send


def _workshop_for(request, page_id) -> WorkshopPage:
    workshop = get_object_or_404(WorkshopPage, pk=page_id)
    if not workshop.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return workshop


def _table_for(request, page_id, table_id) -> WorkshopTable:
    workshop = _workshop_for(request, page_id)
    table = get_object_or_404(WorkshopTable, pk=table_id, workshop=workshop)
    table.workshop = workshop  # the specific page, already loaded
    return table


def index(request):
    """Every meeting the person may edit, with how full it is."""
    workshops = workshops_with_fill(workshops=editable_workshops(user=request.user))
    return TemplateResponse(
        request, "events/admin/registrations_index.html", {"workshops": workshops}
    )


def registrations(request, page_id):
    """One meeting, table by table: who has a seat, who waits and in which order."""
    workshop = _workshop_for(request, page_id)
    return TemplateResponse(
        request,
        "events/admin/registrations.html",
        {"workshop": workshop, "rosters": workshop_rosters(workshop=workshop)},
    )


def export(request, page_id, extension):
    """Every registration of one meeting as CSV or XLSX, with the same columns."""
    workshop = _workshop_for(request, page_id)
    return download(
        header=exports.columns(),
        rows=exports.rows(workshop),
        extension=extension,
        filename=f"zgloszenia-{slugify(workshop.slug)}",
        sheet_title=_("Registrations"),
    )


def attendance(request, page_id, table_id):
    """A plain page to print for the table's moderators: numbered names to sign."""
    table = _table_for(request, page_id, table_id)
    return TemplateResponse(
        request,
        "events/admin/attendance.html",
        {"workshop": table.workshop, "table": table, "roster": table_roster(table=table)},
    )


class TableMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("E-mail subject"), max_length=200)
    message = forms.CharField(
        label=gettext_lazy("Message text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "Plain text. Each person gets their own e-mail; replies come to your address."
        ),
    )
    include_waiting = forms.BooleanField(
        label=gettext_lazy("Also write to the people on the waiting list"), required=False
    )


def table_message(request, page_id, table_id):
    """Write to everybody at one table. "Preview" shows who it will reach; only "Send"
    (a POST) sends."""
    table = _table_for(request, page_id, table_id)
    form = TableMessageForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "send" in request.POST:
            try:
                count = table_message_send(table=table, sender=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The message was sent to %(count)d person.",
                        "The message was sent to %(count)d people.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("events_registrations:workshop", page_id=table.workshop.pk)
        else:
            preview = {
                "count": len(
                    table_recipients(table=table, include_waiting=data["include_waiting"])
                ),
                **data,
            }
    roster = table_roster(table=table)
    return TemplateResponse(
        request,
        "events/admin/table_message.html",
        {
            "workshop": table.workshop,
            "table": table,
            "roster": roster,
            "form": form,
            "preview": preview,
        },
        status=400 if form.errors else 200,
    )
