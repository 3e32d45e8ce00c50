"""The site's URLs plus views that fail on purpose, for the error-page tests."""
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from ecoplan.urls import handler400, handler500  # noqa: F401  (our error handlers)
from ecoplan.urls import urlpatterns as site


def boom(request):
    raise RuntimeError("a bug")


def bad(request):
    raise BadRequest("year must be a number")


def denied(request):
    raise PermissionDenied


urlpatterns = [path("boom/", boom), path("bad/", bad), path("denied/", denied), *site]
