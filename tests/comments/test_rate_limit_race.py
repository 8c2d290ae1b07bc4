"""One person posting, reacting and reporting many times at the same moment, for real,
against PostgreSQL: the limits must hold under concurrency. (A race on SQLite proves
nothing: it runs one write transaction at a time.)"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from comments.models import Comment, Reaction, Report
from comments.services import comment_post, reaction_set, report_create
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a race needs a database that runs transactions concurrently (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ATTEMPTS = 12


def race(action, items):
    """Runs `action(item)` for every item in parallel threads; returns the refusal codes."""
    start = threading.Barrier(len(items))
    refused = []

    def attempt(item):
        try:
            start.wait(timeout=30)
            action(item)
        except ValidationError as error:
            refused.append(error.code)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        list(pool.map(attempt, items))
    return refused


def test_twelve_parallel_posts_store_only_as_many_as_the_limit(consultation, resident, settings):
    settings.COMMENT_RATE_LIMIT = (5, 600)

    refused = race(
        lambda number: comment_post(page=consultation, user=resident, text=f"Wpis nr {number}."),
        list(range(ATTEMPTS)),
    )

    assert Comment.objects.filter(user=resident).count() == 5
    assert refused == ["rate_limited"] * (ATTEMPTS - 5)


def test_twelve_parallel_reactions_count_only_up_to_the_limit(
    consultation, resident, other_resident, settings
):
    settings.COMMENT_RATE_LIMIT = (100, 600)
    settings.REACTION_RATE_LIMIT = (5, 600)
    comments = [
        comment_post(page=consultation, user=resident, text=f"Propozycja nr {number}.")
        for number in range(ATTEMPTS)
    ]

    race(lambda comment: reaction_set(comment=comment, user=other_resident, value=1), comments)

    assert Reaction.objects.filter(user=other_resident).count() == 5


def test_twelve_parallel_reports_store_only_as_many_as_the_limit(consultation, resident, settings):
    settings.COMMENT_RATE_LIMIT = (100, 600)
    settings.REPORT_RATE_LIMIT = (5, 600)
    reporter = UserFactory(first_name="Zenon", last_name="Pawlak")
    comments = [
        comment_post(page=consultation, user=resident, text=f"Propozycja nr {number}.")
        for number in range(ATTEMPTS)
    ]

    race(lambda comment: report_create(comment=comment, user=reporter, reason="spam"), comments)

    assert Report.objects.filter(user=reporter).count() == 5
