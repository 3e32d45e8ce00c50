"""Where a query occurs in the printed text, for the results page to mark it.

The index matches the matching form (NFKC, simplified characters, no spaces, case-folded); the page
shows the text as printed.  Each printed character is put in matching form on its own, which keeps
the way back from a match to the printed characters.  Pure: no Django, no HTML (the template
escapes the parts it is given)."""
from __future__ import annotations

from functools import lru_cache

from ecoplan.importers.text import search_form

SNIPPET_BEFORE, SNIPPET_AFTER = 30, 90  # characters of context around the first match


@lru_cache(maxsize=8192)
def _form(ch: str) -> str:
    return search_form(ch)


def spans(text: str, form: str) -> list[tuple[int, int]]:
    """The (start, end) positions in ``text`` of each occurrence of ``form`` (in matching form)."""
    if not form or not text:
        return []
    folded, owner = [], []
    for i, ch in enumerate(text):
        for piece in _form(ch):
            folded.append(piece)
            owner.append(i)
    haystack = "".join(folded)
    found, at = [], haystack.find(form)
    while at >= 0:
        end = at + len(form)
        found.append((owner[at], owner[end - 1] + 1))
        at = haystack.find(form, end)
    return found


def parts(text: str, form: str, window: bool = False) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_match) parts; with ``window``, only the stretch around the first
    match (or the start), with … where text was left out."""
    found = spans(text, form)
    start, end = 0, len(text)
    if window:
        first = found[0][0] if found else 0
        start = max(0, first - SNIPPET_BEFORE)
        end = min(len(text), first + SNIPPET_AFTER)
        found = [(a, b) for a, b in found if a >= start and b <= end]
    out: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = start
    for a, b in found:
        if a > at:
            out.append((text[at:a], False))
        out.append((text[a:b], True))
        at = b
    if at < end:
        out.append((text[at:end], False))
    if end < len(text):
        out.append(("…", False))
    return out
