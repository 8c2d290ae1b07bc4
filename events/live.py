"""Live seats: every open workshop page learns the seats left and the waiting-list length
of each table within a second of anyone registering, moving or cancelling.

The message carries the full, current figures of every table (read after the commit),
not a delta: a page that missed a message is right again with the next one, and after a
reconnect it asks for the figures once (`seats/` route).
"""

from contextlib import suppress

from django.db import DatabaseError, transaction
from django.db.models import Count, Q

from core.broadcast import broadcast


def group_name(workshop_id) -> str:
    return f"workshop-{workshop_id}"


def seats(workshop_id) -> list[dict]:
    """Seats of every table of a workshop, in the page's order: one query."""
    from events.models import RegistrationStatus, WorkshopTable

    rows = (
        WorkshopTable.objects.filter(workshop_id=workshop_id)
        .order_by("sort_order", "pk")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .values("pk", "capacity", "confirmed", "waiting")
    )
    return [
        {
            "table": row["pk"],
            "capacity": row["capacity"],
            "confirmed": row["confirmed"],
            "left": max(row["capacity"] - row["confirmed"], 0),
            "waiting": row["waiting"],
        }
        for row in rows
    ]


def seats_changed(workshop_id) -> None:
    """Call inside the write's transaction: the figures go out after it commits."""
    transaction.on_commit(lambda: _send(workshop_id))


def _send(workshop_id) -> None:
    from wagtail.models import Site

    from core.pagecache import bump_page

    bump_page(workshop_id)  # the page stored for anonymous readers shows the seats too
    with suppress(DatabaseError):  # the seat is taken: a lost bump only waits for the expiry
        for home_id in Site.objects.values_list("root_page_id", flat=True):
            bump_page(home_id)  # and so does the home page (core/home.py)
    broadcast(group_name(workshop_id), {"type": "seats.changed", "tables": seats(workshop_id)})
