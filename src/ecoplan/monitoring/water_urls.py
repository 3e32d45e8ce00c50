from django.urls import path

from . import water_views

app_name = "water"
urlpatterns = [
    path("", water_views.sections_page, name="sections"),
]
