from django.core.management.base import BaseCommand

from subscriptions.notifications import send_due_notifications
from subscriptions.services import forget_sent_log, forget_unconfirmed


class Command(BaseCommand):
    help = (
        "E-mail followers when a consultation opens and two days before it closes, and send "
        "any notification of the last day that is still due (new versions, reports, the "
        "newsletter), once per person; forget sign-ups never confirmed and the log of e-mails "
        "sent after 90 days (`periodic` runs it)."
    )

    def handle(self, *args, **options):
        sent = send_due_notifications()
        forgotten = forget_unconfirmed()
        forget_sent_log()
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{sent} notifications sent, {forgotten} unconfirmed sign-ups forgotten."
            )
