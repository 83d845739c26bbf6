"""The notice of a prepared meeting: built from the records, typeset (notice and packet PDF), published
as a version (the first, then `Ändrad kallelse` with what changed), and mailed to the body's members."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import formats

from paragraf.records.models import Meeting
from paragraf.secretariat import agenda
from paragraf.secretariat.models import AgendaDocument, MemberAccount, NoticeVersion
from paragraf.secretariat.typeset.model import CalledGroup, CalledPerson, Notice, NoticeItem, PacketDocument, PacketItem
from paragraf.secretariat.typeset.notice import notice_pdf
from paragraf.secretariat.typeset.packet import packet_pdf

# Invitation.group → heading in the notice, and whether it is called or for information (as the seeds).
CALLED_GROUPS = (("ledamot", "Ordinarie ledamöter", True), ("ersättare", "Ersättare", False),
                 ("adjungerad", "Adjungerad", False), ("tjänsteman", "Tjänstemän", False))
GROUP_LABELS = {key: heading for key, heading, _called in CALLED_GROUPS}


class NothingChanged(ValueError):
    """Publishing again a notice that is the same as the last one published."""


def notice_of(meeting: Meeting, amendment: str = "") -> Notice:
    items = tuple(NoticeItem(number=i.number, title=i.title, case_number=i.case_number, section=i.section, presenter=i.presenter)
                  for i in agenda.items(meeting))
    rows = agenda.called(meeting)
    groups = {key: tuple(CalledPerson(name=r.name, party=r.party, role=r.role) for r in rows if r.group == key)
              for key, _heading, _called in CALLED_GROUPS}
    return Notice(
        organisation=meeting.body.organization.name, body=meeting.body.name, date=meeting.date, start_time=meeting.start_time,
        place=meeting.place, items=items, amendment=amendment,
        called=tuple(CalledGroup(h, groups[k]) for k, h, is_called in CALLED_GROUPS if is_called and groups[k]),
        for_information=tuple(CalledGroup(h, groups[k]) for k, h, is_called in CALLED_GROUPS if not is_called and groups[k]),
    )


def content(notice: Notice) -> dict:
    """The notice as JSON data (dates and times ISO), kept with each published version."""
    data = dataclasses.asdict(notice)
    data["date"] = notice.date.isoformat()
    data["start_time"] = notice.start_time.strftime("%H:%M") if notice.start_time else None
    data.pop("amendment")
    return data


def changes(before: dict, after: dict) -> list[str]:
    """What changed between two published notices, in Swedish, one line a change."""
    lines = []
    for key, label in (("date", "Datum"), ("start_time", "Tid"), ("place", "Plats")):
        if before[key] != after[key]:
            lines.append(f"{label} ändrad: {before[key] or '–'} → {after[key] or '–'}")
    old = {_item_key(i): i for i in before["items"]}
    new = {_item_key(i): i for i in after["items"]}
    for key, item in new.items():
        if key not in old:
            lines.append(f"Ny punkt {item['number']}: {item['title']}")
        elif (old[key]["title"], old[key]["section"], old[key]["presenter"]) != (item["title"], item["section"], item["presenter"]):
            lines.append(f"Punkt {item['number']} ändrad: {item['title']}")
    for key, item in old.items():
        if key not in new:
            lines.append(f"Punkt utgår: {item['title']}")
    if [i["title"] for i in before["items"] if _item_key(i) in new] != [i["title"] for i in after["items"] if _item_key(i) in old]:
        lines.append("Ärendenas ordning ändrad")
    if "documents" in before:  # kept with every version published since documents were compared
        lines += _document_changes(before, after)
    called_before, called_after = _people(before), _people(after)
    lines += [f"Kallad: {name}" for name in called_after if name not in called_before]
    lines += [f"Inte längre kallad: {name}" for name in called_before if name not in called_after]
    return lines


def _item_key(item: dict) -> str:
    return item["case_number"] or item["title"]


def _document_changes(before: dict, after: dict) -> list[str]:
    """The public documents added to an item, replaced by other bytes, or taken out (a confidential one is
    never named: it is in neither list)."""
    old = {(d["item"], d["title"]): d["sha256"] for d in before["documents"]}
    new = {(d["item"], d["title"]): d["sha256"] for d in after["documents"]}
    numbers = {_item_key(i): i["number"] for i in [*before["items"], *after["items"]]}
    lines = []
    for (item, title), digest in new.items():
        if (item, title) not in old:
            lines.append(f"Ny handling till punkt {numbers[item]}: {title}")
        elif old[(item, title)] != digest:
            lines.append(f"Handling ändrad i punkt {numbers[item]}: {title}")
    lines += [f"Handling utgår från punkt {numbers[item]}: {title}" for item, title in old if (item, title) not in new]
    return lines


def public_documents(meeting: Meeting) -> list[dict]:
    """Each public document of the packet by its item (case number or title), title and SHA-256, in packet
    order: kept with a published version, so that the next one says which documents changed."""
    links = (AgendaDocument.objects.filter(agenda_item__meeting=meeting, document__confidential=False)
             .select_related("agenda_item", "document").defer("document__data").order_by("agenda_item__position", "position"))
    return [{"item": link.agenda_item.case_number or link.agenda_item.title, "title": link.document.title,
             "sha256": link.document.sha256} for link in links]


def _people(data: dict) -> list[str]:
    return [f"{p['name']} ({p['party']})" if p["party"] else p["name"]
            for group in data["called"] + data["for_information"] for p in group["people"]]


def packet_items(meeting: Meeting, include: Callable[[AgendaDocument], bool]) -> tuple[list[PacketItem], int]:
    """Every agenda item with its documents that `include` lets in, and how many it left out."""
    links = (AgendaDocument.objects.filter(agenda_item__meeting=meeting).select_related("document")
             .defer("document__data").order_by("agenda_item__position", "position"))
    by_item: dict[int, list[PacketDocument]] = {}
    left_out = 0
    for link in links:
        if include(link):
            data = bytes(type(link.document).with_data.only("data").get(pk=link.document_id).data)
            by_item.setdefault(link.agenda_item_id, []).append(PacketDocument(title=link.document.title, data=data))
        else:
            left_out += 1
    items = [PacketItem(number=i.number, title=i.title, documents=tuple(by_item.get(i.pk, ()))) for i in agenda.items(meeting)]
    return items, left_out


def public_packet(meeting: Meeting, notice: Notice) -> tuple[bytes, bytes, int]:
    """The notice PDF, the packet of its public documents and the number of confidential ones left out."""
    notice_bytes = notice_pdf(notice)
    items, withheld = packet_items(meeting, lambda link: not link.document.confidential)
    return notice_bytes, packet_pdf(notice_bytes, items), withheld


def publish(meeting: Meeting, user) -> NoticeVersion:
    """Publish the meeting's notice (a new version after the first), make the meeting public, and mail
    its body's members once the transaction is committed. Raises NothingChanged when nothing has."""
    previous = NoticeVersion.objects.filter(meeting=meeting).order_by("-version").first()
    notice = notice_of(meeting)
    data = {**content(notice), "documents": public_documents(meeting)}
    lines = changes(previous.content, data) if previous else []
    if previous and not lines:
        raise NothingChanged("Kallelsen är densamma som den senast publicerade.")
    if previous:
        notice = dataclasses.replace(notice, amendment="Ändrad kallelse: " + "; ".join(lines))
    notice_bytes, packet_bytes, withheld = public_packet(meeting, notice)
    with transaction.atomic():
        version = NoticeVersion.with_pdfs.create(
            meeting=meeting, version=previous.version + 1 if previous else 1, published_by=user, changes=lines,
            content=data, withheld=withheld, notice_pdf=notice_bytes, packet_pdf=packet_bytes)
        Meeting.all_objects.filter(pk=meeting.pk).update(published=True)
        transaction.on_commit(lambda: mail_members(meeting, version))
    return version


def recipients(meeting: Meeting) -> list[str]:
    """The e-mail addresses of the members' accounts: the body's members and the called who have one."""
    people = set(meeting.body.memberships.values_list("person_id", flat=True)) | {r.person_id for r in agenda.called(meeting) if r.person_id}
    accounts = MemberAccount.objects.filter(people__in=people, user__is_active=True).exclude(user__email="")
    return sorted(set(accounts.values_list("user__email", flat=True)))


def mail_members(meeting: Meeting, version: NoticeVersion) -> int:
    """One message to each member (none sees the others' addresses); returns how many were sent."""
    kind = "Ändrad kallelse" if version.amended else "Kallelse"
    when = formats.date_format(meeting.date, "j F Y")
    subject = f"{kind}: {meeting.body.name} {when}"
    link = f"{settings.PARAGRAF_PUBLIC_URL.rstrip('/')}/{meeting.body.slug}/{meeting.date.isoformat()}/"
    body = "\n".join([
        f"{kind} till sammanträde med {meeting.body.name}.", "",
        f"Tid: {when}" + (f" kl. {meeting.start_time:%H:%M}" if meeting.start_time else ""),
        f"Plats: {meeting.place}" if meeting.place else "", "",
        *([*version.changes, ""] if version.changes else []),
        *[f"{i['number']}. {i['title']}" + (f" ({i['case_number']})" if i["case_number"] else "") for i in version.content["items"]],
        "", f"Dagordning och handlingar: {link}",
    ])
    connection = get_connection()
    messages = [EmailMessage(subject, body, to=[address], connection=connection) for address in recipients(meeting)]
    return connection.send_messages(messages) or 0
