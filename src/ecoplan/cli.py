"""The `ecoplan` command: the project's manage.py, with the domain commands under short names.

`ecoplan import FILE…`, `ecoplan plans`, `ecoplan export PLAN` and every Django command
(`ecoplan migrate`, `ecoplan createsuperuser`, …).  Commands that need the database create and
migrate it first when it is missing.
"""
from __future__ import annotations

import os
import sys

ALIASES = {"import": "import_plan", "plans": "list_plans", "export": "export_plan", "judge": "targets"}
NEEDS_DATABASE = {"import_plan", "list_plans", "export_plan", "load_demo", "runserver", "serve", "air", "water", "measure", "targets", "cycle", "remind", "search", "rank",
                  "createsuperuser", "changepassword", "shell"}


def prepare_data_dir() -> None:
    """SQLite creates the database file, not its folder."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


def ensure_database() -> None:
    """Create and migrate the database when tables are missing (a fresh ECOPLAN_DATA_DIR)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    prepare_data_dir()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoplan.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        django.setup()
    except ImproperlyConfigured as exc:  # e.g. no secret key: say how to set it, no traceback
        sys.exit(f"ecoplan: {exc}")
    from ecoplan.core.audit import run_by_command

    run_by_command(argv[1] if len(argv) > 1 else "")  # the audit trail names the command and system user
    prepare_data_dir()
    if len(argv) > 1 and argv[1] in NEEDS_DATABASE:
        ensure_database()
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
