"""`ecoplan import FILE… [--dry-run] [--supersede] [--shape NAME] [--columns MAPPING | --columns-file FILE]`
— import plan documents, one transaction per file.

A task table whose column names the header vocabulary does not know is refused with the roles
guessed for its columns; pass them, corrected, as ``--columns '工作内容=measure,责任部门=lead_unit'``
or in a TOML/JSON file (``--columns-file``)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from ecoplan.importers import TEXT_SHAPES, limits, mapping
from ecoplan.importers.model import PlanImportError
from ecoplan.plans.actions import import_document


class Command(BaseCommand):
    help = "Import plan documents (.txt, .docx, .xlsx, .pdf, exported .json)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true",
                            help="parse and report, write nothing")
        parser.add_argument("--supersede", action="store_true",
                            help="a revised copy of a plan in force (same 文号/title and district) replaces it")
        parser.add_argument("--shape", choices=list(TEXT_SHAPES),
                            help="read the documents as this shape instead of detecting it")
        given = parser.add_mutually_exclusive_group()
        given.add_argument("--columns", metavar="MAPPING",
                           help="the task table's columns: printed header=role, comma-separated; roles: "
                                + ", ".join(mapping.ROLES))
        given.add_argument("--columns-file", metavar="FILE",
                           help='the same mapping in a TOML or JSON file ("header" = "role")')

    def handle(self, *args, files, dry_run, supersede=False, shape=None, columns=None, columns_file=None,
               **options):
        console = Console(file=self.stdout, force_terminal=False, width=120)
        try:
            if columns is not None:
                columns = mapping.parse_spec(columns)
            elif columns_file is not None:
                columns = mapping.read_file(Path(columns_file).read_bytes(), columns_file)
        except PlanImportError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{columns_file}: cannot read the file: {exc.strerror}") from exc
        failures = []
        with Progress(console=console, transient=True) as progress:
            bar = progress.add_task("importing", total=len(files))
            for name in files:
                progress.update(bar, description=Path(name).name)
                try:
                    # an oversized file is refused before it is read
                    limits.check_size(Path(name).stat().st_size, partial(PlanImportError, source=name))
                    data = Path(name).read_bytes()
                except PlanImportError as exc:
                    failures.append(str(exc))
                    progress.advance(bar)
                    continue
                except OSError as exc:
                    failures.append(f"{name}: cannot read the file: {exc.strerror}")
                    progress.advance(bar)
                    continue
                try:
                    result, plan = import_document(data, Path(name).name, dry_run=dry_run, supersede=supersede,
                                                   shape=shape, columns=columns)
                except PlanImportError as exc:
                    failures.append(str(exc))
                    progress.advance(bar)
                    continue
                except Exception as exc:  # a defect, not bad input: report it, import the others
                    failures.append(f"{name}: not imported ({type(exc).__name__}: {exc})")
                    progress.advance(bar)
                    continue
                progress.advance(bar)
                self._summary(console, result, plan, dry_run)
        for failure in failures:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) not imported")

    def _summary(self, console, result, plan, dry_run):
        counts = result.counts()
        head = "DRY RUN — nothing written: " if dry_run else f"plan #{plan.pk}: "
        if plan is not None and plan.supersedes_id:
            head += f"(supersedes plan #{plan.supersedes_id}) "
        console.print(f"{head}{result.meta.title} ({result.source_name}, shape {result.shape})")
        table = Table("附件", "title", "tasks", "measures")
        for annex in result.annexes:
            table.add_row(annex.number, annex.title, str(len(annex.tasks)),
                          str(sum(len(t.measures) for t in annex.tasks)))
        console.print(table)
        console.print(f"annexes {counts['annexes']}, tasks {counts['tasks']}, measures "
                      f"{counts['measures']}, targets {counts['targets']}, review items "
                      f"{counts['review']}, skipped lines {counts['skipped']}")
