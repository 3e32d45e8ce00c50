from django.urls import path

from . import measure_views, views

app_name = "monitoring"
urlpatterns = [
    path("", views.air_index, name="index"),
    path("areas/<int:pk>/", views.area_page, name="area"),
    path("areas/<int:pk>/compare/<int:year>/", views.compare_page, name="compare"),
    path("areas/<int:pk>/compare/<int:year>.json", views.compare_page, {"as_json": True}, name="compare_json"),
    path("stations/<str:code>/", views.station_page, name="station"),
    path("measurements/", measure_views.measure_index, name="measure_index"),
    path("measurements/<int:pk>/", measure_views.measure_area, name="measure_area"),
]
