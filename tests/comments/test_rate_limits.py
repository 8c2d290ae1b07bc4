"""How often one person may react and report: COMMENT_RATE_LIMIT has siblings."""

import pytest
from django.core.exceptions import ValidationError

from comments.models import Reaction, Report
from comments.services import comment_post, reaction_set, report_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(consultation, resident, settings):
    settings.COMMENT_RATE_LIMIT = (100, 600)
    return [
        comment_post(page=consultation, user=resident, text=f"Propozycja nr {number}.")
        for number in range(4)
    ]


def test_reacting_again_and_again_is_refused_over_the_limit(comments, other_resident, settings):
    settings.REACTION_RATE_LIMIT = (3, 600)
    for value in (1, None, 1):  # agree, take it back, agree: three reactions
        reaction_set(comment=comments[0], user=other_resident, value=value)

    with pytest.raises(ValidationError) as refusal:
        reaction_set(comment=comments[1], user=other_resident, value=1)

    assert refusal.value.code == "rate_limited"
    assert Reaction.objects.filter(user=other_resident).count() == 1


def test_reports_over_the_limit_are_refused(comments, other_resident, settings):
    settings.REPORT_RATE_LIMIT = (2, 600)
    report_create(comment=comments[0], user=other_resident, reason="spam")
    report_create(comment=comments[1], user=other_resident, reason="spam")

    with pytest.raises(ValidationError) as refusal:
        report_create(comment=comments[2], user=other_resident, reason="spam")

    assert refusal.value.code == "rate_limited"
    assert Report.objects.filter(user=other_resident).count() == 2


def test_the_limit_is_per_person(comments, other_resident, settings):
    settings.REPORT_RATE_LIMIT = (1, 600)
    report_create(comment=comments[0], user=other_resident, reason="spam")

    report_create(comment=comments[0], user=UserFactory(), reason="spam")

    assert Report.objects.filter(comment=comments[0]).count() == 2
