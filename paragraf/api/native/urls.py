"""Native API addresses under /api/v1/. Ids are taken as any path segment and checked by the view, so a
malformed id is a JSON 400 naming it; anything else under /api/v1/ is a JSON 404."""
from django.urls import path, re_path

from paragraf.api.native import views

app_name = "native"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<str:pk>/", views.meeting, name="meeting"),
    path("meetings/<str:pk>/findings/", views.meeting_findings, name="meeting_findings"),
    path("paragraphs/", views.paragraphs, name="paragraphs"),
    path("paragraphs/<str:pk>/", views.paragraph, name="paragraph"),
    path("people/", views.people, name="people"),
    path("people/<str:pk>/", views.person, name="person"),
    path("cases/", views.cases, name="cases"),
    path("cases/<str:pk>/", views.case, name="case"),
    path("indicators/", views.indicators, name="indicators"),
    path("removed/", views.removed, name="removed"),
    path("source-files/<str:pk>/", views.source_file, name="source_file"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
