from django.urls import path

from paragraf.intake import views

app_name = "intake"
urlpatterns = [
    path("sekretariat/inlasning/", views.upload, name="upload"),
    path("sekretariat/inlasning/<int:pk>/", views.job, name="job"),
    path("sekretariat/inlasning/<int:pk>/status.json", views.job_status, name="job_status"),
]
