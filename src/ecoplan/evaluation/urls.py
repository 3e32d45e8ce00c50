from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("plans/<int:pk>/", views.plan_targets, name="plan"),
    path("plans/<int:pk>/trajectory/", views.plan_trajectory, name="trajectory"),
]
