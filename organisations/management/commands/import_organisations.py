from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations.services import organisations_import


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV file (UTF-8, ; or , separated, with a header line). "
        "Rows are matched by KRS, else NIP. Every rejected row is reported with its line."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        report = organisations_import(data=data, dry_run=dry_run)
        if not report.ok:
            raise CommandError(" ".join(report.file_errors))
        for row in report.rejected:
            self.stderr.write(f"line {row.line}: {row.name or '—'}: {' '.join(row.reasons)}")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.rows} rows: {report.created} {verb} created, {report.updated} {verb} "
            f"updated, {report.unchanged} unchanged, {len(report.rejected)} rejected."
            + (" Dry run: nothing was written." if dry_run else "")
        )
