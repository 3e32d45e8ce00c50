from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    """?as_of= on the targets page: judge as the data stood that day (empty: today)."""

    as_of = forms.DateField(label=_("as of"), required=False, input_formats=["%Y-%m-%d"])
