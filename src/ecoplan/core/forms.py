"""Forms of the site-wide pages."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import audit


def _kinds() -> list[tuple[str, str]]:
    from django.apps import apps

    kinds = [(label.lower(), str(apps.get_model(label)._meta.verbose_name)) for label in audit.TRACKED]
    return [("", _("any"))] + sorted(kinds, key=lambda k: k[1])


class AuditFilterForm(forms.Form):
    """The auditor's filters: who, what kind of object, which event, from … to, which page."""

    who = forms.CharField(label=_("who"), required=False, max_length=150)
    kind = forms.ChoiceField(label=_("object kind"), required=False, choices=_kinds)
    event = forms.ChoiceField(label=_("event"), required=False,
                              choices=lambda: [("", _("any"))] + list(audit.EVENTS.items()))
    since = forms.DateField(label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("the start date is after the end date"))
        return data
