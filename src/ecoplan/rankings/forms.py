"""The rankings' request parameters and the saved definition's form: parsed by forms, never by hand
(a bad period or metric answers 400 naming the field)."""
from __future__ import annotations

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.forms import MAX_PK
from ecoplan.plans.models import Area
from ecoplan.reporting.periods import SPAN_CODES, PeriodError, latest_complete, parse
from ecoplan.vocabulary.rank_metrics import MAX_N

from .access import rankable
from .models import RankingDefinition, metric_choices


def n_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=MAX_N)


class PeriodForm(forms.Form):
    """?period=2026-10 (or 2026-Q3, 2026-01..10, 2026) on a saved ranking; ?format=xlsx."""

    period = forms.CharField(label=pgettext_lazy("request parameter", "period"), required=False, max_length=20)
    format = forms.ChoiceField(label=pgettext_lazy("request parameter", "format"), required=False,
                               choices=[("", _("web page")), ("xlsx", _("Excel workbook (xlsx)"))])

    def __init__(self, *args, span: str = "month", **kwargs):
        super().__init__(*args, **kwargs)
        self.span = span

    def clean_period(self):
        text = self.cleaned_data.get("period")
        if not text:
            return latest_complete(self.span, timezone.localdate())
        try:
            return parse(text, self.span)
        except PeriodError as exc:
            raise forms.ValidationError(exc.translated(gettext)) from None


class RunForm(PeriodForm):
    """An ad-hoc ranking: /rankings/run/?area=&metric=&period=&span=&level=&order=&bottom_n=&top_n=."""

    area = forms.ModelChoiceField(label=_("area"), queryset=Area.objects.filter(kind=Area.Kind.DISTRICT),
                                  required=False, empty_label=_("all districts"))
    metric = forms.ChoiceField(label=_("metric"), choices=metric_choices, initial="pm25")
    span = forms.ChoiceField(label=_("span"), required=False, choices=RankingDefinition.Span.choices, initial="month")
    level = forms.ChoiceField(label=_("level"), required=False, choices=RankingDefinition.Level.choices,
                              initial="sub_area")
    order = forms.ChoiceField(label=_("order by"), required=False, choices=RankingDefinition.Order.choices, initial="value")
    rounding = forms.ChoiceField(label=_("rounding"), required=False, choices=RankingDefinition.Rounding.choices, initial="gb8170")
    bottom_n = n_field(_("bottom N"))
    top_n = n_field(_("top N"))
    exclude_dust = forms.BooleanField(label=_("sand and dust days excluded"), required=False)  # 扣除沙尘

    field_order = ["area", "metric", "span", "period", "level", "order", "bottom_n", "top_n", "rounding", "exclude_dust"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:  # only the metrics whose figures the user may see (rankings.access)
            allowed = {m.code for m in rankable(user)}
            self.fields["metric"].choices = [c for c in metric_choices() if c[0] in allowed]
        self.fields["period"].widget.attrs["placeholder"] = "2026-10"
        span = self.data.get("span") or "month"
        self.span = span if span in SPAN_CODES else "month"  # a bad span is the span field's error

    def clean_span(self):
        return self.cleaned_data.get("span") or "month"

    def clean(self):
        data = super().clean()
        data["level"] = data.get("level") or "sub_area"
        data["order"] = data.get("order") or "value"
        data["rounding"] = data.get("rounding") or "gb8170"
        data["bottom_n"] = data.get("bottom_n") or 0
        data["top_n"] = data.get("top_n") or 0
        return data


class DefinitionForm(forms.ModelForm):
    """A saved ranking's settings, as the coordinator edits them (``actions.do_save_definition``)."""

    class Meta:
        model = RankingDefinition
        fields = ["name", "area", "level", "metric", "span", "order", "bottom_n", "top_n", "places", "rounding",
                  "exclude_dust", "active"]

    metric = forms.ChoiceField(label=_("metric"), choices=metric_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(kind=Area.Kind.DISTRICT)
        self.fields["area"].empty_label = _("all districts")
        for name in ("bottom_n", "top_n"):
            self.fields[name].max_value = MAX_N
            self.fields[name].validators.append(MaxValueValidator(MAX_N))


class IdsField(forms.Field):
    """?area=3&area=5: ids, each a whole number within the database's range."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            ids = [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Enter whole numbers.")) from None
        if any(not 1 <= i <= MAX_PK for i in ids):
            raise forms.ValidationError(_("Enter whole numbers.")) from None
        return ids


class FragmentForm(PeriodForm):
    """The fragments' ?as_of= (the host page's day) and ?area= (the districts whose rankings)."""

    # a day after which a month can still end and before which one began (year 1 has no month before)
    as_of = forms.DateField(label=_("as of"), required=False, validators=[
        MinValueValidator(date(1, 2, 1)), MaxValueValidator(date(9999, 12, 30))])
    area = IdsField(label=_("area"), required=False)
