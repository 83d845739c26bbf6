"""API addresses: OParl 1.1 under /oparl/v1.1/, the native API and its OpenAPI schema under /api/v1/."""
from django.urls import include, path

urlpatterns = [
    path("", include("paragraf.exchange.urls")),
    path("oparl/v1.1/", include("paragraf.api.oparl.urls")),
    path("api/v1/", include("paragraf.api.native.urls")),
]
