from django.core.management.base import BaseCommand

from cms.accessibility import send_review_reminders


class Command(BaseCommand):
    help = (
        "E-mail the coordinators when the accessibility statement has not been reviewed for "
        "a year, once per overdue review (`periodic` runs it)."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} accessibility statement reminders sent.")
