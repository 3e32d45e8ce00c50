"""`ecoplan bulletin PLAN --period 2026-10 --format docx|pdf|xlsx -o FILE [--template NAME] [--issued]`."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ecoplan.plans.models import Plan
from ecoplan.reporting import periods

from ... import actions, content
from ...models import Bulletin, BulletinFile, BulletinTemplate


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = ("Write a plan's bulletin (通报) for a period as DOCX, PDF or XLSX: a draft made from the current data, "
            "or with --issued the issued version's file exactly as kept.")

    def add_arguments(self, parser):
        parser.add_argument("plan", help="the plan's id or title")
        parser.add_argument("--period", required=True, help="2026-10, 2026-Q3, 2026-01..10 or 2026")
        parser.add_argument("--format", required=True, choices=content.FORMATS, dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--template", help="the template's name (needed when the district has several)")
        parser.add_argument("--issued", action="store_true", help="the issued version's stored file")

    def handle(self, *args, plan, period, fmt, output, template=None, issued=False, **options):
        record = self._plan(plan)
        chosen = self._template(record, template)
        try:
            found = periods.parse(period, chosen.span)
        except periods.PeriodError as exc:
            raise _fail(f"--period: {exc}") from None
        if issued:
            bulletin = Bulletin.objects.filter(plan=record, template=chosen, period=str(found),
                                               status=Bulletin.Status.ISSUED).first()
            if bulletin is None:
                raise _fail(f"no issued bulletin of {found} from “{chosen.name}” for plan {record.pk}")
            data = bytes(BulletinFile.objects.get(bulletin=bulletin, format=fmt).content)
            what = f"issued {bulletin.number} (version {bulletin.version})"
        else:
            try:
                actions.check_template(record, chosen)
                snapshot = actions.read_figures(record, chosen, found, timezone.localdate())
            except actions.Refused as exc:
                raise _fail(str(exc)) from None
            data = content.render(content.make_document(snapshot), fmt)
            what = "draft from the current data"
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise _fail(f"cannot write {path}: {exc.strerror}") from None
        self.stdout.write(f"{path}: {fmt.upper()}, {len(data)} bytes, {what}")

    def _plan(self, text: str) -> Plan:
        plan = Plan.objects.filter(pk=int(text)).first() if text.isdigit() else None
        plan = plan or Plan.objects.filter(title=text).first()
        if plan is None:
            matches = list(Plan.objects.filter(title__contains=text)[:3])
            if len(matches) == 1:
                return matches[0]
            raise _fail(f"no plan “{text}”: give its id or full title (`ecoplan plans` lists them)"
                        if not matches else f"“{text}” matches several plans: give the id")
        return plan

    def _template(self, plan: Plan, name: str | None) -> BulletinTemplate:
        templates = BulletinTemplate.objects.filter(district=plan.district) if plan.district_id else \
            BulletinTemplate.objects.none()
        if name:
            found = BulletinTemplate.objects.filter(name=name).first()
            if found is None:
                raise _fail(f"no bulletin template “{name}”")
            return found
        listed = list(templates[:2])
        if not listed:
            raise _fail(f"plan {plan.pk} has no bulletin template for its district: make one on /bulletins/")
        if len(listed) > 1:
            raise _fail("the district has several bulletin templates: name one with --template")
        return listed[0]
