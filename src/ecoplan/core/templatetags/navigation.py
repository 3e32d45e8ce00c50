"""``{% load navigation %}{% nav_section as section %}``: which navigation section — 栏目 — a page
belongs to, so base.html can mark it.  The sections are data: (URL namespace, URL names or None for
the whole namespace) → section; a new page joins a section by a row here, not an ``if`` in a
template."""
from django import template

register = template.Library()

SECTIONS: tuple[tuple[str, frozenset[str] | None, str], ...] = (
    ("plans", frozenset({"organisations", "organisation", "lexicon", "lexicon_add", "lexicon_edit"}), "units"),
    ("plans", frozenset({"review", "resolve"}), "review"),
    ("plans", frozenset({"upload", "upload_mapping"}), "import"),
    ("plans", None, "plans"),
    ("evaluation", None, "plans"),  # a plan's targets, trajectory and reported values
    ("monitoring", None, "air"),
    ("water", None, "air"),
    ("supervision", frozenset({"token", "revoke_token"}), "account"),
    ("supervision", frozenset({"overview", "overview_pdf"}), "overview"),
    ("supervision", frozenset({"people", "invite", "person", "deactivate", "reactivate", "reset_password"}), "people"),
    ("supervision", None, "supervision"),
    ("rankings", None, "rankings"),  # issue #11
    ("bulletins", None, "bulletins"),
    ("core", None, "account"),  # the audit trail
    ("search", None, "search"),  # /search/ (issue #10): base.html shows the query in the box there
)


def section_of(namespace: str, url_name: str) -> str:
    """The first row that matches; "" for pages of no section (sign-in, admin, errors)."""
    for ns, names, section in SECTIONS:
        if ns == namespace and (names is None or url_name in names):
            return section
    return ""


@register.simple_tag(takes_context=True)
def nav_section(context) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return section_of(match.namespace, match.url_name) if match else ""


@register.simple_tag(takes_context=True)
def page_query(context, number: int, param: str = "page") -> str:
    """``?…&page=3``: the current query string with one page number changed, so paging a list
    keeps its filters (and the other lists' pages on a page with several)."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
