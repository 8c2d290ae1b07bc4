"""CSV and XLSX of a table meeting's registrations, for coordinators.

One row per registration, table by table: confirmed, then the waiting list in order (with
its position), then cancelled ones, so the file answers "who comes" and "who waits" alike.
The formats and the formula guard are shared with the other exports (core/exports.py).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import RegistrationStatus
from events.selectors import registration_name, workshop_rosters


def status_label(registration) -> str:
    # Not get_status_display(): "confirmed" and "cancelled" are shared msgids whose Polish
    # (for representatives and meetings) has the wrong gender for a registration.
    return {
        RegistrationStatus.CONFIRMED: _("seat confirmed"),
        RegistrationStatus.WAITING: _("on the waiting list"),
        RegistrationStatus.CANCELLED: _("registration cancelled"),
    }[registration.status]


def columns() -> list[str]:
    return [
        _("Table"),
        _("Status"),
        _("Position on the waiting list"),
        _("Full name"),
        _("E-mail"),
        _("Organisation"),
        _("Organisation confirmed"),
        _("Accessibility needs"),
        _("Registered at"),
    ]


def rows(workshop):
    for roster in workshop_rosters(workshop=workshop):
        for registration in [*roster.confirmed, *roster.waiting, *roster.cancelled]:
            yield [
                roster.table.name,
                status_label(registration),
                getattr(registration, "position", None) or "",
                registration_name(registration),
                registration.user.email,
                registration.organisation_label,
                registration.organisation_confirmed_label,
                registration.accessibility_needs,
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
