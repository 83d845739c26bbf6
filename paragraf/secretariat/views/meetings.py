"""Preparing a meeting: create it, its agenda (items, order, documents), the called, the notice PDF
preview, publishing; a body's standard items."""
from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from paragraf.records.models import AgendaItem, Body, Invitation, Meeting
from paragraf.secretariat import agenda, delegation, information, notices, registers
from paragraf.secretariat.forms import AttachForm, CalledForm, ItemForm, MeetingForm, StandardItemsForm
from paragraf.secretariat.models import AgendaDocument, NoticeVersion, StandardItem
from paragraf.secretariat.permissions import is_administrator
from paragraf.secretariat.typeset.notice import notice_pdf
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.cases import organizations_of
from paragraf.secretariat.views.pdf import pdf_response


def _body(body: int) -> Body:
    return get_object_or_404(Body.objects.select_related("organization"), pk=body)


def _meeting(pk: int, **_ignored) -> Meeting:
    return get_object_or_404(Meeting.all_objects.select_related("body__organization"), pk=pk, preparation__isnull=False)


def _item(meeting: Meeting, item: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.all_objects.select_related("case"), pk=item, meeting=meeting)


@permission("secretariat.use")
def start(request):
    bodies = Body.objects.select_related("organization").order_by("organization__name", "name")
    if not is_administrator(request.user):
        bodies = bodies.filter(secretaries__user=request.user)
    bodies = list(bodies)
    return render(request, "secretariat/start.html", {"bodies": bodies, "meetings": agenda.prepared_meetings(bodies),
                                                      "organizations": organizations_of(request.user)})


@permission("secretariat.create_meeting", _body)
def meeting_new(request, the_body: Body, body: int):
    body = the_body
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if Meeting.all_objects.filter(body=body, date=data["date"]).exists():
            form.add_error("date", f"{body.name} har redan ett sammanträde den dagen.")
        else:
            meeting = agenda.create_meeting(body, data["date"], data["start_time"], data["place"], request.user)
            messages.success(request, "Sammanträdet är skapat med standardpunkterna och de ärenden som är redo för organet.")
            return redirect("secretariat:meeting", pk=meeting.pk)
    return render(request, "secretariat/meeting_new.html", {"body": body, "form": form}, status=400 if form.errors else 200)


@permission("secretariat.edit_meeting", _meeting)
def meeting(request, meeting: Meeting, pk: int):
    form = MeetingForm(request.POST or None, initial={"date": meeting.date, "start_time": meeting.start_time, "place": meeting.place})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if Meeting.all_objects.filter(body=meeting.body, date=data["date"]).exclude(pk=meeting.pk).exists():
            form.add_error("date", f"{meeting.body.name} har redan ett sammanträde den dagen.")
        else:
            meeting.date, meeting.start_time, meeting.place = data["date"], data["start_time"], data["place"]
            meeting.save(update_fields=["date", "start_time", "place", "modified"])  # a save: in the audit log
            messages.success(request, "Tid och plats är sparade.")
            return redirect("secretariat:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, form=form)


def _meeting_page(request, meeting: Meeting, status: int = 200, **forms):
    organization = meeting.body.organization
    items = agenda.items(meeting)
    links = AgendaDocument.objects.filter(agenda_item__meeting=meeting).select_related("document").defer("document__data").order_by("position")
    for item in items:
        item.documents = [link for link in links if link.agenda_item_id == item.pk]
    called = agenda.called(meeting)
    for row in called:
        row.group_label = notices.GROUP_LABELS.get(row.group, row.group)
    context = {
        "meeting": meeting,
        "items": items,
        "called": called,
        "versions": NoticeVersion.objects.filter(meeting=meeting).order_by("-version"),
        "form": forms.get("form") or MeetingForm(initial={"date": meeting.date, "start_time": meeting.start_time, "place": meeting.place}),
        "item_form": forms.get("item_form") or ItemForm(organization=organization),
        "called_form": forms.get("called_form") or CalledForm(),
        "attach_form": AttachForm(organization=organization),
        "registers_open": registers.in_preparation(meeting),
        "unreported": registers.unreported_by(delegation.DELEGATION, meeting).count(),
        "unreported_information": registers.unreported_by(information.INFORMATION, meeting).count(),
    }
    return render(request, "secretariat/meeting.html", context, status=status)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def item_new(request, meeting: Meeting, pk: int):
    form = ItemForm(request.POST, organization=meeting.body.organization)
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400, item_form=form)
    data = form.cleaned_data
    item = agenda.add_item(meeting, title=data["title"], section=data["section"], case=data["case"], presenter=data["presenter"])
    messages.success(request, f"Punkt {item.number} är tillagd.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@permission("secretariat.edit_meeting", _meeting)
def item(request, meeting: Meeting, pk: int, item: int):
    row = _item(meeting, item)
    form = ItemForm(request.POST or None, organization=meeting.body.organization,
                    initial={"title": row.title, "case": row.case, "section": row.section, "presenter": row.presenter})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row.case = data["case"]
        row.case_number = data["case"].number if data["case"] else ""
        row.title = data["title"] or (data["case"].title if data["case"] else row.title)
        row.section, row.presenter = data["section"], data["presenter"]
        row.save()
        messages.success(request, f"Punkt {row.number} är sparad.")
        return redirect("secretariat:meeting", pk=meeting.pk)
    return render(request, "secretariat/item.html", {"meeting": meeting, "item": row, "form": form}, status=400 if form.errors else 200)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def item_move(request, meeting: Meeting, pk: int, item: int):
    try:
        offset = max(-1000, min(1000, int(request.POST.get("offset", "0"))))
    except ValueError:
        offset = 0
    row = _item(meeting, item)
    agenda.move(row, offset)
    return redirect(reverse("secretariat:meeting", kwargs={"pk": meeting.pk}) + f"#punkt-{row.pk}")


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def item_delete(request, meeting: Meeting, pk: int, item: int):
    row = _item(meeting, item)
    agenda.remove(row)
    messages.success(request, f"Punkten {row.title} är borttagen.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def item_attach(request, meeting: Meeting, pk: int, item: int):
    row = _item(meeting, item)
    form = AttachForm(request.POST, organization=meeting.body.organization)
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400)
    document = form.cleaned_data["document"]
    last = AgendaDocument.objects.filter(agenda_item=row).count()
    AgendaDocument.objects.get_or_create(agenda_item=row, document=document, defaults={"position": last + 1})
    messages.success(request, f"{document.title} hör nu till punkt {row.number}.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def item_detach(request, meeting: Meeting, pk: int, item: int, link: int):
    get_object_or_404(AgendaDocument, pk=link, agenda_item=_item(meeting, item)).delete()
    messages.success(request, "Handlingen är borttagen från punkten (den finns kvar i ärendet).")
    return redirect("secretariat:meeting", pk=meeting.pk)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def called_new(request, meeting: Meeting, pk: int):
    form = CalledForm(request.POST)
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400, called_form=form)
    data = form.cleaned_data
    agenda.add_called(meeting, data["name"], data["party"], data["group"], data["role"])
    messages.success(request, f"{data['name']} är kallad.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def called_fill(request, meeting: Meeting, pk: int):
    added = agenda.fill_called(meeting)
    messages.success(request, f"{added} ledamöter och ersättare tillagda från organets uppdrag.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def called_delete(request, meeting: Meeting, pk: int, called: int):
    get_object_or_404(Invitation.all_objects, pk=called, meeting=meeting).delete()
    messages.success(request, "Personen är inte längre kallad.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@permission("secretariat.edit_meeting", _meeting)
def notice_preview(request, meeting: Meeting, pk: int):
    return pdf_response(notice_pdf(notices.notice_of(meeting)), f"kallelse-{meeting.body.slug}-{meeting.date.isoformat()}-utkast.pdf")


@require_POST
@permission("secretariat.publish_notice", _meeting)
def publish(request, meeting: Meeting, pk: int):
    try:
        version = notices.publish(meeting, request.user)
    except notices.NothingChanged as error:
        messages.error(request, str(error))
        return redirect("secretariat:meeting", pk=meeting.pk)
    kind = "Den ändrade kallelsen" if version.amended else "Kallelsen"
    messages.success(request, f"{kind} är publicerad och skickad till organets ledamöter.")
    return redirect("secretariat:meeting", pk=meeting.pk)


@permission("secretariat.edit_standard_items", _body)
def standard_items(request, the_body: Body, body: int):
    body = the_body
    current = agenda.standard_items(body)
    form = StandardItemsForm(request.POST or None, initial={"items": "\n".join(f"{t} | {s}" if s else t for t, s in current)})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            StandardItem.objects.filter(body=body).delete()
            StandardItem.objects.bulk_create(StandardItem(body=body, position=i, title=t, section=s) for i, (t, s) in enumerate(form.rows(), 1))
        messages.success(request, "Standardpunkterna är sparade.")
        return redirect("secretariat:standard_items", body=body.pk)
    return render(request, "secretariat/standard_items.html", {"body": body, "form": form})
