from django.core.management.base import BaseCommand

from cms.mail import requeue_interrupted_deliveries


class Command(BaseCommand):
    help = (
        "Queue again the e-mail deliveries that would never finish by themselves: left running "
        "by a killed task worker for longer than EMAIL_DELIVERY_TIMEOUT, or failed because the "
        "database or the worker went away. Run by `manage.py periodic`."
    )

    def handle(self, *args, **options):
        requeued = requeue_interrupted_deliveries()
        if requeued and options["verbosity"]:
            self.stdout.write(f"{requeued} e-mail deliveries queued again.")
