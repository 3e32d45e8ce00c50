from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/report/", views.import_report, name="report"),
    path("plans/<int:pk>.json", views.export_json, name="export_json"),
    path("plans/<int:pk>.xlsx", views.export_xlsx, name="export_xlsx"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("lexicon/", views.lexicon, name="lexicon"),
    path("lexicon/add/", views.lexicon_edit, name="lexicon_add"),
    path("lexicon/<int:pk>/", views.lexicon_edit, name="lexicon_edit"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/resolve/", views.review_resolve, name="resolve"),
    path("plans/<int:pk>/year/", views.set_plan_year, name="plan_year"),
    path("targets/<int:pk>/municipal-value/", views.set_municipal_value, name="municipal_value"),
    path("import/", views.upload, name="upload"),
    path("import/mapping/", views.upload_mapping, name="upload_mapping"),
]
