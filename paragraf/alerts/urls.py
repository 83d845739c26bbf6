"""Addresses of alerts: the form posts to /bevakning/; the links in the mails carry a token."""
from django.urls import path

from paragraf.alerts import views

app_name = "alerts"
urlpatterns = [
    path("bevakning/", views.subscribe, name="subscribe"),
    path("bevakning/bekrafta/<slug:token>/", views.confirm, name="confirm"),
    path("bevakning/avsluta/<slug:token>/", views.unsubscribe, name="unsubscribe"),
    path("bevakning/avsluta-alla/<slug:token>/", views.unsubscribe_all, name="unsubscribe_all"),
]
