"""`ecoplan remind [--date YYYY-MM-DD]` — reminders and the escalation list (run daily by cron)."""
from datetime import date

from django.core.management.base import BaseCommand

from ecoplan.supervision.actions import do_send_reminders


class Command(BaseCommand):
    help = "Send report and deadline reminders (in-app and e-mail) and the escalation list."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, default=None)

    def handle(self, *args, date=None, **options):
        sent = do_send_reminders(date)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sent.items()))
