"""E-mail about registrations. Each function is called by events/services.py inside the
write's transaction and sends after it commits, through the background task worker.

(Being implemented: confirmation with .ics, promotion, move, cancellation.)"""


def registration_made(registration) -> None:
    """Confirmation (with the .ics) or the waiting-list notice, to the person."""


def registration_moved(registration) -> None:
    """The person moved to another table: the new table, seat or waiting position."""


def registration_cancelled(registration) -> None:
    """Confirms a cancellation to the person."""


def registrations_promoted(registrations) -> None:
    """People taken off a waiting list: they have a seat now (with the .ics)."""
