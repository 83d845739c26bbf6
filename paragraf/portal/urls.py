"""Public addresses: short, readable and stable (`/regionstyrelsen/2023-01-31/14/`)."""
from django.urls import path, register_converter

from paragraf.portal.converters import IsoDateConverter
from paragraf.portal.views import (
    bodies, cases, control, documents, feeds, followup, indicators, meetings, originals, people, search, start,
)

register_converter(IsoDateConverter, "isodate")

app_name = "portal"
urlpatterns = [
    path("", start.start, name="start"),
    path("sok/", search.search, name="search"),
    path("sok/flode.atom", search.SearchFeed(), name="search_feed"),
    path("kalender.ics", feeds.calendar_all, name="calendar"),
    path("organisationer/<slug:org>/", bodies.organization, name="organization"),
    path("organisationer/<slug:org>/matetal/", indicators.report_list, name="indicator_reports"),
    path("organisationer/<slug:org>/intern-kontroll/", control.internal_control, name="internal_control"),
    path("organisationer/<slug:org>/matetal/<slug:report>/", indicators.report, name="indicators"),
    path("organisationer/<slug:org>/matetal/<slug:report>.<str:format>", indicators.download, name="indicators_download"),
    path("arenden/<slug:org>/<int:year>-<int:serial>/", cases.case, name="case"),
    path("personer/<slug:slug>/", people.person, name="person"),
    path("partier/<str:abbreviation>/", people.party, name="party"),
    path("handlingar/<int:pk>/", documents.document, name="document"),
    path("handlingar/<int:pk>/handling.pdf", originals.document_pdf, name="document_pdf"),
    path("kallor/<int:pk>/", documents.source, name="source"),
    path("kallor/<int:pk>/original/", originals.source_pages, name="source_pages"),
    path("kallor/<int:pk>/sidor/<int:page>.png", originals.page_image, name="page_image"),
    path("kallor/<int:pk>/fil", documents.source_download, name="source_download"),
    path("<slug:body>/", bodies.body, name="body"),
    path("<slug:body>/kalender.ics", feeds.calendar_body, name="body_calendar"),
    path("<slug:body>/uppfoljning/", followup.followup, name="followup"),
    path("<slug:body>/uppfoljning.<str:format>", followup.followup_download, name="followup_download"),
    path("<slug:body>/beslut.atom", feeds.DecisionFeed(), name="body_feed"),
    path("<slug:body>/<isodate:date>/", meetings.meeting, name="meeting"),
    path("<slug:body>/<isodate:date>/<int:number>/", meetings.paragraph, name="paragraph"),
]
