from django.urls import path

from . import views

app_name = "bulletins"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan_bulletins, name="plan"),
    path("plans/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/file.<str:fmt>", views.download, name="download"),
    path("templates/new/", views.template_edit, name="template_new"),
    path("templates/<int:pk>/", views.template_edit, name="template"),
]
