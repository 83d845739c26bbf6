"""A prepared meeting's agenda and its called: started from the body's standard items and the cases
ready for it, numbered by position, reordered; the called from the body's memberships for the date."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max, Q

from paragraf.records.models import AgendaItem, Body, Case, Invitation, Meeting, Membership
from paragraf.secretariat.models import Preparation, StandardItem

# The items a body's agenda starts with until its secretary sets its own (as in the seed notices).
DEFAULT_STANDARD_ITEMS = (
    ("Upprop och val av protokollsjusterare", ""),
    ("Fastställande av dagordning", ""),
    ("Föregående mötesprotokoll", ""),
    ("Anmälan av informationshandlingar", ""),
    ("Anmälan av delegationsbeslut", ""),
)
# Section headings the seeds use; offered as choices, any other may be typed.
SECTIONS = (
    "Informationsärenden och aktuellt",
    "Beslutsärenden till regionfullmäktige",
    "Beslutsärenden för regionstyrelsen",
    "Val",
    "Övrigt",
)
DECISION_SECTION = "Beslutsärenden"

ORDINARY_ROLES = {
    Membership.Role.CHAIR: "ordförande",
    Membership.Role.FIRST_VICE_CHAIR: "1:e v ordf",
    Membership.Role.SECOND_VICE_CHAIR: "2:e v ordf",
    Membership.Role.VICE_CHAIR: "v ordf",
    Membership.Role.MEMBER: "",
}


def standard_items(body: Body) -> list[tuple[str, str]]:
    own = list(StandardItem.objects.filter(body=body).order_by("position").values_list("title", "section"))
    return own or list(DEFAULT_STANDARD_ITEMS)


def create_meeting(body: Body, date: datetime.date, start_time: datetime.time | None, place: str, user) -> Meeting:
    """A meeting of the body, not public, its agenda started and its called filled in, in one transaction."""
    with transaction.atomic():
        meeting = Meeting.all_objects.create(body=body, date=date, start_time=start_time, place=place, published=False)
        Preparation.objects.create(meeting=meeting, created_by=user)
        for title, section in standard_items(body):
            add_item(meeting, title=title, section=section)
        for case in ready_cases(body):
            add_item(meeting, title=case.title, section=DECISION_SECTION, case=case)
        fill_called(meeting)
    return meeting


def ready_cases(body: Body) -> list[Case]:
    """Cases marked ready for the body and not yet on an agenda of its meetings."""
    on_agenda = AgendaItem.all_objects.filter(meeting__body=body, case__isnull=False).values("case_id")
    return list(Case.objects.filter(prepared_for=body, status=Case.Status.PREPARED).exclude(pk__in=on_agenda).order_by("year", "serial"))


def items(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.all_objects.filter(meeting=meeting).select_related("case").order_by("position"))


def add_item(meeting: Meeting, title: str, section: str = "", case: Case | None = None, presenter: str = "") -> AgendaItem:
    last = AgendaItem.all_objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"] or 0
    return AgendaItem.all_objects.create(
        meeting=meeting, position=last + 1, number=last + 1, title=title or (case.title if case else ""),
        section=section, case=case, case_number=case.number if case else "", presenter=presenter)


def move(item: AgendaItem, offset: int) -> None:
    """The item `offset` places up (negative) or down, the items between shifted; numbered anew."""
    with transaction.atomic():
        rows = items(item.meeting)
        index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
        target = min(max(index + offset, 0), len(rows) - 1)
        rows.insert(target, rows.pop(index))
        _number(rows)


def remove(item: AgendaItem) -> None:
    with transaction.atomic():
        meeting = item.meeting
        item.delete()
        _number(items(meeting))


def _number(rows: list[AgendaItem]) -> None:
    for position, row in enumerate(rows, start=1):
        if (row.position, row.number) != (position, position):
            row.position = row.number = position
            row.save(update_fields=["position", "number", "modified"])


def fill_called(meeting: Meeting) -> int:
    """The body's ordinary members (with chair and vice chairs) and substitutes, after those already
    called; returns how many were added. They are the memberships of the term that holds the meeting's
    date (or the body's latest term) still seen at the body's latest meeting known: a member who left
    during the term is not called."""
    in_term = Membership.objects.filter(body=meeting.body, term__start__lte=meeting.date, term__end__gte=meeting.date)
    if not in_term.exists():
        latest_term = Membership.objects.filter(body=meeting.body).order_by("-term__start").values("term_id")[:1]
        in_term = Membership.objects.filter(body=meeting.body, term_id__in=latest_term)
    last_seen = in_term.aggregate(n=Max("last_seen"))["n"]
    memberships = in_term.filter(last_seen=last_seen).select_related("person", "party").order_by("person__name")
    ordinary: dict[int, tuple[Membership, str]] = {}
    substitutes: dict[int, Membership] = {}
    for membership in memberships:
        if membership.role in ORDINARY_ROLES:
            role = ORDINARY_ROLES[membership.role]
            known = ordinary.get(membership.person_id)
            if known is None or (role and not known[1]):
                ordinary[membership.person_id] = (membership, role)
        elif membership.role == Membership.Role.SUBSTITUTE:
            substitutes[membership.person_id] = membership
    rank = {"ordförande": 0, "1:e v ordf": 1, "2:e v ordf": 2, "v ordf": 3}
    rows = sorted(ordinary.values(), key=lambda pair: rank.get(pair[1], 9))
    called = set(Invitation.all_objects.filter(meeting=meeting).values_list("person_id", flat=True))
    added = 0
    for membership, role in rows:
        added += _call(meeting, membership, "ledamot", role, called)
    for person_id, membership in substitutes.items():
        if person_id not in ordinary:
            added += _call(meeting, membership, "ersättare", "", called)
    return added


def _call(meeting: Meeting, membership: Membership, group: str, role: str, called: set[int]) -> int:
    if membership.person_id in called:
        return 0
    called.add(membership.person_id)
    party = membership.party.abbreviation if membership.party else ""
    add_called(meeting, membership.person.name, party, group, role, person=membership.person)
    return 1


def add_called(meeting: Meeting, name: str, party: str, group: str, role: str = "", person=None) -> Invitation:
    last = Invitation.all_objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"] or 0
    return Invitation.all_objects.create(meeting=meeting, position=last + 1, name=name, party=party, group=group, role=role, person=person)


def called(meeting: Meeting) -> list[Invitation]:
    return list(Invitation.all_objects.filter(meeting=meeting).order_by("position"))


def prepared_meetings(bodies) -> list[Meeting]:
    """The meetings prepared in the secretariat for these bodies, the next first."""
    return list(Meeting.all_objects.filter(Q(body__in=bodies) & Q(preparation__isnull=False)).select_related("body").order_by("date"))
