from django.contrib import admin
from django.urls import include, path

from paragraf.portal import urls as portal_urls  # first: registers the `isodate` converter the secretariat's addresses use

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("paragraf.api.urls")),
    # Before the portal, whose `<slug:body>/` would take `sekretariat/`.
    path("", include("paragraf.secretariat.urls")),
    path("", include("paragraf.intake.urls")),
    path("", include("paragraf.review.urls")),
    path("", include("paragraf.alerts.urls")),  # /bevakning/…, before the portal's `<slug:body>/`
    path("", include(portal_urls)),
]
