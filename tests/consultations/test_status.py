from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import ConsultationPage, ConsultationStatus

NOW = timezone.now()


def page(opens_in_days, closes_in_days, report=False):
    return ConsultationPage(
        opens_at=NOW + timedelta(days=opens_in_days),
        closes_at=NOW + timedelta(days=closes_in_days),
        report_published_at=NOW if report else None,
    )


@pytest.mark.parametrize(
    ("opens", "closes", "report", "status"),
    [
        (3, 17, False, ConsultationStatus.PLANNED),
        (-3, 11, False, ConsultationStatus.OPEN),
        (-20, -6, False, ConsultationStatus.CLOSED),
        (-60, -46, True, ConsultationStatus.REPORTED),
    ],
    ids=["before", "during", "after", "report"],
)
def test_status_follows_the_dates(opens, closes, report, status):
    assert page(opens, closes, report).status(NOW) == status


def test_the_consultation_is_open_from_the_opening_minute_and_closed_at_the_closing_one():
    consultation = page(0, 14)

    assert consultation.status(consultation.opens_at) == ConsultationStatus.OPEN
    assert consultation.status(consultation.closes_at) == ConsultationStatus.CLOSED


def test_the_report_deadline_counts_from_the_closing_day_in_warsaw():
    from cms.models import GminaSettings

    consultation = ConsultationPage(
        closes_at=timezone.make_aware(timezone.datetime(2027, 9, 14, 23, 30))
    )

    deadline = consultation.report_deadline(GminaSettings(report_deadline_days=30))

    assert deadline.isoformat() == "2027-10-14"
