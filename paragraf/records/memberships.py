"""Memberships derived from notices and minutes: who held which role in which body, and when it was seen.

An ordinary member is one called as such in a notice, one serving in the minutes, or one
a substitute served for; a substitute one listed as such; a commissioner listed in a
notice for information holds no role in the body.

Rebuilt for the bodies an import touched, from every invitation and attendance
stored for them, so they always agree with the records whatever order packets
arrive in.
"""
from __future__ import annotations

import datetime as dt
import re

from paragraf.records.changes import touch_parents
from paragraf.records.models import Attendance, Invitation, Membership, Party, Term

Role = Membership.Role

CHAIR_ROLES = [
    (re.compile(r"\b(1:?e|första|förste)\s+v(ice|\.)?\s*ordf", re.I), Role.FIRST_VICE_CHAIR),
    (re.compile(r"\b(2:?e|andra|andre)\s+v(ice|\.)?\s*ordf", re.I), Role.SECOND_VICE_CHAIR),
    (re.compile(r"\bv(ice|\.)?\s*ordf", re.I), Role.VICE_CHAIR),
    (re.compile(r"\bordf", re.I), Role.CHAIR),
]
# A commissioner (regionråd) listed in a notice is called for information: no role in the body.
INVITED_GROUPS = {
    "ledamot": Role.MEMBER,
    "ersättare": Role.SUBSTITUTE,
    "adjungerad": Role.CO_OPTED,
}
ATTENDANCE_GROUPS = {"beslutande": Role.MEMBER, "ersättare": Role.SUBSTITUTE, "adjungerad": Role.CO_OPTED}


def role_of(group: str, role_text: str, serves_for_someone: bool = False) -> str | None:
    """The membership role a listing says: a chair title first, then the group it is listed under."""
    for pattern, role in CHAIR_ROLES:
        if role_text and pattern.search(role_text) and group in ("ledamot", "beslutande"):
            return role
    if group == "beslutande" and serves_for_someone:
        return Role.SUBSTITUTE
    return INVITED_GROUPS.get(group) or ATTENDANCE_GROUPS.get(group)


def term_for(date: dt.date) -> Term:
    """Terms of office run four years from 1 January after the general election (…, 2019-2022, 2023-2026, …)."""
    start_year = 2019 + 4 * ((date.year - 2019) // 4)
    name = f"{start_year}–{start_year + 3}"
    term, _ = Term.objects.get_or_create(
        name=name, defaults={"start": dt.date(start_year, 1, 1), "end": dt.date(start_year + 3, 12, 31)}
    )
    return term


def rebuild_memberships(body_ids: set[int]) -> None:
    if not body_ids:
        return
    seen: dict[tuple[int, int, int, str], dict] = {}
    terms: dict[dt.date, Term] = {}

    def note(person_id, party, body_id, date, role):
        if role is None or person_id is None:
            return
        term = terms.get(date) or terms.setdefault(date, term_for(date))
        key = (person_id, body_id, term.pk, role)
        entry = seen.setdefault(key, {"first_seen": date, "last_seen": date, "party": party})
        entry["first_seen"] = min(entry["first_seen"], date)
        entry["last_seen"] = max(entry["last_seen"], date)
        entry["party"] = party or entry["party"]

    for row in Invitation.objects.filter(meeting__body_id__in=body_ids).values(
        "person_id", "party", "group", "role", "meeting__body_id", "meeting__date"
    ):
        note(row["person_id"], row["party"], row["meeting__body_id"], row["meeting__date"], role_of(row["group"], row["role"]))
    for row in Attendance.objects.filter(meeting__body_id__in=body_ids).values(
        "person_id", "party", "group", "role", "replaces_id", "replaces_name", "meeting__body_id", "meeting__date"
    ):
        role = role_of(row["group"], row["role"], bool(row["replaces_name"]))
        note(row["person_id"], row["party"], row["meeting__body_id"], row["meeting__date"], role)
        if row["group"] == "beslutande" and row["replaces_id"]:
            # the member a substitute served for (`ers. Annelie Borgström (S)`): an ordinary member, absent
            note(row["replaces_id"], row["party"], row["meeting__body_id"], row["meeting__date"], Role.MEMBER)

    parties = {p.abbreviation: p.pk for p in Party.objects.all()}
    existing = {(m.person_id, m.body_id, m.term_id, m.role): m for m in Membership.objects.filter(body_id__in=body_ids)}
    new = []
    for key, entry in seen.items():
        values = {
            "first_seen": entry["first_seen"],
            "last_seen": entry["last_seen"],
            "party_id": parties.get(entry["party"]),
        }
        membership = existing.pop(key, None)
        if membership is None:
            person_id, body_id, term_id, role = key
            new.append(Membership(person_id=person_id, body_id=body_id, term_id=term_id, role=role, **values))
        elif any(getattr(membership, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(membership, k, v)
            membership.save()
    touch_parents(Membership.objects.bulk_create(new))
    if existing:
        Membership.objects.filter(pk__in=[m.pk for m in existing.values()]).delete()
