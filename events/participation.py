"""The meetings' sections of *Moje zgłoszenia* (core/participation.py; registered from
EventsConfig.ready): registrations with their table, waiting position and cancel button;
topic proposals with the coordinator's decision."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.participation import register
from events import services
from events.models import Registration, TopicProposal


def _registrations(user) -> dict:
    """Active registrations for published meetings: upcoming first, then past ones."""
    now = timezone.now()
    registrations = list(
        Registration.objects.active()
        .filter(user=user, workshop__live=True)
        .select_related("workshop", "table")
        .order_by("workshop__starts_at", "pk")
    )
    upcoming, past = [], []
    for registration in registrations:
        registration.position = services.waiting_position(registration)
        registration.cancellation_refusal = services.cancellation_refusal(
            registration=registration, now=now
        )
        ends_at = registration.workshop.ends_at
        (past if ends_at is not None and ends_at < now else upcoming).append(registration)
    past.reverse()
    return {"upcoming": upcoming, "past": past}


def _proposals(user) -> dict:
    proposals = list(
        TopicProposal.objects.filter(user=user, workshop__live=True)
        .select_related("workshop", "table")
        .order_by("-created_at", "-pk")
    )
    return {"proposals": proposals, "shown": bool(proposals)}


def register_participation() -> None:
    register(
        "spotkania",
        title=_("Meeting registrations"),
        template="events/includes/my_registrations.html",
        collect=_registrations,
    )
    register(
        "propozycje",
        title=_("Topic proposals"),
        template="events/includes/my_proposals.html",
        collect=_proposals,
    )
