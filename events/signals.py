"""Reactions to the page tree: a meeting published as cancelled tells its people."""

from wagtail.signals import page_published


def _meeting_published(sender, instance, **kwargs):
    from events.services import workshop_cancellation_announce

    workshop_cancellation_announce(workshop=instance)


def connect():
    from events.models import WorkshopPage

    page_published.connect(
        _meeting_published, sender=WorkshopPage, dispatch_uid="events.meeting_published"
    )
