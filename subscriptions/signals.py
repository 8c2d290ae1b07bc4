"""Events that are e-mailed as soon as they happen (through the task queue; the periodic
sweep in subscriptions/notifications.py catches any that fail)."""

from subscriptions.notifications import notify_after_commit


def _version_published(sender, version, **kwargs) -> None:
    if version.number >= 2:  # version 1 is the draft as announced, not a change
        notify_after_commit("version", version.pk)


def _report_published(sender, page, edition=None, **kwargs) -> None:
    if edition is not None and edition.number >= 2:  # a correction: a new edition
        notify_after_commit("report_correction", edition.pk)
    else:
        notify_after_commit("report", page.pk)


def is_first_publication(page) -> bool:
    """Published now for the first time: Wagtail sets both dates from the same moment then.
    (A page scheduled for later is not live yet: it is announced when it goes live.)"""
    return bool(
        page.live and page.first_published_at and page.first_published_at == page.last_published_at
    )


def _consultation_published(sender, instance, **kwargs) -> None:
    if is_first_publication(instance):
        notify_after_commit("new_consultation", instance.pk)


def _workshop_published(sender, instance, **kwargs) -> None:
    if is_first_publication(instance):
        notify_after_commit("new_workshop", instance.pk)


def connect() -> None:
    """Called once from SubscriptionsConfig.ready()."""
    from wagtail.signals import page_published

    from consultations.models import ConsultationPage
    from consultations.signals import report_published, version_published
    from events.models import WorkshopPage

    version_published.connect(_version_published, dispatch_uid="subscriptions.version")
    report_published.connect(_report_published, dispatch_uid="subscriptions.report")
    page_published.connect(
        _consultation_published, sender=ConsultationPage, dispatch_uid="subscriptions.consultation"
    )
    page_published.connect(
        _workshop_published, sender=WorkshopPage, dispatch_uid="subscriptions.workshop"
    )
