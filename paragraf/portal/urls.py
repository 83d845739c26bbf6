from django.urls import path

from paragraf.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.meeting_index, name="index"),
]
