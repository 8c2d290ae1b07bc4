"""Reads of consultations for other pages (the home page), kept out of the page models."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from wagtail.models import Page

from consultations.models import ConsultationPage, ConsultationStatus

RECENTLY_FINISHED = 3  # how many finished consultations the home page lists


@dataclass
class HomeConsultations:
    """What the home page leads with: the open consultations (closing first), the announced
    ones (opening first) and the latest finished ones. Each open one has `days_left`."""

    open: list[ConsultationPage] = field(default_factory=list)
    planned: list[ConsultationPage] = field(default_factory=list)
    finished: list[ConsultationPage] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.open or self.planned or self.finished)

    def moments(self) -> list[datetime]:
        """When one of these changes its status by the clock (opens or closes)."""
        return [
            moment
            for consultation in (*self.open, *self.planned)
            for moment in (consultation.opens_at, consultation.closes_at)
            if moment
        ]


def days_left(closes_at: datetime, now: datetime) -> int:
    """Whole calendar days (in the site's time zone) from today to the closing day:
    0 on the last day."""
    return (timezone.localdate(closes_at) - timezone.localdate(now)).days


def consultations_for_home(*, root: Page, now: datetime | None = None) -> HomeConsultations:
    """The live public consultations of the site under `root`, grouped for the home page.
    Two queries, however many consultations there are."""
    now = now or timezone.now()
    found = HomeConsultations()
    for consultation in ConsultationPage.objects.live().public().descendant_of(root):
        status = consultation.status(now)
        if status == ConsultationStatus.OPEN:
            consultation.days_left = days_left(consultation.closes_at, now)
            found.open.append(consultation)
        elif status == ConsultationStatus.PLANNED:
            found.planned.append(consultation)
        else:
            found.finished.append(consultation)
    found.open.sort(key=lambda c: (c.closes_at or now, c.pk))
    found.planned.sort(key=lambda c: (c.opens_at is None, c.opens_at or now, c.pk))
    found.finished.sort(key=lambda c: (c.closes_at or now, c.pk), reverse=True)
    del found.finished[RECENTLY_FINISHED:]
    return found


def status_moments(*, root: Page) -> list[datetime]:
    """When a consultation under `root` opens or closes: its status changes then."""
    rows = ConsultationPage.objects.live().descendant_of(root).values_list("opens_at", "closes_at")
    return [moment for row in rows for moment in row if moment]
