"""Many people registering at the same moment, for real, against PostgreSQL.

Threads with their own database connections race through events.services; the table
locks must keep every table within its seats. (A race on SQLite proves nothing: it runs
one write transaction at a time.)
"""

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events.models import Registration
from events.services import registration_create
from tests.factories import UserFactory, workshop_page

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a race needs a database that runs transactions concurrently (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_200_people_at_once_fill_40_seats_and_wait_in_line_for_the_rest(demo_site):
    workshop = workshop_page(tables=[(f"Stolik {n}", 10) for n in range(1, 5)])
    tables = list(workshop.tables.order_by("sort_order"))
    people = [UserFactory() for _ in range(200)]
    # Every person once, and twenty of them a second time at another table.
    attempts = [(person, tables[n % 4]) for n, person in enumerate(people)]
    attempts += [(person, tables[(n + 1) % 4]) for n, person in enumerate(people[:20])]
    start = threading.Barrier(20)
    refused = Counter()

    def attempt(item):
        person, table = item
        try:
            if threading.get_ident() not in started:
                started.add(threading.get_ident())
                start.wait(timeout=30)
            registration_create(workshop=workshop, table=table, user=person)
        except ValidationError as error:
            refused[error.code] += 1
        finally:
            connection.close()

    started = set()
    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(attempt, attempts))

    active = Registration.objects.active().filter(workshop=workshop)
    assert active.confirmed().count() == 40
    assert active.waiting().count() == 160
    for table in tables:
        assert active.confirmed().filter(table=table).count() == 10
    assert active.values("user").distinct().count() == 200
    assert refused == {"already_registered": 20}
