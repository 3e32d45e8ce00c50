from django.urls import path

from . import reported_views, views

app_name = "evaluation"
urlpatterns = [
    path("plans/<int:pk>/", views.plan_targets, name="plan"),
    path("plans/<int:pk>/trajectory/", views.plan_trajectory, name="trajectory"),
    path("plans/<int:pk>/reported/", reported_views.plan_reported, name="plan_reported"),
    path("reported/", reported_views.reported_home, name="reported"),
    path("targets/<int:pk>/", reported_views.target_page, name="target"),
    path("values/<int:pk>/review/", reported_views.review_value, name="review_value"),
    path("files/<str:kind>/<int:pk>/", reported_views.evidence_file, name="file"),
]
