import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)

# What the site needs done every minute or so, in this order.
PERIODIC_COMMANDS = [
    "publish_scheduled",  # Wagtail: pages whose "go live at" / "expire at" has come
    "flush_page_views",  # view counts from the cache to the database
    "send_workshop_reminders",  # e-mail people two days before their table meeting
    "send_consultation_notifications",  # followers and the newsletter (subscriptions/)
    "send_statement_review_reminders",  # the accessibility statement's yearly review
    "requeue_interrupted_email",  # deliveries a killed task worker left unfinished (cms/mail.py)
    "erase_expired_personal_data",  # retention: IPs, accessibility needs, sent e-mail (RODO)
    "clearsessions",  # Django: expired sessions (they may hold a kept comment draft)
]


class Command(BaseCommand):
    help = (
        "Run the site's periodic jobs (scheduled publishing, view counts, meeting "
        "reminders) once, "
        "or every N seconds. One failing job is logged and does not stop the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, every: int, **options):
        verbosity = options["verbosity"] if not every else max(options["verbosity"] - 1, 0)
        while True:
            for name in PERIODIC_COMMANDS:
                try:
                    call_command(name, verbosity=verbosity, stdout=self.stdout)
                except Exception:  # a database outage must not end the loop
                    logger.exception("Periodic job %s failed", name)
                    if not every:
                        raise
            if not every:
                return
            # A connection broken by a database outage is replaced, not reused for ever.
            close_old_connections()
            time.sleep(every)
