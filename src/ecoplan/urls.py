from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from ecoplan.supervision.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("audit/", include("ecoplan.core.urls")),
    path("supervision/", include("ecoplan.supervision.urls")),
    path("search/", include("ecoplan.search.urls")),
    path("bulletins/", include("ecoplan.bulletins.urls")),
    # `ecoplan serve` collects static files here; the intranet install has no separate web server
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
    path("air/", include("ecoplan.monitoring.urls")),
    path("water/", include("ecoplan.monitoring.water_urls")),
    path("evaluation/", include("ecoplan.evaluation.urls")),
    path("rankings/", include("ecoplan.rankings.urls")),
    path("", include("ecoplan.plans.urls")),
]

# the product's own error pages (templates/400.html … 500.html)
handler400 = "ecoplan.core.views.bad_request"
handler500 = "ecoplan.core.views.server_error"
