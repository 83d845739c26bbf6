"""Storing a parsed packet as records: one transaction per file, idempotent, in place.

- The same file (same SHA-256) read by the same parser version is skipped: nothing changes.
- A new parser version updates the records of that file in place (rows keep their ids),
  so staff corrections (`Override`) are applied again and survive.
- A meeting seen in several packets is stored once: its § come from the richest copy,
  every copy is listed (`ParagraphCopy`); its notice and minutes parts from the packet
  that gave them.
- Any error rolls the whole file back and is reported with file, line and reason.
- A file larger than PARAGRAF_MAX_PACKET_MB, or one in which no meeting is found, is refused.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction

from paragraf.ingest.delegation_scheme import SCHEME_TITLE_RE, stated_valid_from
from paragraf.ingest.errors import InputError
from paragraf.ingest.identity import OPTION, MeetingHints
from paragraf.ingest.packet import parse_source_with_text
from paragraf.ingest.paragraph import proposers
from paragraf.ingest.source import Source, read_bytes
from paragraf.ingest.version import parser_version
from paragraf.records import changes, serving
from paragraf.records.locks import LOG as LOCK_LOG
from paragraf.records.basis import line_of, link_basis
from paragraf.records.memberships import rebuild_memberships
from paragraf.records.models import (
    AgendaItem,
    Attendance,
    Ballot,
    CitedStep,
    ControlPoint,
    DelegatedDecision,
    DelegationPoint,
    DelegationScheme,
    Dissent,
    Document,
    Election,
    Indicator,
    InformationDocument,
    InternalControlReport,
    Invitation,
    Meeting,
    Organization,
    Paragraph,
    ParagraphCopy,
    Proposal,
    RecordedStatement,
    SourceFile,
    StatedFulfilment,
    Vote,
)
from paragraf.records.models import InternalControlPlan, PlannedControl
from paragraf.records.controls import link_planned_controls
from paragraf.records.overrides import Overrides, snapshot
from paragraf.records.resolve import Bodies, Cases, Parties, People, unique_slug
from paragraf.records.signals import packet_stored
from paragraf.records.speakers import Speakers, resolve_dissents

UNKNOWN_ORGANIZATION = "Okänd organisation"
MB = 1_000_000
PERSON_IN_TEXT_RE = re.compile(r"([A-ZÅÄÖÉ][\wåäöéü-]+(?:\s+[A-ZÅÄÖÉ][\wåäöéü-]+){1,3})\s*\(([A-ZÅÄÖ]{1,4})\)")


class ImportProblem(Exception):
    """A packet that cannot be stored: the message names the place (line) and the reason."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class ImportResult:
    path: str
    status: str  # imported | updated | unchanged | failed
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    line: int | None = None  # of the problem, when failed and known
    # Failed because another import wrote the same rows at the same moment (a person, a party, a body new
    # to both): nothing was stored, and the same file imported again succeeds.
    conflict: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def import_path(path: str | Path, force: bool = False, hints: MeetingHints | None = None) -> ImportResult:
    """Parse and store one packet file; never raises for bad input, the result says what happened.
    `hints` give the organisation, body and date where the text does not say them (a file
    imported before is parsed again with new hints only with `force`)."""
    try:
        data = _read(Path(path))
    except InputError as exc:
        return ImportResult(str(path), "failed", str(exc))
    return import_bytes(data, str(path), force, hints)


def import_bytes(data: bytes, name: str, force: bool = False, hints: MeetingHints | None = None,
                 organization: str | None = None) -> ImportResult:
    """As `import_path`, for a packet's bytes (`name`: its path or file name). `organization`: the packet
    must be of this organisation (an upload for it); a packet whose text names another is refused."""
    try:
        existing = SourceFile.without_content.filter(sha256=hashlib.sha256(data).hexdigest()).first()
        if existing and existing.parser_version == parser_version() and not force:
            return ImportResult(name, "unchanged", "already imported with this parser version")
        source = read_bytes(data, Path(name).name)
        packet, text_lines = parse_source_with_text(source, hints)
    except InputError as exc:
        return ImportResult(name, "failed", str(exc), line=exc.line)
    try:
        with transaction.atomic(), changes.batched():  # the parents of what changed move once, at the end
            counts = PacketStore(source, packet, text_lines, organization).store()
    except ImportProblem as exc:
        return ImportResult(name, "failed", f"{source.name}: {exc}", line=exc.line)
    except IntegrityError as exc:
        return ImportResult(name, "failed", f"{source.name}: could not store: {exc}", conflict=True)
    except (DatabaseError, ValueError, TypeError) as exc:
        return ImportResult(name, "failed", f"{source.name}: could not store: {exc}", conflict=_concurrent(exc))
    return ImportResult(name, "updated" if existing else "imported", counts=counts)


def other_organization(found: str | None, expected: str | None) -> str | None:
    """Why a packet of `found` (its text's organisation) is refused where one of `expected` was given; None when not."""
    if expected and (found or UNKNOWN_ORGANIZATION) != expected:
        return f"the packet is of {found or UNKNOWN_ORGANIZATION}, not of {expected} that it was given for; nothing stored"
    return None


def _concurrent(error: DatabaseError) -> bool:
    """A PostgreSQL serialization failure or deadlock (SQLSTATE 40001, 40P01): another transaction's fault."""
    return getattr(getattr(error, "__cause__", None), "sqlstate", None) in {"40001", "40P01"}


class PacketStore:
    def __init__(self, source: Source, packet: dict, text_lines: list[tuple[int, str]] | None = None,
                 expected_organization: str | None = None) -> None:
        self.source = source
        self.packet = packet
        self.text_lines = text_lines
        self.organization_name = packet.get("organization") or UNKNOWN_ORGANIZATION
        self.expected_organization = expected_organization
        self.counts: dict[str, int] = {}
        self.created: set[tuple[str, int]] = set()  # records this import created: they have no rows below them yet

    # ------------------------------------------------------------ top level

    def store(self) -> dict[str, int]:
        self._refuse_empty()
        self._refuse_unidentified()
        self._refuse_other_organization()
        self.file = self._source_file()
        self.organization = self._organization()
        self.parties = Parties()
        self.people = People(self.parties, self.organization)
        self.speakers = Speakers(self.people)  # who the names in a § mean
        self.bodies = Bodies(self.organization)
        self.cases = Cases(self.organization)
        self.overrides = Overrides()
        self.basis: list[tuple[Paragraph, list[str]]] = []  # the basis of each § stored, linked when the documents are
        touched, meetings = set(), set()
        for meeting_data in self.packet["meetings"]:
            meeting = self._meeting(meeting_data)
            touched.add(meeting.body_id)
            meetings.add(meeting.pk)
        self._documents()
        self._basis()
        self._cited_bodies()
        self._indicators()
        self._registers()
        self._internal_control()
        self._control_plans()

        self._delegation_schemes()
        rebuild_memberships(touched)
        self._count("seats", serving.store_seats(sorted(meetings)))
        # The search index listens; it gets the cleaned text so that it need not clean it again.
        packet_stored.send(sender=PacketStore, source_file=self.file, text_lines=self.text_lines)
        return self.counts

    def _refuse_empty(self) -> None:
        """A file in which the parser found no meeting (so no §) is no packet: not stored."""
        if not self.packet["meetings"]:
            n = len(self.packet["documents"])
            found = f" ({n} document{'s' if n > 1 else ''})" if n else ""
            raise ImportProblem(f"no meeting and no § found{found}: the text reads as neither a notice nor minutes; nothing stored")

    def _refuse_unidentified(self) -> None:
        """A meeting is a body and a date: a file with a meeting whose body or date neither
        the text nor the hints give is not stored (the error names the meeting and the option)."""
        for meeting in self.packet["meetings"]:
            for name in ("body", "date"):
                if not meeting.get(name):
                    numbers = [p["number"] for p in meeting.get("paragraphs", [])]
                    what = f"§ {numbers[0]}-{numbers[-1]}" if numbers else "a meeting"
                    raise ImportProblem(f"the text does not say the {name} of the meeting of {what}: "
                                        f"give it with {OPTION[name]}", _first_line(meeting))

    def _refuse_other_organization(self) -> None:
        problem = other_organization(self.packet.get("organization"), self.expected_organization)
        if problem:
            raise ImportProblem(problem)

    def _source_file(self) -> SourceFile:
        values = {
            "name": self.source.name,
            "kind": self.source.kind,
            "data": self.source.data,
            "text": "\n".join(self.source.lines),
            "line_count": len(self.source.lines),
            "parser_version": self.packet.get("parser") or parser_version(),
            "warnings": self.packet.get("warnings", []) + [
                f"{m.get('body')} {m.get('date')}: {warning}" for m in self.packet["meetings"] for warning in m.get("warnings", [])],
        }
        file = SourceFile.objects.filter(sha256=self.source.sha256).first()
        if file is None:
            file = SourceFile.objects.create(sha256=self.source.sha256, **values)
            self.created.add(("file", file.pk))
        elif any(getattr(file, name) != value for name, value in values.items()):  # else its `updated_at` stays
            for name, value in values.items():
                setattr(file, name, value)
            file.save()
        self.copies = {c.paragraph_id: c for c in ParagraphCopy.objects.filter(source_file=file)}
        return file

    def _organization(self) -> Organization:
        org = Organization.objects.filter(name=self.organization_name).first()
        if org is None:
            taken = set(Organization.objects.values_list("slug", flat=True))
            org = Organization.objects.create(name=self.organization_name, slug=unique_slug(self.organization_name, taken))
        return org

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    # ------------------------------------------------------------ meetings

    def _meeting(self, data: dict) -> Meeting:
        body = self.bodies.get(data["body"])
        date = _date(data["date"], _first_line(data))
        # A meeting the secretariat prepared is the same meeting: a packet of it makes it public.
        meeting, created = Meeting.all_objects.get_or_create(body=body, date=date)
        if meeting.locked:
            LOCK_LOG.warning("refused: import of %s into %s (justerad)", self.file.name, meeting)
            raise ImportProblem(f"{meeting} är justerat i sekretariatet: protokollet kan inte ändras av en ny inläsning")
        if not meeting.published:
            meeting.published = True
            meeting.save(update_fields=["published"])
        if created:
            self.created.add(("meeting", meeting.pk))
        self._count("meetings")
        before = snapshot(meeting)
        meeting.sources = sorted(set(meeting.sources) | set(data.get("sources", [])))
        is_minutes = bool(data.get("attendance"))
        if data.get("agenda") or data.get("invited"):
            self._notice(meeting, data)
        if is_minutes and self._owns(meeting.minutes_source_id, meeting.attendances.count(), len(data["attendance"])):
            meeting.minutes_source = self.file
            self._header(meeting, data)
            self._attendance(meeting, data["attendance"])
            self._signatories(meeting, data.get("signatories"))
        elif meeting.minutes_source_id is None and meeting.notice_source_id in (None, self.file.pk):
            self._header(meeting, data)
        self.overrides.save(meeting, before)
        stored = {} if self._fresh("meeting", meeting) else {p.number: p for p in meeting.paragraphs.all()}
        for paragraph in data.get("paragraphs", []):
            self._paragraph(meeting, paragraph, stored)
        resolve_dissents(meeting, self.speakers)
        return meeting

    def _fresh(self, kind: str, record) -> bool:
        return (kind, record.pk) in self.created

    def _owns(self, owner_id: int | None, stored_rows: int, new_rows: int) -> bool:
        """This packet gives a meeting part when it gave it before, nobody did, or it has more to say."""
        return owner_id in (None, self.file.pk) or new_rows > stored_rows

    def _header(self, meeting: Meeting, data: dict) -> None:
        line = _first_line(data)
        meeting.start_time = _time(data.get("start_time"), line) or meeting.start_time
        meeting.end_time = _time(data.get("end_time"), line) or meeting.end_time
        meeting.adjournment = data.get("adjournment") or meeting.adjournment
        meeting.place = data.get("place") or meeting.place

    def _notice(self, meeting: Meeting, data: dict) -> None:
        agenda, invited = data.get("agenda", []), data.get("invited", [])
        if not self._owns(meeting.notice_source_id, meeting.agenda_items.count(), len(agenda)):
            return
        meeting.notice_source = self.file
        rows = [
            dict(
                meeting=meeting,
                number=item["number"],
                title=item["title"] or "",
                case_number=item.get("case_number") or "",
                case=self.cases.get(item.get("case_number"), item.get("title")),
                section=item.get("section") or "",
                presenter=item.get("presenter") or "",
                **self._span(item.get("line")),
            )
            for item in agenda
        ]
        self._count("agenda items", len(rows))
        self.overrides.sync(AgendaItem, meeting.agenda_items.all(), rows, fresh=self._fresh("meeting", meeting))
        rows = [
            dict(
                meeting=meeting,
                person=self.people.get(p["name"], p.get("party")),
                name=p["name"],
                party=p.get("party") or "",
                group=p["group"],
                role=p.get("role") or "",
                **self._span(p.get("line")),
            )
            for p in invited
        ]
        self._count("invitations", len(rows))
        self.overrides.sync(Invitation, meeting.invitations.all(), rows, fresh=self._fresh("meeting", meeting))

    def _attendance(self, meeting: Meeting, attendance: list[dict]) -> None:
        rows = []
        for a in attendance:
            person = self.people.get(a["name"], a.get("party"))
            replaces = self.people.get(a["replaces"], a.get("party")) if a.get("replaces") else None
            rows.append(
                dict(
                    meeting=meeting,
                    person=person,
                    name=a["name"],
                    party=a.get("party") or "",
                    group=a["group"],
                    role=a.get("role") or "",
                    replaces=replaces,
                    replaces_name=a.get("replaces") or "",
                    paragraphs=a.get("paragraphs") or "",
                    **self._span(a.get("line")),
                )
            )
        self._count("attendances", len(rows))
        stored = self.overrides.sync(Attendance, meeting.attendances.all(), rows, fresh=self._fresh("meeting", meeting))
        self.speakers.present[meeting.pk] = stored

    def _signatories(self, meeting: Meeting, signatories: dict | None) -> None:
        signatories = signatories or {}
        meeting.secretary = signatories.get("secretary") or ""
        meeting.chair = signatories.get("chair") or ""
        meeting.adjusters = list(signatories.get("adjusters") or [])

    # ------------------------------------------------------------ paragraphs

    def _paragraph(self, meeting: Meeting, data: dict, stored: dict[int, Paragraph]) -> None:
        line = data.get("first_line")
        number = data.get("number")
        if not isinstance(number, int) or number < 0:
            raise ImportProblem(f"§ number {number!r} is not a whole number", line)
        paragraph = stored.get(number)
        richness = _richness(data)
        self._count("paragraphs")
        if paragraph is not None and paragraph.source_file_id != self.file.pk and richness <= paragraph.richness:
            self._copy(paragraph, data)
            return
        if paragraph is None:
            paragraph = stored[number] = Paragraph(meeting=meeting, number=number)
        values = dict(
            title=data.get("title") or "",
            case_number=data.get("case_number") or "",
            case=self.cases.get(data.get("case_number"), data.get("title")),
            decision=data.get("decision") or "",
            summary=data.get("summary") or "",
            basis=list(data.get("basis") or []),
            procedure=data.get("procedure") or "",
            recipients=list(data.get("recipients") or []),
            pages=data.get("pages"),
            disqualifications=list(data.get("disqualifications") or []),
            signoff=data.get("signoff") or "",
            richness=richness,
            **self._span(data.get("first_line"), data.get("last_line")),
        )
        if paragraph.pk is None:
            self.overrides.assign(paragraph, values)
            self.created.add(("paragraph", paragraph.pk))
        else:
            self.overrides.assign(paragraph, values)
        self._copy(paragraph, data)
        self._proposals(meeting, paragraph, data.get("proposals", []))
        self._votes(meeting, paragraph, data.get("votes", []))
        self._elections(paragraph, data.get("elections", []), data.get("nominations", []))
        self._dissents(paragraph, data.get("reservations", []), line)
        self._statements(meeting, paragraph, data.get("statements", []))
        disqualified = self._named(meeting, " ".join(paragraph.disqualifications))
        if disqualified or not self._fresh("paragraph", paragraph):
            paragraph.disqualified.set(disqualified)
        self.basis.append((paragraph, list(paragraph.basis)))

    def _copy(self, paragraph: Paragraph, data: dict) -> None:
        span = (data.get("first_line"), data.get("last_line"))
        copy = self.copies.get(paragraph.pk)
        if copy is None:
            self.copies[paragraph.pk] = ParagraphCopy.objects.create(
                paragraph=paragraph, source_file=self.file, first_line=span[0], last_line=span[1]
            )
        elif (copy.first_line, copy.last_line) != span:
            copy.first_line, copy.last_line = span
            copy.save(update_fields=["first_line", "last_line"])

    def _proposals(self, meeting: Meeting, paragraph: Paragraph, proposals: list[dict]) -> None:
        rows = [
            dict(
                paragraph=paragraph,
                by=p.get("by") or "",
                person=self._speaker(meeting, p.get("by"), p.get("party")),
                party=p.get("party") or "",
                text=p["text"],
                **self._span(p.get("line")),
            )
            for p in proposals
        ]
        self._count("proposals", len(rows))
        stored = self.overrides.sync(Proposal, paragraph.proposals.all(), rows, fresh=self._fresh("paragraph", paragraph))
        for proposal in stored:
            # from the text as stored, so that a staff correction of the text corrects who proposed
            named = [self._speaker(meeting, p.name, p.party) for p in proposers(proposal.text)]
            proposal.proposers.set({p for p in named if p is not None} or ({proposal.person} if proposal.person else set()))

    def _votes(self, meeting: Meeting, paragraph: Paragraph, votes: list[dict]) -> None:
        rows = [
            dict(
                paragraph=paragraph,
                method=v["method"],
                yes=v["yes"],
                no=v["no"],
                abstain=v["abstain"],
                options=list(v.get("options") or []),
                yes_option=v.get("yes_option") or "",
                no_option=v.get("no_option") or "",
                **self._span(v.get("line")),
            )
            for v in votes
        ]
        self._count("votes", len(rows))
        stored = self.overrides.sync(Vote, paragraph.votes.all(), rows, fresh=self._fresh("paragraph", paragraph))
        for vote, data in zip(stored, votes):
            self._ballots(meeting, vote, data, fresh=self._fresh("paragraph", paragraph))

    def _ballots(self, meeting: Meeting, vote: Vote, data: dict, fresh: bool) -> None:
        voters = data.get("ballots") or [
            {"name": name, "party": None, "choice": choice}
            for choice, key in (("yes", "yes_names"), ("no", "no_names"), ("abstain", "abstain_names"))
            for name in data.get(key) or []
        ]
        rows = [
            dict(
                vote=vote,
                name=b["name"],
                party=b.get("party") or "",
                person=self._speaker(meeting, b["name"], b.get("party")),
                choice=b["choice"],
            )
            for b in voters
        ]
        self._count("ballots", len(rows))
        self.overrides.sync(Ballot, vote.ballots.all(), rows, fresh=fresh)

    def _elections(self, paragraph: Paragraph, elections: list[dict], nominations: list[dict]) -> None:
        rows = [
            dict(
                paragraph=paragraph,
                kind=kind,
                name=e["name"],
                person=self.people.get(e["name"], e.get("party")) if e.get("party") else self.people.lookup(e["name"]),
                party=e.get("party") or "",
                post=e.get("post") or "",
                # the records keep the organisation and the part of it apart (contract: organisation + part_of)
                organisation=e.get("part_of") or e.get("organisation") or "",
                sub_body=(e.get("organisation") or "") if e.get("part_of") else "",
                period=e.get("period") or "",
                **self._span(e.get("line")),
            )
            for kind, listed in ((Election.Kind.ELECTION, elections), (Election.Kind.NOMINATION, nominations))
            for e in listed
        ]
        self._count("elections", len(rows))
        self.overrides.sync(Election, paragraph.elections.all(), rows, fresh=self._fresh("paragraph", paragraph))

    def _dissents(self, paragraph: Paragraph, reservations: list[str], line: int | None) -> None:
        rows = [dict(paragraph=paragraph, text=text, **self._span(line)) for text in reservations]
        self._count("dissents", len(rows))
        self.overrides.sync(Dissent, paragraph.dissents.all(), rows, fresh=self._fresh("paragraph", paragraph))

    def _named(self, meeting: Meeting, text: str) -> list:
        """The people a text names with their party, resolved among those present."""
        people = [self._speaker(meeting, name, party) for name, party in PERSON_IN_TEXT_RE.findall(text)]
        return [p for p in people if p is not None]

    def _statements(self, meeting: Meeting, paragraph: Paragraph, statements: list[dict]) -> None:
        rows = [
            dict(
                paragraph=paragraph,
                by=s.get("by") or "",
                person=self._speaker(meeting, s.get("by"), None),
                text=s["text"],
                **self._span(s.get("line")),
            )
            for s in statements
        ]
        self._count("statements", len(rows))
        self.overrides.sync(RecordedStatement, paragraph.statements.all(), rows, fresh=self._fresh("paragraph", paragraph))

    def _speaker(self, meeting: Meeting, name: str | None, party: str | None):
        return self.speakers.person(meeting, name, party)

    # ------------------------------------------------------------ documents and indicators

    def _documents(self) -> None:
        rows = []
        for position, d in enumerate(self.packet["documents"]):
            rows.append(
                dict(
                    source_file=self.file,
                    organization=self.organization,
                    kind=d["kind"],
                    title=d.get("title") or "",
                    date=_date(d["date"], d.get("first_line")) if d.get("date") else None,
                    case_number=d.get("case_number") or "",
                    case=self.cases.get(d.get("case_number"), d.get("title")),
                    first_line=d.get("first_line"),
                    last_line=d.get("last_line"),
                )
            )
        self._count("documents", len(rows))
        self.overrides.sync(Document, Document.objects.filter(source_file=self.file), rows, fresh=self._fresh("file", self.file))

    def _basis(self) -> None:
        """The basis of each § stored: each item linked to the document it names among the
        documents of its case and those of this packet without a case (`basis.py`), and a cited
        protocol (`Protokollsutdrag <body> <date>`) a step of the §'s case, marked as cited, at
        the item's line."""
        here = list(Document.objects.filter(source_file=self.file, case__isnull=True))
        of_case = defaultdict(list)
        for document in Document.objects.filter(case_id__in={p.case_id for p, _ in self.basis if p.case_id}):
            of_case[document.case_id].append(document)
        lines = self.file.text.split("\n")
        links_of = Paragraph.documents.through
        links_of.objects.filter(paragraph_id__in=[p.pk for p, _ in self.basis]).delete()
        new_links = []
        for paragraph, items in self.basis:
            links = link_basis(items, of_case[paragraph.case_id] + here if paragraph.case_id else here)
            new_links += [links_of(paragraph_id=paragraph.pk, document_id=pk) for pk in {l.document.pk for l in links if l.document}]
            rows = [
                dict(case_id=paragraph.case_id, paragraph=paragraph, body_name=link.read.body,
                     body=self.bodies.find(link.read.body), date=link.date, text=link.text,
                     **self._span(line_of(link.text, lines, paragraph.first_line or 1, paragraph.last_line or 0)))
                for link in links
                if paragraph.case_id and link.read and link.read.body and link.date
            ]
            self._count("cited steps", len(rows))
            if rows or not self._fresh("paragraph", paragraph):
                self.overrides.sync(CitedStep, paragraph.cited_steps.all(), rows, fresh=self._fresh("paragraph", paragraph))
        links_of.objects.bulk_create(new_links)

    def _cited_bodies(self) -> None:
        """A body cited before its own meetings were imported is found now (a citation never creates a body)."""
        for step in CitedStep.objects.filter(case__organization=self.organization, body__isnull=True):
            body = self.bodies.find(step.body_name)
            if body is not None:
                step.body = body
                step.save(update_fields=["body"])

    def _indicators(self) -> None:
        rows = [
            dict(
                source_file=self.file,
                organization=self.organization,
                report=i.get("report") or "",
                perspective=i.get("perspective") or "",
                level=i.get("level") or "",
                label=i["label"],
                target=i.get("target") or "",
                result=i.get("result") or "",
                year=i.get("year"),
                unit=i.get("unit") or "",
                goal=i.get("goal") or "",
                success_factor=i.get("success_factor") or "",
                assignment=i.get("assignment") or "",
                polarity=i.get("polarity") or "",
                first_line=i.get("line"),
                last_line=i.get("line"),
            )
            for i in self.packet["indicators"]
        ]
        self._count("indicators", len(rows))
        self.overrides.sync(Indicator, Indicator.objects.filter(source_file=self.file), rows, fresh=self._fresh("file", self.file))
        stated = [
            dict(**self._span(f["line"]), organization=self.organization, report=f.get("report") or "", year=f.get("year"),
                 met=f.get("met"), partly=f.get("partly"), not_met=f.get("not_met"), measured=f.get("measured"),
                 met_labels=f["met_labels"], partly_labels=f["partly_labels"], not_met_labels=f["not_met_labels"])
            for f in self.packet.get("fulfilment") or []
        ]
        self.overrides.sync(StatedFulfilment, StatedFulfilment.objects.filter(source_file=self.file), stated,
                            fresh=self._fresh("file", self.file))

    def _registers(self) -> None:
        """The delegated decisions and information documents of the registers reported to meetings, each
        linked to the meeting it is reported at (by the register's body and date) and that meeting's body,
        to the register's case (the item or § that reports it) and to its own case."""
        decisions, documents = [], []
        for register in self.packet.get("registers") or []:
            reported_at = self._reported_at(register)
            common = dict(organization=self.organization, reported_at=reported_at, body=reported_at.body if reported_at else None,
                          register_case=self.cases.get(register.get("case_number")))
            for d in register["delegated_decisions"]:
                decisions.append(dict(**common, **self._span(d["line"]), case=self.cases.get(d.get("case_number")),
                                      point=d.get("point") or "", title=d["title"], decided_on=_optional_date(d.get("date")),
                                      delegate=d.get("delegate") or ""))
            for d in register["information_documents"]:
                documents.append(dict(**common, **self._span(d["line"]), case=self.cases.get(d.get("case_number")),
                                      category=d.get("category") or "", title=d["title"], counterpart=d.get("counterpart") or "",
                                      direction=d.get("direction") or "", date=_optional_date(d.get("date"))))
        fresh = self._fresh("file", self.file)
        self._count("delegated decisions", len(decisions))
        self._count("information documents", len(documents))
        self.overrides.sync(DelegatedDecision, DelegatedDecision.objects.filter(source_file=self.file), decisions, fresh=fresh)
        self.overrides.sync(InformationDocument, InformationDocument.objects.filter(source_file=self.file), documents, fresh=fresh)

    def _internal_control(self) -> None:
        """Internal control reports, each with its control points (written anew: they carry no corrections)."""
        reports = self.packet.get("internal_control") or []
        rows = [dict(**self._span(r["first_line"], r["last_line"]), organization=self.organization, title=(r.get("title") or "")[:300],
                     year=r.get("year")) for r in reports]
        stored = self.overrides.sync(InternalControlReport, InternalControlReport.objects.filter(source_file=self.file), rows,
                                     fresh=self._fresh("file", self.file))
        ControlPoint.objects.filter(report__in=stored).delete()
        ControlPoint.objects.bulk_create(
            ControlPoint(report=report, number=p["number"], title=p["title"][:300], observations=p["observations"], actions=p["actions"],
                         first_line=p["line"])
            for report, data in zip(stored, reports) for p in data["control_points"])
        self._count("control points", sum(len(r["control_points"]) for r in reports))

    def _control_plans(self) -> None:
        """Internal control plans with their planned controls (updated in place by position, so a report's link
        and a staff correction of a control's consequence or probability stay), each with the body that decides
        it; then every control point of the organisation's reports is linked to its planned control
        (`records/controls.py`), whichever of report and plan was imported first."""
        plans = self.packet.get("internal_control_plans") or []
        rows = [dict(**self._span(p["first_line"], p["last_line"]), organization=self.organization, body=self._deciding_body(p),
                     title=(p.get("title") or "")[:300], year=p.get("year")) for p in plans]
        fresh = self._fresh("file", self.file)
        stored = self.overrides.sync(InternalControlPlan, InternalControlPlan.objects.filter(source_file=self.file), rows, fresh=fresh)
        for plan, data in zip(stored, plans):
            controls = [dict(plan=plan, title=c["title"][:300], purpose=c.get("purpose") or "", method=c.get("method") or "",
                             responsible=c.get("responsible") or "", timing=(c.get("timing") or "")[:300], areas=c.get("areas") or "",
                             risk=(c.get("risk") or "")[:200], consequence=c.get("consequence"), probability=c.get("probability"),
                             first_line=c.get("line")) for c in data["controls"]]
            self.overrides.sync(PlannedControl, plan.controls.all(), controls, fresh=fresh)
        self._count("planned controls", sum(len(p["controls"]) for p in plans))
        link_planned_controls(self.organization)

    def _deciding_body(self, plan: dict):
        """The body that decides a plan: of the latest meeting of the packet with an agenda item or § of the case
        of the document the plan is in (the plan is an annex to that item); None when none is found."""
        document = next((d for d in self.packet["documents"] if d.get("case_number")
                         and d["first_line"] <= plan["first_line"] <= d["last_line"]), None)
        core = _case_core(document["case_number"]) if document else None
        if core is None:
            return None
        deciding = [m for m in self.packet["meetings"] if m.get("body") and m.get("date") and any(
            _case_core(item.get("case_number")) == core for item in m.get("agenda", []) + m.get("paragraphs", []))]
        if not deciding:
            return None
        return self.bodies.find(max(deciding, key=lambda m: m["date"])["body"])

    def _delegation_schemes(self) -> None:
        """Each delegation scheme the packet prints, stored for its body (named by its title, else that of the
        meeting whose § decides it) from the date it states (in its text, else in the deciding §'s decision, else
        the meeting's date), with its points. A scheme is the import's own when it has the same body, title and
        date and keeps the packet it was read from (`source_file`; staff saving it in the admin or the secretariat
        empties that): a re-import writes it anew; one staff made or corrected is left as it is, and no second one
        is made beside it. A scheme this packet gave before and gives no more (a parser reads it otherwise) goes."""
        kept = [self._delegation_scheme(data) for data in self.packet.get("delegation_schemes") or []]
        stale = DelegationScheme.objects.filter(source_file=self.file).exclude(pk__in=[s.pk for s in kept if s is not None])
        gone = stale.delete()[1].get(DelegationScheme._meta.label, 0)
        if gone:
            self._count("delegation schemes no longer in the packet", gone)

    def _delegation_scheme(self, data: dict) -> DelegationScheme | None:
        """One scheme of the packet, stored or found as staff keep it; None when it has no body or date."""
        deciding = self._deciding_paragraph(data)
        body = (self.bodies.find(data["body"]) if data.get("body") else None) or (deciding.meeting.body if deciding else None)
        valid_from = (_optional_date(data.get("valid_from")) or _optional_date(stated_valid_from(deciding.decision) if deciding else None)
                      or (deciding.meeting.date if deciding else None))
        if body is None or valid_from is None:
            self._count("delegation schemes without a body or date")
            return None
        title = data["title"][:300]
        scheme = DelegationScheme.objects.filter(body=body, title=title, valid_from=valid_from).order_by("pk").first()
        if scheme is not None and scheme.source_file_id is None:  # staff made or changed it
            self._count("delegation schemes kept as staff made them")
            return scheme
        if scheme is None:
            scheme = DelegationScheme.objects.create(body=body, title=title, valid_from=valid_from, decided_in=deciding,
                                                     source_file=self.file)
        elif (scheme.decided_in_id, scheme.source_file_id) != (deciding.pk if deciding else None, self.file.pk):
            scheme.decided_in, scheme.source_file = deciding, self.file
            scheme.save(update_fields=["decided_in", "source_file", "modified"])
        scheme.points.all().delete()
        points, numbers = [], set()
        for p in data["points"]:
            if p["number"] in numbers:  # a number twice (a misread heading): the first stands
                continue
            numbers.add(p["number"])
            limits = "; ".join(part for part in (f"Lagrum: {p['law']}" if p.get("law") else "", p.get("limits") or "") if part)
            points.append(DelegationPoint(scheme=scheme, position=len(points) + 1, number=p["number"][:60], matter=p["matter"],
                                          delegate_role=p["delegate_role"][:200], limits=limits))
        DelegationPoint.objects.bulk_create(points)
        self._count("delegation schemes")
        self._count("delegation points", len(points))
        return scheme

    def _deciding_paragraph(self, scheme: dict) -> Paragraph | None:
        """The § of this packet that decides a scheme: the one of its case number, else the one whose title names
        a delegation scheme (of the scheme's body, when it names one)."""
        paragraphs = list(Paragraph.objects.filter(pk__in=list(self.copies)).select_related("meeting__body").order_by("meeting__date", "number"))
        serial = re.search(r"(?:19|20)\d\d/\d+", scheme.get("case_number") or "")
        if serial and (same := [p for p in paragraphs if re.search(rf"{re.escape(serial.group())}(?!\d)", p.case_number or "")]):
            return same[0]
        named = [p for p in paragraphs if SCHEME_TITLE_RE.search(p.title or "")]
        body = self.bodies.find(scheme["body"]) if scheme.get("body") else None
        if body is not None:
            named = [p for p in named if p.meeting.body_id == body.pk or body.name.casefold() in p.title.casefold()]
        return named[0] if len(named) == 1 else None

    def _reported_at(self, register: dict) -> Meeting | None:
        """The meeting a register is reported to: of the body it names on its date, else the one meeting of
        the organisation that day."""
        date = _optional_date(register.get("meeting_date"))
        if date is None:
            return None
        meetings = Meeting.all_objects.filter(body__organization=self.organization, date=date)
        body = self.bodies.find(register["body"]) if register.get("body") else None
        if body is not None and (meeting := meetings.filter(body=body).first()) is not None:
            return meeting
        return meetings.first() if meetings.count() == 1 else None

    def _span(self, first: int | None, last: int | None = None) -> dict:
        return {"source_file": self.file, "first_line": first, "last_line": last if last is not None else first}


CASE_CORE_RE = re.compile(r"((?:19|20)\d\d)\s*/\s*(\d+)")


def _case_core(written: str | None) -> tuple[str, int] | None:
    """A case number's year and serial, whatever the series prefix (`RJL 2022/2892` and `2022/2892` are one)."""
    found = CASE_CORE_RE.search(written or "")
    return (found.group(1), int(found.group(2))) if found else None


def _read(path: Path) -> bytes:
    """The file's bytes; one larger than PARAGRAF_MAX_PACKET_MB is refused (never read past the limit)."""
    limit = settings.PARAGRAF_MAX_PACKET_MB
    try:
        with path.open("rb") as file:
            data = file.read(int(limit * MB) + 1)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=str(path)) from exc
    if len(data) > limit * MB:
        size = f" ({path.stat().st_size / MB:.1f} MB)" if path.is_file() else ""
        raise InputError(f"the file{size} is larger than the limit of {limit:g} MB (PARAGRAF_MAX_PACKET_MB)", source=str(path))
    return data


def _first_line(meeting: dict) -> int | None:
    lines = [p.get("first_line") for p in meeting.get("paragraphs", [])] + [a.get("line") for a in meeting.get("agenda", [])]
    lines = [n for n in lines if n]
    return min(lines) if lines else None


def _optional_date(value: str | None) -> dt.date | None:
    """A date the parser read as ISO, or None (a register's dates are facts about it, never refused)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _date(value: str, line: int | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportProblem(f"date {value!r} is not a valid date", line) from None


def _time(value: str | None, line: int | None) -> dt.time | None:
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ImportProblem(f"time {value!r} is not a valid time of day", line) from None


def _richness(paragraph: dict) -> int:
    """How much a copy of a § says: the longer, fuller copy wins when the same § is imported twice."""
    return len(json.dumps({k: v for k, v in paragraph.items() if k not in ("first_line", "last_line")}, ensure_ascii=False))
