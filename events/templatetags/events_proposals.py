"""The topic-proposals section of a workshop page: `{% topic_proposals %}`.

A tag rather than more WorkshopPage.get_context, so the section carries its own reads:
the person's proposals with their status, why proposing is closed, or the form (the
`propose` view passes back a form with errors as `proposal_form`)."""

from django import template

from events.forms import TopicProposalForm
from events.models import TopicProposal
from events.proposals import proposal_refusal

register = template.Library()


@register.inclusion_tag("events/includes/topic_proposals.html", takes_context=True)
def topic_proposals(context):
    request, page = context["request"], context["page"]
    user = request.user
    refusal = proposal_refusal(workshop=page, user=user)
    mine = []
    if page.pk is not None and user.is_authenticated:
        mine = list(
            TopicProposal.objects.filter(workshop=page, user=user)
            .select_related("table")
            .order_by("created_at", "pk")
        )
    form = context.get("proposal_form")
    if form is None and refusal is None:
        form = TopicProposalForm(user=user)
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "privacy_url": context.get("privacy_url"),
        "gmina": context.get("gmina"),  # the information clause under the form
        "shown": bool(page.proposals_close_at or mine),
        "refusal": refusal,
        "my_proposals": mine,
        "proposal_form": form,
    }
