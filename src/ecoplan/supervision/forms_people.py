"""The parameters of the people pages (supervision/views_people.py): the list's filter, the invite
and the change of an account.  The forms check each field; what a role needs (a reporter's unit, a
leader's person name) is the action's to refuse (actions/people.py), with the same message for the
page, the CLI and the tests."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.forms import pk_field
from ecoplan.plans.models import Organisation

from .models import Role


class UnitChoice(forms.ModelChoiceField):
    """A unit with its district: 区生态环境局 of one district is not that of another."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.district.name}）" if obj.district_id else obj.name


def unit_field(**kwargs) -> UnitChoice:
    return UnitChoice(label=_("unit"), required=False, empty_label="—",
                      queryset=Organisation.objects.select_related("district").order_by("name", "district__name"),
                      **kwargs)


class PeopleFilterForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), required=False, choices=[("", _("All roles"))] + list(Role.choices))
    unit = pk_field(_("unit"), widget=forms.Select)
    q = forms.CharField(label=_("name"), required=False, max_length=100)
    page = forms.CharField(required=False)  # the paginator reads any value (last page, first page)


class AccountForm(forms.Form):
    """Role, unit and person name: the part of an account the coordinator sets."""

    full_name = forms.CharField(label=_("full name"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    unit = unit_field(help_text=_("required for a reporter"))
    person_name = forms.CharField(
        label=_("person name (牵头领导)"), required=False, max_length=50,
        help_text=_("required for a leader: the name printed as lead official in the plans"),
        widget=forms.TextInput(attrs={"list": "lead-officials", "autocomplete": "off"}))
    email = forms.EmailField(label=_("e-mail (optional)"), required=False, max_length=254)


class InviteForm(AccountForm):
    username = forms.CharField(label=_("user name"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))

    field_order = ["username", "full_name", "role", "unit", "person_name", "email"]
