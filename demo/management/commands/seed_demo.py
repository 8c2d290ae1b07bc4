import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import gmina as demo


class Command(BaseCommand):
    help = (
        "Build the demo gmina (Nadrzecze): pages, settings and demo accounts. "
        "Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo accounts have a published password).",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. The demo accounts have a published "
                "password. Use --force if you really want demo data here."
            )
        # Wagtail logs every page created and published; the summary below is enough here.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        try:
            demo.build()
        finally:
            wagtail_log.setLevel(level)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready. Log in as {demo.DEMO_PEOPLE[0].email} / {demo.DEMO_PASSWORD} "
                "(more accounts in the README)."
            )
        )
