from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def marked(parts) -> str:
    """highlight.parts as HTML: every piece escaped, the matches inside <mark> (format_html escapes
    the text; nothing of the user's is ever marked safe)."""
    return format_html_join("", "{}", ((format_html("<mark>{}</mark>", piece) if hit else piece,)
                                       for piece, hit in parts))
