"""`ecoplan serve [--host 0.0.0.0] [--port 8000] [--threads 8]` — the production server
(waitress, pure Python: no compiler or C library needed on a government intranet).  Static files
are collected into ECOPLAN_DATA_DIR/static and served by the application itself."""
from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve ecoplan with waitress (production); `runserver` remains the development server."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from ecoplan.wsgi import application

        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"ecoplan on http://{host}:{port}/ ({threads} threads)")
        # a request body larger than the largest upload (plus the multipart envelope) is refused
        # by waitress before Django reads it
        largest = max(settings.ECOPLAN_MAX_UPLOAD_BYTES, settings.ECOPLAN_MAX_EVIDENCE_BYTES) + (1 << 20)
        serve(application, host=host, port=port, threads=threads, backlog=1024, ident="ecoplan",
              max_request_body_size=largest)
