from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ecoplan.vocabulary import reported as reported_terms
from ecoplan.vocabulary import states


class AsOfForm(forms.Form):
    """?as_of= on the targets page: judge as the data stood that day (empty: today)."""

    as_of = forms.DateField(label=_("as of"), required=False, input_formats=["%Y-%m-%d"])


# -- reported values, qualitative judgements, municipal requirements ---------------------------

def _areas(plan) -> list[tuple[str, str]]:
    """The target's own scope (empty), the district and its sub-areas."""
    from ecoplan.plans.models import Area

    rows = [("", _("the target's own scope"))]
    if plan.district_id:
        rows += [(str(a.pk), a.name) for a in Area.objects.filter(pk=plan.district_id)]
        rows += [(str(a.pk), a.name) for a in plan.district.children.order_by("name")]
    return rows


class _PlanAreaForm(forms.Form):
    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["area"].choices = _areas(plan) if plan is not None else [("", "")]

    def clean_area(self):
        from ecoplan.plans.models import Area

        pk = self.cleaned_data.get("area")
        return Area.objects.get(pk=int(pk)) if pk else None


class ReportedValueForm(_PlanAreaForm):
    """A unit's figure for a target: a calendar year, or the first and last day of the period."""

    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
    period_start = forms.DateField(label=_("period from"), required=False, input_formats=["%Y-%m-%d"],
                                   widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("period to"), required=False, input_formats=["%Y-%m-%d"],
                                 widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=4,
                               widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    previous_value = forms.DecimalField(label=_("previous-period value"), required=False, max_digits=14,
                                        decimal_places=4, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    area = forms.ChoiceField(label=_("area"), required=False)
    source_kind = forms.ChoiceField(label=_("kind of source"),
                                    choices=[(t.code, _(t.label)) for t in reported_terms.SOURCE_KINDS])
    source = forms.CharField(label=_("source"), max_length=300)
    evidence_link = forms.URLField(label=_("evidence link"), required=False, max_length=500, assume_scheme="https")
    evidence_text = forms.CharField(label=_("evidence note"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label=_("evidence file"), required=False)

    def clean(self):
        data = super().clean()
        year, start, end = data.get("year"), data.get("period_start"), data.get("period_end")
        if year and not (start or end):
            data["period_start"], data["period_end"] = date(year, 1, 1), date(year, 12, 31)
        elif not (start and end) and not self.errors:
            raise forms.ValidationError(_("Give the year, or the first and the last day of the period."))
        return data


class ReviewValueForm(forms.Form):
    action = forms.ChoiceField(label=pgettext_lazy("request parameter", "action"),
                               choices=[("accept", "accept"), ("return", "return")])
    comment = forms.CharField(label=pgettext_lazy("request parameter", "comment"), required=False, max_length=5000)


class QualitativeForm(_PlanAreaForm):
    status = forms.ChoiceField(label=_("status"), choices=[(t.code, _(t.label)) for t in states.QUALITATIVE_STATES])
    reason = forms.CharField(label=_("reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    area = forms.ChoiceField(label=_("area"), required=False)
    judged_on = forms.DateField(label=_("judged on"), required=False, input_formats=["%Y-%m-%d"],
                                widget=forms.DateInput(attrs={"type": "date"}))
    evidence_link = forms.URLField(label=_("evidence link"), required=False, max_length=500, assume_scheme="https")
    evidence_text = forms.CharField(label=_("evidence note"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label=_("evidence file"), required=False)


class MunicipalForm(forms.Form):
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=4,
                               widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    comparator = forms.ChoiceField(label=_("comparator"), required=False, choices=[
        ("", _("the indicator's default"))] + [(c, c) for c in reported_terms.MUNICIPAL_COMPARATORS])
    unit = forms.CharField(label=_("unit"), required=False, max_length=30)
    document = forms.CharField(label=_("source document"), max_length=300)
    document_link = forms.URLField(label=_("document link"), required=False, max_length=500, assume_scheme="https")
    document_file = forms.FileField(label=_("document file"), required=False)


class ResponsibleForm(forms.Form):
    organisation = forms.ChoiceField(label=_("unit"), required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ecoplan.plans.models import Organisation

        units = Organisation.objects.filter(district=plan.district) if plan is not None else Organisation.objects.none()
        self.fields["organisation"].choices = [("", _("derive from the plan"))] + [
            (str(o.pk), o.name) for o in units.exclude(kind=Organisation.Kind.GROUP).order_by("name")]

    def clean_organisation(self):
        from ecoplan.plans.models import Organisation

        pk = self.cleaned_data.get("organisation")
        return Organisation.objects.get(pk=int(pk)) if pk else None
