"""Finding rows of the index: the user's text in matching form, matched as one literal phrase,
limited to what the access policy lets the user see.

Three characters or more: the trigram index (SQLite FTS5 ``MATCH`` with the text quoted as a
phrase, so ``"`` ``*`` ``NEAR(`` ``-`` ``OR`` are plain characters; PostgreSQL ``LIKE`` on the
pg_trgm GIN index).  One or two characters (扬尘, 秸秆) have no trigram: ``LIKE`` over the same index
table, which is one row per findable thing, not the whole database."""
from __future__ import annotations

import unicodedata

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from ecoplan.importers.text import search_form
from ecoplan.plans import access

from .kinds import KINDS
from .models import Entry

MAX_QUERY = 100  # characters: a phrase, not a document
TRIGRAM = 3


def normalise(text: str) -> str:
    """The query in matching form, without control characters (a NUL ends SQLite's strings)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    return search_form(text)


def fts_phrase(form: str) -> str:
    """FTS5 query syntax for the literal phrase ``form``: quoted, inner quotes doubled."""
    return '"' + form.replace('"', '""') + '"'


def matching(form: str) -> QuerySet[Entry]:
    if connection.vendor == "sqlite" and len(form) >= TRIGRAM:
        return Entry.objects.filter(
            pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [fts_phrase(form)]))
    return Entry.objects.filter(body__contains=form)


def visible_kinds(user) -> Q | None:
    """The rows the user may find, kind by kind, as the access policy says (None: no kind at all)."""
    allowed = Q()
    found = False
    for code, kind in KINDS.items():
        rule = access.rule(user, kind.access)
        if rule == access.ALL:
            allowed |= Q(kind=code)
        elif rule == access.OWN:  # e.g. a reporter: the own unit's reports only
            allowed |= Q(kind=code, **{f"{kind.via}__in": access.visible(user, kind.access).values("pk")})
        else:
            continue
        found = True
    return allowed if found else None


def search(user, form: str) -> QuerySet[Entry]:
    """The user's matches for ``form`` (already in matching form), every kind."""
    allowed = visible_kinds(user)
    if not form or allowed is None:
        return Entry.objects.none()
    return matching(form).filter(allowed)
