from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite's online backup) and MEDIA_ROOT and "
        "PRIVATE_MEDIA_ROOT into one archive in BACKUP_DIR, encrypted when "
        "BACKUP_ENCRYPTION_KEY is set; then remove all but the newest BACKUP_KEEP archives."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Write here instead of BACKUP_DIR.")
        parser.add_argument(
            "--keep", type=int, help="Keep this many newest archives instead of BACKUP_KEEP."
        )
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="Print a new random value for BACKUP_ENCRYPTION_KEY and exit.",
        )

    def handle(self, *args, **options):
        if options["generate_key"]:
            self.stdout.write(backup.generate_key())
            return
        try:
            backup.create_backup(folder=options["dir"], keep=options["keep"], log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
