"""The coordinator's views of topic proposals in the Wagtail admin: every meeting with its
proposals waiting, one meeting's proposals (waiting ones first), and the decision on one
proposal. Whoever may edit the meeting's page decides; the rules are in events/proposals.py."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import proposals
from events.models import ProposalStatus, TopicProposal, WorkshopPage, WorkshopTable
from events.selectors import editable_workshops

ACCEPT, MERGE, DECLINE = "przyjmij", "wlacz", "odrzuc"


def _forbidden(request, workshop):
    """A plain 403 that says why (Wagtail would turn PermissionDenied into a redirect to
    the dashboard, which hides what happened)."""
    return TemplateResponse(
        request, "events/admin/proposals_forbidden.html", {"workshop": workshop}, status=403
    )


def overview(request):
    """Every meeting the person may edit that collects or has proposals, newest first."""
    workshops = (
        editable_workshops(user=request.user)
        .annotate(
            waiting=Count(
                "topic_proposals", filter=Q(topic_proposals__status=ProposalStatus.SUBMITTED)
            ),
            total=Count("topic_proposals"),
        )
        .filter(Q(proposals_close_at__isnull=False) | Q(total__gt=0))
        .order_by("-starts_at", "-pk")
    )
    return TemplateResponse(request, "events/admin/proposals_index.html", {"workshops": workshops})


def workshop_proposals(request, page_id):
    """One meeting's proposals: those waiting for a decision first, oldest first."""
    workshop = get_object_or_404(WorkshopPage, pk=page_id)
    if not proposals.can_decide(workshop=workshop, user=request.user):
        return _forbidden(request, workshop)
    rows = (
        TopicProposal.objects.filter(workshop=workshop)
        .select_related("user", "table", "decided_by")
        .annotate(
            waiting_first=Case(
                When(status=ProposalStatus.SUBMITTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting_first", "created_at", "pk")
    )
    return TemplateResponse(
        request,
        "events/admin/proposals.html",
        {
            "workshop": workshop,
            "proposals": rows,
            "waiting": sum(1 for row in rows if row.status == ProposalStatus.SUBMITTED),
        },
    )


class AcceptForm(forms.Form):
    """A new table from the proposal. Field names are WorkshopTable's, so the table's own
    validation errors land next to the right field."""

    name = forms.CharField(
        label=gettext_lazy("Name of the new table"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty to use the proposed topic."),
    )
    capacity = forms.IntegerField(label=gettext_lazy("Number of seats"), min_value=1, max_value=200)
    guiding_questions = forms.CharField(
        label=gettext_lazy("Guiding questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    city_moderator_name = forms.CharField(label=gettext_lazy("City-side moderator"), max_length=200)
    city_moderator_affiliation = forms.CharField(
        label=gettext_lazy("City-side moderator's unit"), max_length=200
    )
    ngo_moderator_name = forms.CharField(label=gettext_lazy("NGO-side moderator"), max_length=200)
    ngo_moderator_affiliation = forms.CharField(
        label=gettext_lazy("NGO-side moderator's organisation"), max_length=200
    )
    reason = forms.CharField(
        label=gettext_lazy("A note for the proposer (optional)"),
        required=False,
        max_length=proposals.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    table = forms.ModelChoiceField(
        label=gettext_lazy("Table"), queryset=WorkshopTable.objects.none(), empty_label=None
    )
    reason = forms.CharField(
        label=gettext_lazy("A note for the proposer (optional)"),
        required=False,
        max_length=proposals.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = WorkshopTable.objects.filter(workshop=workshop).order_by(
            "sort_order", "pk"
        )
        self.fields["table"].label_from_instance = lambda table: table.name


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=proposals.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The proposer reads it in the e-mail and on the meeting page."),
    )


def decide(request, page_id, proposal_id):
    """One proposal, with the three decisions; each POST carries one `action`."""
    workshop = get_object_or_404(WorkshopPage, pk=page_id)
    if not proposals.can_decide(workshop=workshop, user=request.user):
        return _forbidden(request, workshop)
    # A proposal of another meeting, posted under this one's address, is not found here.
    proposal = get_object_or_404(
        TopicProposal.objects.select_related("user", "table", "decided_by"),
        pk=proposal_id,
        workshop=workshop,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action else None
    accept_form = AcceptForm(
        data if action == ACCEPT else None,
        prefix=ACCEPT,
        initial={"name": proposal.title, "capacity": 10, "guiding_questions": proposal.description},
    )
    merge_form = MergeForm(data if action == MERGE else None, prefix=MERGE, workshop=workshop)
    decline_form = DeclineForm(data if action == DECLINE else None, prefix=DECLINE)
    form = {ACCEPT: accept_form, MERGE: merge_form, DECLINE: decline_form}.get(action)
    if request.method == "POST" and form is None:
        messages.error(request, _("Unknown action."))
    elif form is not None and form.is_valid():
        try:
            done = _apply(action, proposal=proposal, by=request.user, data=form.cleaned_data)
        except PermissionDenied:
            return _forbidden(request, workshop)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("proposals_admin:workshop", page_id=workshop.pk)
    return TemplateResponse(
        request,
        "events/admin/proposals_decide.html",
        {
            "workshop": workshop,
            "proposal": proposal,
            "decided": proposal.status != ProposalStatus.SUBMITTED,
            "accept_form": accept_form,
            "merge_form": merge_form,
            "decline_form": decline_form,
            "posted_form": form,
            "actions": {"accept": ACCEPT, "merge": MERGE, "decline": DECLINE},
        },
        status=400 if form is not None and form.errors else 200,
    )


def _apply(action, *, proposal, by, data) -> str:
    """Run the chosen decision; the message to show the coordinator."""
    if action == ACCEPT:
        table = proposals.proposal_accept_as_table(proposal=proposal, by=by, **data)
        return _("The table “%(table)s” is published on the meeting's page.") % {
            "table": table.name
        }
    if action == MERGE:
        proposals.proposal_merge(
            proposal=proposal, table=data["table"], by=by, reason=data["reason"]
        )
        return _("The proposal is merged into the table “%(table)s”.") % {
            "table": data["table"].name
        }
    proposals.proposal_decline(proposal=proposal, by=by, reason=data["reason"])
    return _("The proposal is declined; the proposer is told the reason.")
