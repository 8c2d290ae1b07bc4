"""The meetings of a consultation, shown on its page: `{% consultation_meetings page %}`.

A tag of `events` rather than ConsultationPage.get_context: consultations sit below
events in the layers (house style §17) and do not know the meeting model. A meeting
belongs to the consultation it is published under (WorkshopPage's parent types)."""

from django import template

from events.models import WorkshopPage
from events.selectors import meetings_of_consultations

register = template.Library()


@register.inclusion_tag("events/includes/consultation_meetings.html")
def consultation_meetings(consultation):
    meetings = []
    if consultation.pk is not None:
        meetings = list(
            WorkshopPage.objects.live().public().descendant_of(consultation).order_by("starts_at")
        )
    return {"meetings": meetings}


@register.simple_tag
def with_meetings(consultations):
    """`{% with_meetings consultations as items %}`: (consultation, its coming meetings with
    `seats_left`) pairs for the home page, read in a fixed number of queries."""
    found = meetings_of_consultations(consultations=consultations)
    return [(consultation, found.get(consultation.pk, [])) for consultation in consultations]
