"""`ecoplan restore FILE [--force]` — put a backup in place of the data, all of it or nothing."""
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ecoplan.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restore a backup made by `ecoplan backup` into the data folder (ECOPLAN_DATA_DIR). Refuses a "
            "folder that is not empty unless --force; checks the manifest and every checksum before "
            "anything is replaced.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="replace the data that is there")

    def handle(self, *args, archive: Path, force: bool, **options):
        try:
            manifest = restore_backup(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        call_command("migrate", interactive=False, verbosity=0)  # a backup of an older ecoplan is brought up to date
        counts = ", ".join(f"{key}: {value}" for key, value in manifest["counts"].items())
        self.stdout.write(f"{archive} restored into {settings.DATA_DIR} (made {manifest['created_at']}, "
                          f"ecoplan {manifest['ecoplan_version']}; {counts})")
