from django.urls import path

from . import views, views_month, views_overview, views_people

app_name = "supervision"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views_overview.overview, name="overview"),
    path("overview/pdf", views_overview.overview_pdf, name="overview_pdf"),
    path("plans/<int:pk>/cycles/", views.cycles, name="cycles"),
    path("plans/<int:pk>/measures/<str:state>/", views.measures_in_state, name="measures"),
    path("plans/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("plans/<int:pk>/month/", views_month.month_page, name="month"),
    path("plans/<int:pk>/month/targets/", views_month.month_targets, name="month_targets"),
    path("plans/<int:pk>/month/remind/", views_month.month_remind, name="month_remind"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/entries/<int:measure_id>/", views.entry_save, name="entry_save"),
    path("reports/<int:pk>/entries/<int:measure_id>/evidence/", views.entry_evidence, name="entry_evidence"),
    path("reports/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path("notifications/", views.notifications, name="notifications"),
    path("token/", views.tokens, name="token"),
    path("token/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("people/", views_people.people, name="people"),
    path("people/invite/", views_people.invite, name="invite"),
    path("people/<int:pk>/", views_people.person, name="person"),
    path("people/<int:pk>/deactivate/", views_people.deactivate, name="deactivate"),
    path("people/<int:pk>/reactivate/", views_people.reactivate, name="reactivate"),
    path("people/<int:pk>/password-link/", views_people.reset_password, name="reset_password"),
]
