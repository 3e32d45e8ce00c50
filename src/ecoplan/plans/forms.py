from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Annex, ReviewItem

ACCEPTED = (".txt", ".docx", ".xlsx", ".pdf", ".json")


class MeasureFilterForm(forms.Form):
    unit = forms.IntegerField(required=False, widget=forms.Select)
    theme = forms.ChoiceField(required=False, choices=[("", _("All themes"))] + list(Annex.Theme.choices))
    month = forms.RegexField(required=False, regex=r"^\d{4}-(0[1-9]|1[0-2])$",
                             widget=forms.DateInput(attrs={"type": "month"}))


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


class ResolveForm(forms.Form):
    status = forms.ChoiceField(choices=[(ReviewItem.Status.RESOLVED, _("resolved")),
                                        (ReviewItem.Status.DISMISSED, _("dismissed"))])
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=True)


class MunicipalValueForm(forms.Form):
    value = forms.DecimalField(max_digits=14, decimal_places=4)
    source = forms.CharField(max_length=300)
