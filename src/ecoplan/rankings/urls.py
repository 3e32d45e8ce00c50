from django.urls import path

from . import views

app_name = "rankings"
urlpatterns = [
    path("", views.index, name="index"),
    path("run/", views.run, name="run"),
    path("new/", views.definition_new, name="new"),
    path("<int:pk>/", views.definition, name="definition"),
    path("<int:pk>/edit/", views.definition_edit, name="edit"),
    path("<int:pk>/delete/", views.definition_delete, name="delete"),
    # fragments the area, evaluation, overview and month pages load (htmx)
    path("areas/<int:pk>/", views.area_fragment, name="area"),
    path("plans/<int:pk>/", views.plan_fragment, name="plan"),
    path("flags/", views.flags, name="flags"),
]
