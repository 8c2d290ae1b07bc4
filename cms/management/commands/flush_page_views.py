import time

from django.core.management.base import BaseCommand
from wagtail.models import Page

from cms.pageviews import flush_page_views


class Command(BaseCommand):
    help = "Move page view counts from the cache to the database (once, or every N seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, every: int, **options):
        while True:
            moved = flush_page_views(Page.objects.live().values_list("pk", flat=True))
            if options["verbosity"] > 1 or not every:
                self.stdout.write(f"{moved} views stored.")
            if not every:
                return
            time.sleep(every)
