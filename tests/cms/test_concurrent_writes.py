"""Two people posting at the same moment must not see "database is locked" (SQLite) or any error."""

import threading
import time

import pytest
from django.db import close_old_connections, connection, transaction

from cms.models import User

WRITERS = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_writes_all_succeed():
    errors = []
    start = threading.Barrier(WRITERS)

    def write(number):
        try:
            start.wait()
            with transaction.atomic():
                # Read first, then write, as a comment form does: with SQLite's default
                # deferred transactions this upgrade from reader to writer is what fails.
                User.objects.filter(email__startswith="rownolegle").count()
                time.sleep(0.05)
                User.objects.create_user(
                    email=f"rownolegle{number}@example.org", password="x", first_name="Jan"
                )
        except Exception as exc:  # noqa: BLE001 - the test reports every failure
            errors.append(repr(exc))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert User.objects.filter(email__startswith="rownolegle").count() == WRITERS
