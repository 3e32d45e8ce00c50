from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ecoplan.importers import mapping
from ecoplan.importers.model import PlanImportError
from ecoplan.importers.text import key
from ecoplan.vocabulary.columns import MAPPING_ROLES

from .models import REVIEW_KINDS, Annex, LexiconEntry, ReviewItem

ACCEPTED = (".txt", ".docx", ".xlsx", ".pdf", ".json", ".html", ".htm")
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
    text = forms.CharField(label=_("text"), required=False, max_length=100)


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


class LexiconEntryForm(forms.Form):
    """A unit of the installation's lexicon: its name, kind and the other names printed for it.
    A name may not contain what a plan cell is split at, nor be another entry's name or alias."""

    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=LexiconEntry._meta.get_field("kind").choices)
    aliases = forms.CharField(label=_("other printed names"), required=False,
                              help_text=_("one per line, as the plans print them"),
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, entry: LexiconEntry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry

    @staticmethod
    def _check(name: str) -> str:
        name = name.strip()
        if any(c.isspace() or c in "、，," for c in name):
            raise forms.ValidationError(
                _("“%(name)s”: a unit name cannot hold spaces, 、 or commas (a plan cell is split at them)"),
                params={"name": name})
        if len(name) > 200:
            raise forms.ValidationError(_("“%(name)s” is longer than 200 characters"), params={"name": name[:20]})
        return name

    def clean_name(self) -> str:
        return self._check(self.cleaned_data["name"])

    def clean_aliases(self) -> list[str]:
        aliases: list[str] = []
        for line in self.cleaned_data["aliases"].splitlines():
            if line.strip() and (alias := self._check(line)) not in aliases:
                aliases.append(alias)
        return aliases

    def clean(self):
        data = super().clean()
        if "name" not in data or "aliases" not in data:
            return data
        data["aliases"] = [a for a in data["aliases"] if key(a) != key(data["name"])]
        taken = {}
        for other in LexiconEntry.objects.exclude(pk=getattr(self.entry, "pk", None)):
            for printed in (other.name, *other.aliases):
                taken[key(printed)] = other.name
        for printed in (data["name"], *data["aliases"]):
            if key(printed) in taken:
                self.add_error("name" if printed == data["name"] else "aliases", forms.ValidationError(
                    _("“%(name)s” is already a name of “%(other)s” in the lexicon"),
                    params={"name": printed, "other": taken[key(printed)]}))
        return data
