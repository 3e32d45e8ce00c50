"""Every parameter the supervision pages read, parsed here (a bad value is a 400, never a 500)."""
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ecoplan.plans.forms import month_field, pk_field
from ecoplan.plans.models import Annex
from ecoplan.vocabulary.states import DUE_CODES


class ProgressFilterForm(forms.Form):
    unit = pk_field(_("unit"))
    theme = forms.ChoiceField(label=_("theme"), required=False, choices=Annex.Theme.choices)


class OverviewForm(forms.Form):
    """?leader=<牵头领导>|unit=<id>[&plan=<id>][&state=<due state>][&page=<n>] on the overview."""

    leader = forms.CharField(label=_("lead official"), required=False, max_length=50)
    unit = pk_field(_("unit"))
    plan = pk_field(_("plan"))
    state = forms.ChoiceField(label=_("state"), required=False, choices=[(c, c) for c in DUE_CODES])
    page = forms.IntegerField(label=pgettext_lazy("request parameter", "page"), required=False, min_value=1,
                              max_value=10_000)

    def clean(self):
        data = super().clean()
        if data.get("leader") and data.get("unit"):
            raise forms.ValidationError(_("Ask for one leader or one unit, not both."))
        return data


class OpenCycleForm(forms.Form):
    month = month_field(pgettext_lazy("request parameter", "month"))
    due_rule = forms.CharField(label=pgettext_lazy("request parameter", "due rule"), required=False, max_length=40)


class ReportActionForm(forms.Form):
    action = forms.ChoiceField(label=pgettext_lazy("request parameter", "action"), required=False, choices=[
        ("save", "save"), ("submit", "submit"), ("accept", "accept"), ("return", "return"), ("carry", "carry")])
    # a row's "unchanged since last month" without JavaScript: the measure whose row it is
    carry = pk_field(pgettext_lazy("request parameter", "measure"))
    # the version the form was based on (optimistic lock); needed to save or submit
    version = forms.IntegerField(label=pgettext_lazy("request parameter", "version"), required=False, min_value=0, max_value=2**31 - 1)
    comment = forms.CharField(label=pgettext_lazy("request parameter", "comment"), required=False, max_length=5000)

    def clean(self):
        data = super().clean()
        data["action"] = data.get("action") or "save"
        if data["action"] in ("save", "submit") and data.get("version") is None and "version" not in self.errors:
            self.add_error("version", forms.ValidationError(_("This field is required."), code="required"))
        return data


class EntrySaveForm(forms.Form):
    """One row saved as the reporter goes (the row's own fields are read like the whole form's)."""

    version = forms.IntegerField(label=pgettext_lazy("request parameter", "version"), min_value=0, max_value=2**31 - 1)
    carry = forms.BooleanField(label=pgettext_lazy("request parameter", "unchanged since last month"), required=False)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name (which system uses it)"), max_length=100, strip=True)


class AssessmentForm(forms.Form):
    """?from=&to=&scheme=&format= on the assessment page ("from" is a keyword: set below)."""

    to = forms.DateField(label=pgettext_lazy("request parameter", "to"), required=False, input_formats=["%Y-%m-%d"])
    scheme = pk_field(_("assessment scheme"))
    format = forms.ChoiceField(label=pgettext_lazy("request parameter", "format"), required=False, choices=[("xlsx", "xlsx")])

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            raise forms.ValidationError(_("The first day is after the last day."))
        return data


AssessmentForm.base_fields["from"] = forms.DateField(label=pgettext_lazy("request parameter", "from"), required=False,
                                                     input_formats=["%Y-%m-%d"])


class MonthForm(forms.Form):
    """?month=&list=&format=&page= on the coordinator's month."""

    month = month_field(pgettext_lazy("request parameter", "month"), required=False)
    list = forms.ChoiceField(label=pgettext_lazy("request parameter", "list"), required=False, choices=[
        ("units", "units"), ("review", "review"), ("measures", "measures"), ("targets", "targets")])
    format = forms.ChoiceField(label=pgettext_lazy("request parameter", "format"), required=False, choices=[("xlsx", "xlsx")])
    page = forms.IntegerField(label=pgettext_lazy("request parameter", "page"), required=False, min_value=1, max_value=10_000)
    refresh = forms.BooleanField(label=pgettext_lazy("request parameter", "refresh"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("format") and not data.get("list") and "list" not in self.errors:
            self.add_error("list", forms.ValidationError(_("This field is required."), code="required"))
        return data


class RemindForm(forms.Form):
    """The units to remind: one (``unit``) or every unit not yet submitted."""

    cycle = pk_field(pgettext_lazy("request parameter", "cycle"))
    unit = pk_field(_("unit"))

    def clean(self):
        data = super().clean()
        if data.get("cycle") is None and "cycle" not in self.errors:
            self.add_error("cycle", forms.ValidationError(_("This field is required."), code="required"))
        return data
