from django.core.management.base import BaseCommand

from events.notifications import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a seat at a meeting that starts within two days, "
        "once (`periodic` runs it)."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} reminders sent.")
