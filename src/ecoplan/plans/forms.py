from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ecoplan.importers import mapping
from ecoplan.importers.model import PlanImportError
from ecoplan.vocabulary.columns import MAPPING_ROLES

from .models import REVIEW_KINDS, Annex, ReviewItem

ACCEPTED = (".txt", ".docx", ".xlsx", ".pdf", ".json")
MAX_PK = 2**63 - 1  # the database's largest id: a larger one is a bad value, not a crash
MONTH_PATTERN = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"  # YYYY-MM, 1900-01 … 2099-12


def month_field(label=None, **kwargs) -> forms.RegexField:
    return forms.RegexField(label=label, regex=MONTH_PATTERN,
                            error_messages={"invalid": _("Enter a month as YYYY-MM.")}, **kwargs)


def pk_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=MAX_PK, **kwargs)


class MeasureFilterForm(forms.Form):
    unit = pk_field(_("unit"), widget=forms.Select)
    theme = forms.ChoiceField(required=False, choices=[("", _("All themes"))] + list(Annex.Theme.choices))
    month = month_field(pgettext_lazy("request parameter", "month"), required=False,
                        widget=forms.DateInput(attrs={"type": "month"}))


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("request parameter", "status"), required=False, choices=ReviewItem.Status.choices)
    plan = pk_field(_("plan"))
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=list(REVIEW_KINDS.items()))
    page = forms.CharField(required=False)  # the paginator reads any value (last page, first page)


class UploadForm(forms.Form):
    document = forms.FileField(label=_("plan document"))
    dry_run = forms.BooleanField(required=False, label=_("check only, write nothing"))
    supersede = forms.BooleanField(required=False, label=_(
        "a revised copy: supersede the plan with the same document number (or title) in the same district"))

    def clean_document(self):
        document = self.cleaned_data["document"]
        if not document.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(
                _("%(name)s: not a plan document (accepted: %(types)s)"),
                params={"name": document.name, "types": " ".join(ACCEPTED)})
        if document.size > settings.ECOPLAN_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("%(name)s is larger than the upload limit"),
                                        params={"name": document.name})
        return document


class MappingForm(forms.Form):
    """The coordinator's roles for the columns of a table the importer could not map: one select
    per printed header, the guesses first.  The document itself stays on the server (``pending``);
    the form carries its token and name."""

    token = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    supersede = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, columns: list[mapping.Column], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = [c for c in columns if c.header]
        for column in self.columns:
            self.fields[f"col{column.index}"] = forms.ChoiceField(
                label=column.header, initial=column.role,
                choices=[(t.code, _(t.label)) for t in MAPPING_ROLES])

    def bound_columns(self):
        """(column, its select) in the table's order, for the template."""
        return [(c, self[f"col{c.index}"]) for c in self.columns]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if not name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(_("%(name)s: not a plan document (accepted: %(types)s)"),
                                        params={"name": name, "types": " ".join(ACCEPTED)})
        return name

    def clean(self):
        cleaned = super().clean()
        chosen = {c.header: cleaned[f"col{c.index}"] for c in self.columns if f"col{c.index}" in cleaned}
        try:
            cleaned["columns"] = mapping.check(chosen, cleaned.get("name", ""))
        except PlanImportError as exc:
            raise forms.ValidationError(gettext(exc.template).format(**exc.params)) from exc
        return cleaned


class ResolveForm(forms.Form):
    status = forms.ChoiceField(choices=[(ReviewItem.Status.RESOLVED, _("resolved")),
                                        (ReviewItem.Status.DISMISSED, _("dismissed"))])
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=True)


class PlanYearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)


class MunicipalValueForm(forms.Form):
    value = forms.DecimalField(max_digits=14, decimal_places=4)
    source = forms.CharField(max_length=300)
