"""The auditor's page: the audit trail, filtered and paged."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from ecoplan.plans.access import check

from . import audit
from .forms import AuditFilterForm

PAGE_SIZE = 50


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@login_required
def audit_log(request):
    check(request.user, "audit")  # auditors and coordinators; others: 404
    form = AuditFilterForm(request.GET)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if not form.is_valid():
        return render(request, "core/audit_log.html", {"form": form, "page": None}, status=400)
    f = form.cleaned_data
    if f["who"]:
        entries = entries.filter(Q(actor__username__icontains=f["who"])
                                 | Q(additional_data__actor_name__icontains=f["who"])
                                 | Q(additional_data__username__icontains=f["who"])
                                 | Q(additional_data__system_user__icontains=f["who"]))
    if f["kind"]:
        app_label, model = f["kind"].split(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
    if f["event"]:
        entries = entries.filter(additional_data__event=f["event"])
    if f["since"]:
        entries = entries.filter(timestamp__gte=_day_start(f["since"]))
    if f["until"]:
        entries = entries.filter(timestamp__lt=_day_start(f["until"] + timedelta(days=1)))
    page = Paginator(entries, PAGE_SIZE).get_page(f["page"] or 1)
    rows = [{"entry": e, "event": audit.EVENTS.get((e.additional_data or {}).get("event"), e.get_action_display()),
             "who": _who(e), "changes": _changes(e)} for e in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"form": form, "page": page, "rows": rows,
                                                   "query": query.urlencode()})


def _who(entry: LogEntry) -> str:
    data = entry.additional_data or {}
    if entry.actor is not None:
        return entry.actor.get_username()
    if data.get("actor_name"):
        return data["actor_name"]
    if data.get("via") == "cli":
        return f"{data.get('system_user', '?')} (ecoplan {data.get('command', '')})"
    return "—"


def _changes(entry: LogEntry) -> str:
    # field names and choices as the models label them (状态: 未启动 → 进行中), not raw codes
    changes = entry.changes_display_dict or {}
    parts = []
    for field, values in changes.items():
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": …, "objects": […]}
            parts.append(f"{field}: {values.get('operation', '')} {', '.join(map(str, values.get('objects', [])))}")
        else:
            old, new = (values + [None, None])[:2]
            parts.append(f"{field}: {_short(old)} → {_short(new)}")
    text = "; ".join(parts)
    return text if len(text) <= 400 else text[:399] + "…"


def _short(value) -> str:
    text = "—" if value in (None, "None", "") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"
