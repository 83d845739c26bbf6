"""OParl 1.1 addresses under /oparl/v1.1/: the System at the root, one address per object, and
the external lists of each OParl Body (our Organization) and OParl Organization (our Body)."""
from django.urls import path, re_path

from paragraf.api.oparl import downloads, views

app_name = "oparl"
urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.bodies, name="bodies"),
    path("body/<int:pk>/", views.body, name="body"),
    path("body/<int:pk>/organization/", views.body_organizations, name="body_organizations"),
    path("body/<int:pk>/person/", views.body_people, name="body_people"),
    path("body/<int:pk>/meeting/", views.body_meetings, name="body_meetings"),
    path("body/<int:pk>/paper/", views.body_papers, name="body_papers"),
    path("body/<int:pk>/agenda-item/", views.body_agenda_items, name="body_agenda_items"),
    path("body/<int:pk>/consultation/", views.body_consultations, name="body_consultations"),
    path("body/<int:pk>/file/", views.body_files, name="body_files"),
    path("body/<int:pk>/location/", views.body_locations, name="body_locations"),
    path("body/<int:pk>/legislative-term/", views.body_legislative_terms, name="body_legislative_terms"),
    path("body/<int:pk>/membership/", views.body_memberships, name="body_memberships"),
    path("body/<int:organization>/legislative-term/<int:pk>/", views.legislative_term, name="legislative_term"),
    path("body/<int:organization>/location/<slug:slug>/", views.location_view, name="location"),
    path("body/<int:organization>/party/<int:pk>/", views.party, name="party"),
    path("body/<int:organization>/party-membership/<int:pk>/", views.party_membership, name="party_membership"),
    path("organization/<int:pk>/", views.organization, name="organization"),
    path("organization/<int:pk>/meeting/", views.organization_meetings, name="organization_meetings"),
    path("organization/<int:pk>/consultation/", views.organization_consultations, name="organization_consultations"),
    path("person/<int:pk>/", views.person, name="person"),
    path("membership/<int:pk>/", views.membership, name="membership"),
    path("meeting/<int:pk>/", views.meeting, name="meeting"),
    path("agenda-item/paragraph/<int:pk>/", views.agenda_item_paragraph, name="agenda_item_paragraph"),
    path("agenda-item/notice/<int:pk>/", views.agenda_item_notice, name="agenda_item_notice"),
    path("consultation/paragraph/<int:pk>/", views.consultation_paragraph, name="consultation_paragraph"),
    path("consultation/notice/<int:pk>/", views.consultation_notice, name="consultation_notice"),
    path("paper/<int:pk>/", views.paper, name="paper"),
    path("file/document/<int:pk>/", views.file_document, name="file_document"),
    path("file/document/<int:pk>/text", downloads.document_access, name="file_document_access"),
    path("file/document/<int:pk>/download", downloads.document_download, name="file_document_download"),
    path("file/source/<int:pk>/", views.file_source, name="file_source"),
    path("file/source/<int:pk>/text", downloads.source_access, name="file_source_access"),
    path("file/source/<int:pk>/download", downloads.source_download, name="file_source_download"),
    # anything else under /oparl/v1.1/: a JSON 404 with the CORS headers, as every OParl answer
    re_path(r"^.*$", views.not_found, name="not_found"),
]
