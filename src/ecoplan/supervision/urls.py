from django.urls import path

from . import views, views_month

app_name = "supervision"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:pk>/cycles/", views.cycles, name="cycles"),
    path("plans/<int:pk>/measures/<str:state>/", views.measures_in_state, name="measures"),
    path("plans/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("plans/<int:pk>/month/", views_month.month_page, name="month"),
    path("plans/<int:pk>/month/targets/", views_month.month_targets, name="month_targets"),
    path("plans/<int:pk>/month/remind/", views_month.month_remind, name="month_remind"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path("notifications/", views.notifications, name="notifications"),
    path("token/", views.tokens, name="token"),
    path("token/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
]
