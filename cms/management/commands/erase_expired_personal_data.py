from django.core.management.base import BaseCommand

from core.personal_data import expired_personal_data_erase


class Command(BaseCommand):
    help = (
        "Erase personal data the retention rules no longer allow to keep: comment IP "
        "addresses, meeting accessibility needs, finished e-mail tasks (see README, "
        "Personal data)."
    )

    def handle(self, *args, **options):
        for key, count in expired_personal_data_erase().items():
            if count and options["verbosity"]:
                self.stdout.write(f"{key}: {count} erased")
