from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .query import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY, strip=True,
                        error_messages={"max_length": _("Search for a phrase of at most %(limit_value)d characters "
                                                        "(this one has %(show_value)d).")})
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[(k, v.label) for k, v in KINDS.items()])
    page = forms.CharField(required=False)  # the paginator reads any value (last page, first page)
