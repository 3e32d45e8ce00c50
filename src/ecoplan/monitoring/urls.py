from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.air_index, name="index"),
    path("areas/<int:pk>/", views.area_page, name="area"),
    path("stations/<str:code>/", views.station_page, name="station"),
]
