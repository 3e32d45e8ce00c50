"""Forms of the bulletin pages: they parse and validate; the actions change."""
from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ecoplan.rankings.models import RankingDefinition
from ecoplan.reporting import periods

from .content import PatternError, fill
from .models import BulletinTemplate
from .sections import CODES, PLACEHOLDERS


class NewDraftForm(forms.Form):
    template = forms.ModelChoiceField(BulletinTemplate.objects.none(), label=_("Template"))
    period = forms.CharField(label=_("Period"), max_length=20,
                             help_text=_("2026-10 (a month), 2026-Q3, 2026-01..10 (year to date) or 2026"))

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates

    def clean(self):
        data = super().clean()
        if data.get("template") and data.get("period"):
            try:
                data["period"] = str(periods.parse(data["period"], data["template"].span))
            except periods.PeriodError as exc:
                self.add_error("period", str(exc))
        return data


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Number (文号)"), max_length=100, required=False,
                             help_text=_("empty: the next number of the template's sequence"))
    issue_date = forms.DateField(label=_("Issue date"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))


class CorrectForm(forms.Form):
    change_note = forms.CharField(label=_("What the correction changes"), max_length=5000, widget=forms.Textarea(
        attrs={"rows": 3}))


# the longest text a template's paragraphs may hold (characters)
TEXT_LIMITS = {"recipients": 500, "opening": 5000, "closing": 5000}


# what each placeholder stands for, shown on the template form (an October 2026 bulletin)
PLACEHOLDER_HELP = format_lazy("{}{}", _("placeholders: "), _(
    "{period} the period (2026年10月), {next_month} the month after it (2026年11月), {district} the district, "
    "{plan} the plan's title, {year} and {month} the period's year and month (2026, 10), {abbr} the "
    "abbreviation, {seq} the number in the year's sequence, {issuer} the issuer; {{ and }} write a brace"))


class TemplateForm(forms.ModelForm):
    """The bureau's template; ``sections``: the section codes in their order, comma-separated."""

    sections = forms.CharField(label=_("Sections, in order"), max_length=300,
                               help_text=_("codes separated by commas: %(codes)s") % {"codes": ", ".join(CODES)})

    class Meta:
        model = BulletinTemplate
        fields = ["name", "district", "issuer", "title_pattern", "number_pattern", "abbreviation", "recipients",
                  "span", "sections", "rankings", "bottom_n", "opening", "closing", "signature", "body_font",
                  "title_font", "heading_font"]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 2}), "opening": forms.Textarea(attrs={"rows": 3}),
                   "closing": forms.Textarea(attrs={"rows": 5}), "rankings": forms.CheckboxSelectMultiple}
        help_texts = {"title_pattern": PLACEHOLDER_HELP, "number_pattern": PLACEHOLDER_HELP,
                      "opening": _("placeholders as in the title"),
                      "closing": _("one paragraph a line (下一步工作要求); placeholders as in the title")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["sections"] = ", ".join(self.instance.sections)
        self.fields["rankings"].queryset = RankingDefinition.objects.filter(active=True).select_related("area")
        for name, limit in TEXT_LIMITS.items():  # the model's text fields are unbounded: a bulletin is not
            self.fields[name].max_length = limit
            self.fields[name].validators.append(MaxLengthValidator(limit))
            self.fields[name].widget.attrs["maxlength"] = str(limit)

    def clean_sections(self):
        codes = [c.strip() for c in self.cleaned_data["sections"].replace("，", ",").split(",") if c.strip()]
        unknown = [c for c in codes if c not in CODES]
        if unknown:
            raise forms.ValidationError(_("unknown sections: %(codes)s (known: %(known)s)") % {
                "codes": ", ".join(unknown), "known": ", ".join(CODES)})
        if len(set(codes)) != len(codes):
            raise forms.ValidationError(_("a section is listed twice"))
        return codes

    def clean(self):
        data = super().clean()
        sample = {p: "" for p in PLACEHOLDERS}
        for field in ("title_pattern", "number_pattern", "opening", "closing"):
            try:
                fill(data.get(field) or "", sample)
            except PatternError as exc:
                self.add_error(field, str(exc))
        district, rankings = data.get("district"), data.get("rankings")
        if district and rankings:
            foreign = [r.name for r in rankings if r.area_id != district.pk]
            if foreign:
                self.add_error("rankings", _("these rankings are not of %(district)s's streets and towns: %(names)s")
                               % {"district": district.name, "names": "、".join(foreign)})
        return data
