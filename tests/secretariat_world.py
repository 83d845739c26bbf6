"""The people and things the secretariat's tests need, on the corpus database: one user of each role of
docs/roles.md, cases, real PDFs, a prepared meeting of Regionstyrelsen.

    world = World.build()        # inside a test with the database
    world.meeting(published=True)
"""
from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.test import TestCase

from paragraf.records.models import Body, Case, Meeting, Membership
from paragraf.secretariat import agenda, notices
from paragraf.secretariat.models import AgendaDocument, BodySecretary, CaseDocument, Delegate, MemberAccount
from paragraf.secretariat.numbering import register_case
from paragraf.secretariat.permissions import ADMINISTRATORS, SECRETARIES
from tests.pdfs import render_pdf

PASSWORD = "korrekt-hast-batteri-häftklammer"
MEETING_DATE = datetime.date(2027, 3, 9)
ROLES = ("administrator", "secretary", "other_secretary", "auditor", "delegate", "member", "public")


def pdf_bytes(title: str, pages: int = 1) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = render_pdf([[f"{title}", f"Sida {n} av {pages}", "Text i handlingen."] for n in range(1, pages + 1)],
                          Path(folder) / "handling.pdf")
        return path.read_bytes()


def document(case: Case, title: str, confidential: bool = False, pages: int = 1) -> CaseDocument:
    import hashlib

    data = pdf_bytes(title, pages)
    return CaseDocument.with_data.create(
        case=case, title=title, date=datetime.date(2027, 2, 20), kind="tjansteskrivelse", confidential=confidential,
        file_name=f"{title}.pdf", pages=pages, size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data)


def publish(meeting: Meeting, user):
    """Publish, running what waits for the commit (the mail) as a real commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return notices.publish(meeting, user)


@dataclass
class World:
    body: Body  # Regionstyrelsen
    other_body: Body
    users: dict[str, User | None]
    member_email: str = "ledamot@example.se"

    @classmethod
    def build(cls) -> World:
        body = Body.objects.get(slug="regionstyrelsen")
        other = Body.objects.exclude(pk=body.pk).filter(organization=body.organization).order_by("name").first()
        # Passwords are set only where a test logs in through the form (hashing takes a while).
        administrator = User.objects.create_user("administrator", "admin@example.se", None, is_staff=True)
        administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
        secretary = User.objects.create_user("sekreterare-rs", "rs@example.se", None)
        secretary.groups.add(Group.objects.get(name=SECRETARIES))
        BodySecretary.objects.create(user=secretary, body=body)
        other_secretary = User.objects.create_user("sekreterare-annan", "annan@example.se", None)
        other_secretary.groups.add(Group.objects.get(name=SECRETARIES))
        BodySecretary.objects.create(user=other_secretary, body=other)
        member = User.objects.create_user("ledamot", cls.member_email, None)
        person = Membership.objects.filter(body=body, role=Membership.Role.MEMBER).order_by("person__name").first().person
        MemberAccount.objects.create(user=member).people.add(person)
        auditor = User.objects.create_user("revisor", "revisor@example.se", None)
        auditor.groups.add(Group.objects.get(name="Revisor"))
        delegate = User.objects.create_user("delegat", "delegat@example.se", None, first_name="Dagny", last_name="Delegat")
        Delegate.objects.create(user=delegate, body=body, role="Regiondirektör")
        users = {"administrator": administrator, "secretary": secretary, "other_secretary": other_secretary,
                 "auditor": auditor, "delegate": delegate, "member": member, "public": None}
        return cls(body=body, other_body=other, users=users)

    def case(self, title: str, ready: bool = True) -> Case:
        case = register_case(self.body.organization, 2027, "RS", title)
        if ready:
            case.status, case.prepared_for = Case.Status.PREPARED, self.body
            case.save()
        return case

    def meeting(self, published: bool = False, date: datetime.date = MEETING_DATE) -> Meeting:
        """A meeting of Regionstyrelsen with a ready case whose item has a public and a confidential document."""
        case = self.case("Regelverk för sjukresor")
        meeting = agenda.create_meeting(self.body, date, datetime.time(13, 0), "Sal A, Regionens hus", self.users["secretary"])
        item = next(i for i in agenda.items(meeting) if i.case_id == case.pk)
        AgendaDocument.objects.create(agenda_item=item, document=document(case, "Tjänsteskrivelse sjukresor"), position=1)
        AgendaDocument.objects.create(agenda_item=item, document=document(case, "Hemlig bilaga", confidential=True), position=2)
        if published:
            publish(meeting, self.users["secretary"])
            meeting.refresh_from_db()
        return meeting
