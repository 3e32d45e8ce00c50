from django import forms
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    """?year= on the air pages (empty: this year)."""

    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
