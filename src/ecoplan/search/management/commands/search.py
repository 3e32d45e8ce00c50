"""`ecoplan search --reindex` rebuilds the search index; `ecoplan search PHRASE` lists what the
index finds for a phrase (every kind: the command line is the bureau's)."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from ecoplan.plans.models import Plan
from ecoplan.search import index
from ecoplan.search.kinds import KINDS
from ecoplan.search.query import MAX_QUERY, matching, normalise


class Command(BaseCommand):
    help = "Rebuild the search index (--reindex, or --plan ID for one plan) or list the matches of a phrase."

    def add_arguments(self, parser):
        parser.add_argument("phrase", nargs="?", help="a phrase to look up")
        parser.add_argument("--reindex", action="store_true", help="rebuild the whole index")
        parser.add_argument("--plan", type=int, help="with --reindex: only this plan's rows")
        parser.add_argument("--limit", type=int, default=20, help="matches listed (default 20)")

    def handle(self, *args, phrase=None, reindex=False, plan=None, limit=20, **options):
        if reindex:
            target = None
            if plan is not None:
                target = Plan.objects.filter(pk=plan).first()
                if target is None:
                    raise CommandError(f"no plan #{plan} (ecoplan plans lists them)")
            started = time.perf_counter()
            written = index.reindex(target)
            seconds = time.perf_counter() - started
            counts = ", ".join(f"{code} {n}" for code, n in written.items())
            self.stdout.write(f"indexed {sum(written.values())} rows in {seconds:.2f} s ({counts})")
            return
        if not phrase:
            raise CommandError("give a phrase to look up, or --reindex to rebuild the index")
        if len(phrase) > MAX_QUERY:
            raise CommandError(f"a phrase of at most {MAX_QUERY} characters, please (this one has {len(phrase)})")
        form = normalise(phrase)
        if not form:
            raise CommandError("the phrase is empty once spaces and control characters are left out")
        for entry in matching(form).order_by("kind", "id")[:limit]:
            self.stdout.write(f"{KINDS[entry.kind].label}\t{entry.title[:60]}\t{entry.url}")
