from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.static import serve

from ecoplan.supervision.api import api


@login_required
def protected_media(request, path):
    """Evidence files: only signed-in users (each report page links only what its reader may see)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("supervision/", include("ecoplan.supervision.urls")),
    re_path(r"^media/(?P<path>.*)$", protected_media),
    # `ecoplan serve` collects static files here; the intranet install has no separate web server
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
    path("air/", include("ecoplan.monitoring.urls")),
    path("evaluation/", include("ecoplan.evaluation.urls")),
    path("", include("ecoplan.plans.urls")),
]
