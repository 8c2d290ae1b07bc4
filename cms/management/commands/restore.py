from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into the configured, empty database "
        "and into MEDIA_ROOT and PRIVATE_MEDIA_ROOT, verifying every checksum. Exits non-zero "
        "on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database has tables (replaces what the dump holds).",
        )

    def handle(self, *args, archive, force, **options):
        try:
            restore_backup(archive, force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}."))
