"""`ecoplan backup -o FILE` — the database, the air store and the evidence files in one archive."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecoplan.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = ("Write a backup (.tar.gz): the SQLite database (an online copy), the air store (DuckDB and "
            "hourly Parquet) and the uploaded evidence, with a manifest of counts and SHA-256 checksums.")

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, type=Path, help="the archive to write (.tar.gz)")

    def handle(self, *args, output: Path, **options):
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = ", ".join(f"{key}: {value}" for key, value in manifest["counts"].items())
        self.stdout.write(f"{output}: {len(manifest['files'])} files ({counts})")
