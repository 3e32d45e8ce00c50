from django import forms
from django.utils.translation import pgettext_lazy


class YearForm(forms.Form):
    """?year= on the air pages (empty: this year)."""

    year = forms.IntegerField(label=pgettext_lazy("request parameter", "year"), required=False, min_value=2000, max_value=2100)
