from django.core.management.base import BaseCommand
from wagtail.models import Page

from core.pageviews import flush_page_views


class Command(BaseCommand):
    help = "Move page view counts from the cache to the database (`periodic` runs it)."

    def handle(self, *args, **options):
        moved = flush_page_views(Page.objects.live().values_list("pk", flat=True))
        if options["verbosity"] > 0:
            self.stdout.write(f"{moved} views stored.")
