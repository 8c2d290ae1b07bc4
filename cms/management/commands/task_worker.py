"""`manage.py task_worker`: django-tasks-db's `db_worker`, which waits out a database outage.

`db_worker` exits on the first database error it meets between tasks, so one PostgreSQL
restart would stop all e-mail until the service is restarted. This one logs the error, waits
and starts its loop again. A task that was running when the database went away stays RUNNING;
`manage.py periodic` queues e-mail deliveries in that state again (cms/mail.py).

`db_worker` takes a second SIGTERM as "abort the running task". A service manager stopping the
whole process group and bin/serve-production passing the stop on send two at once: here a
second signal within a few seconds is the same request, and the running task finishes.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5
SAME_STOP_SECONDS = 5


class Worker(db_worker.Worker):
    stop_requested_at: float | None = None

    def shutdown(self, signum, frame):
        now = time.monotonic()
        if self.stop_requested_at is not None and now - self.stop_requested_at < SAME_STOP_SECONDS:
            return  # the same stop, sent twice
        self.stop_requested_at = self.stop_requested_at or now
        super().shutdown(signum, frame)


class Command(db_worker.Command):
    help = (
        "Run the background task worker (db_worker) and keep it running through database outages."
    )

    def handle(self, *args, **options):
        db_worker.Worker = Worker  # the command builds its worker from this name
        while True:
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                logger.warning(
                    "The task worker cannot reach the database (%s); it tries again in %d s.",
                    error,
                    PAUSE_SECONDS,
                )
                for connection in connections.all(initialized_only=True):
                    try:
                        connection.close()
                    except Exception:  # noqa: BLE001 - a broken connection may fail to close
                        logger.debug("Closing a broken database connection failed", exc_info=True)
                time.sleep(PAUSE_SECONDS)
