"""The secretariat's addresses (`/sekretariat/…`, `/konto/…`) and the public PDFs of a published notice.
The `isodate` converter is the portal's, registered before these are read (paragraf/site/urls.py)."""
from django.urls import path

from paragraf.secretariat.views import account, board, cases, meetings, minutes, organizations, public

app_name = "secretariat"
urlpatterns = [
    path("konto/logga-in/", account.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", account.LogoutView.as_view(), name="logout"),
    path("sekretariat/", meetings.start, name="start"),
    path("sekretariat/arenden/", cases.case_list, name="cases"),
    path("sekretariat/organisation/<slug:org>/installningar/", organizations.organization_settings, name="organization_settings"),
    path("sekretariat/arenden/<int:pk>/", cases.case, name="case"),
    path("sekretariat/arenden/<int:pk>/handlingar/", cases.upload, name="upload"),
    path("sekretariat/organ/<int:body>/nytt-sammantrade/", meetings.meeting_new, name="meeting_new"),
    path("sekretariat/organ/<int:body>/standardpunkter/", meetings.standard_items, name="standard_items"),
    path("sekretariat/sammantraden/<int:pk>/", meetings.meeting, name="meeting"),
    path("sekretariat/sammantraden/<int:pk>/punkter/", meetings.item_new, name="item_new"),
    path("sekretariat/sammantraden/<int:pk>/punkter/<int:item>/", meetings.item, name="item"),
    path("sekretariat/sammantraden/<int:pk>/punkter/<int:item>/flytta/", meetings.item_move, name="item_move"),
    path("sekretariat/sammantraden/<int:pk>/punkter/<int:item>/ta-bort/", meetings.item_delete, name="item_delete"),
    path("sekretariat/sammantraden/<int:pk>/punkter/<int:item>/handlingar/", meetings.item_attach, name="item_attach"),
    path("sekretariat/sammantraden/<int:pk>/punkter/<int:item>/handlingar/<int:link>/ta-bort/", meetings.item_detach, name="item_detach"),
    path("sekretariat/sammantraden/<int:pk>/kallade/", meetings.called_new, name="called_new"),
    path("sekretariat/sammantraden/<int:pk>/kallade/fran-uppdrag/", meetings.called_fill, name="called_fill"),
    path("sekretariat/sammantraden/<int:pk>/kallade/<int:called>/ta-bort/", meetings.called_delete, name="called_delete"),
    path("sekretariat/sammantraden/<int:pk>/kallelse-utkast.pdf", meetings.notice_preview, name="notice_preview"),
    path("sekretariat/sammantraden/<int:pk>/publicera/", meetings.publish, name="publish"),
    path("anslagstavla/", board.board, name="board"),
    path("anslagstavla/flode.atom", board.BoardFeed(), name="board_feed"),
    path("anslagstavla/<slug:org>/", board.board, name="organization_board"),
    path("anslagstavla/<slug:org>/flode.atom", board.BoardFeed(), name="organization_board_feed"),
    path("sekretariat/sammantraden/<int:pk>/protokoll/", minutes.minutes, name="minutes"),
    path("sekretariat/sammantraden/<int:pk>/protokoll/<int:number>/", minutes.paragraph, name="minutes_paragraph"),
    path("sekretariat/sammantraden/<int:pk>/protokoll/justering/", minutes.start_justering, name="start_justering"),
    path("sekretariat/sammantraden/<int:pk>/justering/", minutes.justering_page, name="justering"),
    path("sekretariat/sammantraden/<int:pk>/justering/signera/", minutes.sign, name="sign"),
    path("sekretariat/sammantraden/<int:pk>/rattelse/", minutes.correct, name="correct"),
    path("sekretariat/sammantraden/<int:pk>/rattelse/<int:correction>/signera/", minutes.sign_correction, name="sign_correction"),
    path("rattelser/<int:pk>.pdf", minutes.correction_pdf, name="correction_pdf"),
    path("dokument/<int:pk>/fil", public.document, name="document"),
    path("<slug:body>/<isodate:date>/kallelse.pdf", public.notice, name="notice"),
    path("<slug:body>/<isodate:date>/handlingar.pdf", public.packet, name="packet"),
    path("<slug:body>/<isodate:date>/protokoll.pdf", board.signed_minutes, name="signed_minutes"),
    path("<slug:body>/<isodate:date>/<int:number>/utdrag.pdf", minutes.extract, name="extract"),
]
