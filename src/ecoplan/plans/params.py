"""Request parameters are parsed by a form, never by hand: a bad value answers 400 with the
field and the reason in the page's language, never a 500."""
from __future__ import annotations

from functools import wraps

from django import forms
from django.shortcuts import render


class BadParameters(Exception):
    def __init__(self, form: forms.BaseForm):
        self.form = form
        super().__init__("; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()))


def parse(form_class: type[forms.BaseForm], data, **kwargs) -> dict:
    """The form's cleaned data, or BadParameters (turned into a 400 by ``parsed``)."""
    form = form_class(data, **kwargs)
    if not form.is_valid():
        raise BadParameters(form)
    return form.cleaned_data


def errors_of(form: forms.BaseForm) -> list[tuple[str, str]]:
    """(field label or name, message) for each error, in the active language."""
    rows: list[tuple[str, str]] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else name
        rows.extend((label if name != "__all__" else "", str(e)) for e in errors)
    return rows


def bad_request(request, form: forms.BaseForm):
    return render(request, "plans/bad_request.html", {"errors": errors_of(form),
                                                      "names": sorted(form.errors)}, status=400)


def parsed(view):
    """View decorator: BadParameters raised inside the view becomes a 400 page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameters as exc:
            return bad_request(request, exc.form)

    return wrapped
