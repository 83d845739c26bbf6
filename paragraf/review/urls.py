"""The review's pages: `/granskning/<organ>/<datum>/` and `/granskning/<organ>/<år>/`."""
from django.urls import path

from paragraf.review import views

app_name = "review"
urlpatterns = [
    path("granskning/<slug:body>/<isodate:date>/", views.meeting, name="meeting"),
    path("granskning/<slug:body>/<int:year>/", views.body_year, name="body_year"),
]
