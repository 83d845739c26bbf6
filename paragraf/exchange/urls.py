"""The downloadable dump of one organisation (included by paragraf.api.urls)."""
from django.urls import path

from paragraf.exchange.views import organization_dump

urlpatterns = [
    path("export/<slug:org>.jsonl", organization_dump, name="organization_dump"),
]
