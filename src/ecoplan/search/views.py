"""GET /search/?q=… — what the user may see that holds the phrase, grouped by kind with counts:
the first few of each kind, or one kind page by page (?kind=measure&page=2)."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render

from . import highlight
from .forms import SearchForm
from .kinds import KINDS
from .query import TRIGRAM, normalise, search

PER_KIND = 5  # the overview: this many of each kind
PER_PAGE = 20
ORDER = (F("plan_id").desc(nulls_last=True), F("id").asc())  # newest plans first, then document order


def _shown(rows, form: str) -> list[dict]:
    return [{"entry": e, "title": highlight.parts(e.title, form),
             "text": highlight.parts(e.text, form, window=True) if e.text else []} for e in rows]


def search_page(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "search/search.html", {"form": form, "kinds": KINDS}, status=400)
    q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    wanted = normalise(q)
    context = {"form": form, "q": q, "kind": kind, "kinds": KINDS, "short": 0 < len(wanted) < TRIGRAM}
    if not wanted:
        return render(request, "search/search.html", context)
    found = search(request.user, wanted).select_related("measure")  # reported progress: its measure
    counts = {row["kind"]: row["n"] for row in found.values("kind").annotate(n=Count("id")).order_by()}
    context["groups"] = [(code, k.label, counts[code]) for code, k in KINDS.items() if counts.get(code)]
    context["total"] = sum(counts.values())
    if kind:
        page = Paginator(found.filter(kind=kind).order_by(*ORDER), PER_PAGE).get_page(form.cleaned_data["page"])
        context.update(page=page, results=_shown(page, wanted), kind_label=KINDS[kind].label)
    else:
        first = found.annotate(rank=Window(RowNumber(), partition_by=[F("kind")], order_by=ORDER)).filter(
            rank__lte=PER_KIND)
        by_kind: dict[str, list] = {}
        for entry in first:
            by_kind.setdefault(entry.kind, []).append(entry)
        context["overview"] = [(code, label, n, _shown(sorted(by_kind.get(code, []), key=lambda e: e.rank), wanted))
                               for code, label, n in context["groups"]]
    return render(request, "search/search.html", context)
