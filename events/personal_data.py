"""What the meetings keep about a person, for *Moje dane* and account deletion
(core/personal_data.py; registered from EventsConfig.ready).

On deletion, registrations for meetings still to come are cancelled through
`registration_cancel`, so the waiting list moves up and the people promoted are e-mailed as
after any cancellation (the person gets the calendar cancellation too). Then the account's
registrations and topic proposals go with it; a proposal accepted as a table lives on as
that table, which holds no personal data.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.personal_data import describe, register
from events.models import Registration, TopicProposal
from events.services import registration_cancel


def _registrations(user):
    return [
        describe(
            registration,
            "status",
            "organisation_name",
            "accessibility_needs",
            "created_at",
            "cancelled_at",
            meeting=(_("meeting"), registration.workshop.title),
            starts_at=(_("starts"), registration.workshop.starts_at),
            table=(_("table"), registration.table.name),
        )
        for registration in Registration.objects.filter(user=user)
        .select_related("workshop", "table")
        .order_by("created_at", "pk")
    ]


def _proposals(user):
    return [
        describe(
            proposal,
            "title",
            "description",
            "organisation_name",
            "status",
            "decision_reason",
            "created_at",
            meeting=(_("meeting"), proposal.workshop.title),
        )
        for proposal in TopicProposal.objects.filter(user=user)
        .select_related("workshop")
        .order_by("created_at", "pk")
    ]


def _erase(user) -> None:
    upcoming = (
        Registration.objects.active()
        .filter(user=user, workshop__starts_at__gt=timezone.now())
        .select_related("table", "workshop")
    )
    for registration in upcoming:
        registration_cancel(registration=registration, by=user)
    Registration.objects.filter(user=user).delete()
    TopicProposal.objects.filter(user=user).delete()


def _expire_accessibility_needs(now) -> int:
    """What someone needs to take part (often health data) serves the meeting only: erased
    ACCESSIBILITY_NEEDS_RETENTION_DAYS after it ends (or starts, without an end)."""
    before = now - timedelta(days=settings.ACCESSIBILITY_NEEDS_RETENTION_DAYS)
    ended = Q(workshop__ends_at__lt=before) | Q(
        workshop__ends_at__isnull=True, workshop__starts_at__lt=before
    )
    return (
        Registration.objects.filter(ended)
        .exclude(accessibility_needs="")
        .update(accessibility_needs="")
    )


def register_personal_data() -> None:
    register(
        "registrations",
        title=_("Meeting registrations"),
        collect=_registrations,
        erase=_erase,
        expire=_expire_accessibility_needs,
    )
    register("topic_proposals", title=_("Topic proposals"), collect=_proposals)
