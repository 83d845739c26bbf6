"""`paragraf bench generate`: a large records database made from the corpus packets, for `paragraf bench portal`.

Both corpus packets (samples/corpus/*.txt) are parsed once with `paragraf.ingest.parse_path`;
their material (§ titles, decisions, summaries, procedures, proposals, votes, reservations,
agenda titles, attendance names) is then recombined into N § across invented organisations
("Region Norrfjäll", "Ekby kommun" …), each with its bodies (fullmäktige, styrelse, its
arbetsutskott, nämnder), people and parties, meetings of 20-50 § over several years,
and cases whose numbers pass from a nämnd or the arbetsutskott to the styrelse and
fullmäktige (so case paths exist). Everything is deterministic from `--seed`.

Rows are written with bulk_create in batches, one transaction per batch, with ids
given here (the database must be empty: it is migrated first). The search index is
then built in batches by `paragraf.search.index.index_records` (the same entry
builders as an import), with the full-text indexes of PostgreSQL dropped during the
load and built once at the end.

Run: `paragraf bench generate --paragraphs 1000000 --database sqlite:////tmp/bench.sqlite3`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_parse import CORPUS

ORG_PLACES = [
    "Norrfjäll", "Ekby", "Sjövik", "Granås", "Älvdala", "Björkhamn", "Tallberga", "Ljungsund", "Hagaby", "Västerfors",
    "Östanå", "Lindö", "Kvarnby", "Stenhamra", "Myrviken", "Bergsjö", "Furuvik", "Rönnbacka", "Snöstorp", "Åsaby",
    "Korpilombolo", "Strömsnäs", "Mossby", "Ekeberga", "Solvik", "Tjärnby", "Vindeled", "Gransund", "Lövånger", "Hällefors",
    "Ormsjö", "Skärby", "Vallby", "Nyhamn", "Blåsjö", "Dalby", "Ängsö", "Rävlanda", "Holmsund", "Fjällnäs",
]
NAMNDER = [
    "Barn- och utbildningsnämnden", "Socialnämnden", "Miljö- och byggnadsnämnden", "Kultur- och fritidsnämnden",
    "Tekniska nämnden", "Vård- och omsorgsnämnden", "Valnämnden", "Överförmyndarnämnden",
]
REGION_NAMNDER = [
    "Nämnd för folkhälsa och sjukvård", "Nämnd för trafik, infrastruktur och miljö", "Nämnd för arbetsmarknad och kultur",
    "Patientnämnden", "Nämnd för regional utveckling",
]
FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena", "Mikael", "Emma", "Karl",
    "Kerstin", "Nils", "Ingrid", "Olof", "Sofia", "Gustav", "Linnéa", "Hampus", "Elin", "Jonas", "Malin", "Peter", "Helena",
    "Magnus", "Ulla", "Stefan", "Maja", "Fredrik", "Astrid", "Oskar", "Birgitta", "Henrik", "Agnes", "Tomas", "Ida", "Rasmus",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
    "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Bergström", "Lundgren", "Holm", "Sandberg", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Hammar", "Nyström", "Frisk", "Ekström", "Lund", "Berglund", "Åberg", "Dahl",
]
PARTIES = [("S", "Socialdemokraterna"), ("M", "Moderaterna"), ("SD", "Sverigedemokraterna"), ("C", "Centerpartiet"),
           ("V", "Vänsterpartiet"), ("KD", "Kristdemokraterna"), ("L", "Liberalerna"), ("MP", "Miljöpartiet")]
PARTY_WEIGHTS = [30, 20, 18, 8, 8, 6, 5, 5]
PLACES = ["Stora salen, stadshuset", "Sammanträdesrum Älven", "Kommunhuset, rum 3", "Regionens hus, Forum", "Digitalt via Teams"]
TITLE_SUFFIXES = ["år {year}", "{place}", "för {place}", "i {place}", "– {place} {n}:{m}", "{year}-{year2}"]
FIRST_YEAR, YEARS = 2016, 10
BATCH = 20_000  # § per transaction (with their meetings, agenda items, votes …)


@dataclass
class Material:
    """What the corpus gives to recombine."""

    paragraphs: list[dict]
    titles: list[str]
    attendance_roles: list[tuple[str, str]]  # (group, role)
    documents: list[tuple[dict, str]]  # (document, its text lines joined)
    source_text: str


@dataclass
class Org:
    id: int
    name: str
    slug: str
    place: str
    prefix: str
    region: bool
    bodies: list = field(default_factory=list)
    people: list = field(default_factory=list)


def load_material() -> Material:
    from paragraf.ingest import parse_path

    paragraphs, titles, roles, documents, texts = [], [], set(), [], []
    for path in sorted(CORPUS.glob("*.txt")):
        packet = parse_path(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        texts.append("\n".join(lines))
        for meeting in packet["meetings"]:
            paragraphs.extend(p for p in meeting.get("paragraphs", []) if p.get("title"))
            titles.extend(a["title"] for a in meeting.get("agenda", []) if a.get("title"))
            roles.update((a["group"], a.get("role") or "") for a in meeting.get("attendance", []))
        for document in packet["documents"][:12]:
            first, last = document.get("first_line") or 1, document.get("last_line") or len(lines)
            documents.append((document, "\n".join(lines[first - 1:last])))
    titles.extend(p["title"] for p in paragraphs)
    return Material(paragraphs, sorted(set(titles)), sorted(roles), documents, texts[0])


class Ids:
    """Primary keys given here, so children are built before their parents are written."""

    def __init__(self):
        self.next = defaultdict(lambda: 1)

    def __call__(self, kind: str) -> int:
        n = self.next[kind]
        self.next[kind] = n + 1
        return n


class Generator:
    def __init__(self, n: int, seed: int, echo=print, progressbar=None):
        self.n = n
        self.rng = random.Random(seed)
        self.echo = echo
        self.progressbar = progressbar
        self.ids = Ids()
        self.counts: dict[str, int] = defaultdict(int)
        self.pending: dict[type, list] = defaultdict(list)
        self.dissent_people: list = []

    # ---------------------------------------------------------------- setup

    def run(self) -> dict[str, int]:
        from paragraf.records import models as m

        self.m = m
        self.material = load_material()
        self._parties()
        self._organizations()
        self._terms()
        n_orgs = len(self.orgs)
        per_org = [self.n // n_orgs + (1 if i < self.n % n_orgs else 0) for i in range(n_orgs)]
        bar = self.progressbar(length=self.n, label="Generating §") if self.progressbar else None
        done = 0
        for org, n_org in zip(self.orgs, per_org):
            for count in self._org_meetings(org, n_org):
                done += count
                if bar:
                    bar.update(count)
                if len(self.pending[m.Paragraph]) >= BATCH:
                    self._flush()
        self._flush()
        if bar:
            bar.render_finish()
        self._documents()
        self._memberships()
        self._flush()
        return dict(self.counts)

    def _parties(self):
        m = self.m
        self.party_rows = [m.Party(id=self.ids("party"), abbreviation=a, name=n) for a, n in PARTIES]
        self._add(*self.party_rows)

    def _organizations(self):
        m = self.m
        n_orgs = max(2, min(len(ORG_PLACES), round(self.n / 40_000)))
        places = self.rng.sample(ORG_PLACES, n_orgs)
        self.orgs = []
        taken_people: set[str] = set()
        for i, place in enumerate(places):
            region = i % 4 == 0
            name = f"Region {place}" if region else f"{place} kommun"
            org = Org(self.ids("org"), name, _slug(name), place, _prefix(place, region), region)
            self._add(m.Organization(id=org.id, name=org.name, slug=org.slug))
            self._bodies(org)
            for _ in range(self.rng.randint(120, 200)):
                first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
                party = self.rng.choices(self.party_rows, PARTY_WEIGHTS)[0]
                name = f"{first} {last}"
                slug = _slug(f"{name}-{party.abbreviation}")
                k = 2
                while slug in taken_people:
                    slug, k = _slug(f"{name}-{party.abbreviation}-{k}"), k + 1
                taken_people.add(slug)
                person = m.Person(id=self.ids("person"), name=name, party_id=party.id, slug=slug, organization_id=org.id)
                person.party_abbr = party.abbreviation
                org.people.append(person)
                self._add(person)
            for body in org.bodies:
                body.roster = self.rng.sample(org.people, min(len(org.people), self.rng.randint(15, 35)))
            self.orgs.append(org)
            org.cases_open = []
            org.case_serial = defaultdict(int)

    def _bodies(self, org: Org):
        m = self.m
        word = "Region" if org.region else "Kommun"
        specs = [(f"{word}fullmäktige", "fullmaktige", None), (f"{word}styrelsen", "styrelse", None)]
        namnder = REGION_NAMNDER if org.region else NAMNDER
        specs.append((f"{word}styrelsens arbetsutskott", "utskott", 1))
        for name in self.rng.sample(namnder, self.rng.randint(3, len(namnder) - 1)):
            specs.append((name, "namnd", None))
        for name, kind, parent in specs:
            body = m.Body(id=self.ids("body"), organization_id=org.id, name=name, kind=kind,
                          slug=_slug(f"{name}-{org.place}"))
            body.parent_id = org.bodies[parent].id if parent is not None else None
            org.bodies.append(body)
            self._add(body)

    def _terms(self):
        self.terms = []
        for start in range(2014, FIRST_YEAR + YEARS + 1, 4):
            term = self.m.Term(id=self.ids("term"), name=f"{start}-{start + 4}", start=dt.date(start, 10, 15),
                               end=dt.date(start + 4, 10, 14))
            self.terms.append(term)
            self._add(term)

    # ---------------------------------------------------------------- meetings

    def _org_meetings(self, org: Org, n_paragraphs: int):
        """Meetings of all bodies of an organisation in date order (so a case moves from body to body)."""
        rng = self.rng
        sizes = []
        total = 0
        while total < n_paragraphs:
            k = min(rng.randint(20, 50), n_paragraphs - total)
            sizes.append(k)
            total += k
        weights = {"fullmaktige": 1.0, "styrelse": 1.6, "utskott": 1.6, "namnd": 1.0}
        bodies = org.bodies
        assigned = rng.choices(bodies, [weights[b.kind] for b in bodies], k=len(sizes))
        per_body = defaultdict(list)
        for body, size in zip(assigned, sizes):
            per_body[body.id].append(size)
        span = YEARS * 365
        schedule = []
        for body in bodies:
            count = len(per_body[body.id])
            if not count:
                continue
            step = span / count
            for i, size in enumerate(per_body[body.id]):
                day = int(i * step + rng.random() * max(0.0, step - 1))
                schedule.append((dt.date(FIRST_YEAR, 1, 10) + dt.timedelta(days=day), body, size))
        schedule.sort(key=lambda s: (s[0], s[1].id))
        seen = set()
        numbering = defaultdict(int)  # (body, year) -> last § number
        for date, body, size in schedule:
            while (body.id, date) in seen:
                date += dt.timedelta(days=1)
            seen.add((body.id, date))
            yield self._meeting(org, body, date, size, numbering)

    def _meeting(self, org: Org, body, date: dt.date, size: int, numbering) -> int:
        m, rng = self.m, self.rng
        start = dt.time(rng.choice([8, 9, 10, 13]), rng.choice([0, 30]))
        meeting = m.Meeting(id=self.ids("meeting"), body_id=body.id, date=date, start_time=start,
                            end_time=dt.time(min(23, start.hour + rng.randint(1, 6)), 0), place=rng.choice(PLACES),
                            chair=body.roster[0].name, secretary=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                            adjusters=[p.name for p in body.roster[1:3]], sources=[])
        self._add(meeting)
        present = rng.sample(body.roster, max(1, int(len(body.roster) * rng.uniform(0.7, 1.0))))
        for pos, person in enumerate(present):
            group, role = ("beslutande", "ordf.") if pos == 0 else ("beslutande" if pos < len(present) * 0.7 else "ersättare", "")
            self._add(m.Attendance(id=self.ids("attendance"), meeting_id=meeting.id, position=pos, person_id=person.id,
                                   name=person.name, party=person.party_abbr, group=group, role=role))
        voters = [p for p in present[: max(1, int(len(present) * 0.7))]]
        key = (body.id, date.year)
        for pos in range(size):
            numbering[key] += 1
            number = numbering[key]
            template = rng.choice(self.material.paragraphs)
            title = self._title(org, template["title"], date)
            case = self._case(org, body, date, title)
            self._add(m.AgendaItem(id=self.ids("agenda"), meeting_id=meeting.id, position=pos, number=pos + 1, title=title,
                                   case_number=case.number if case else "", case_id=case.id if case else None))
            self._paragraph(org, meeting, number, title, case, template, present, voters)
        return size

    def _title(self, org: Org, title: str, date: dt.date) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            title = rng.choice(self.material.titles)
        if rng.random() < 0.5:
            suffix = rng.choice(TITLE_SUFFIXES).format(
                year=date.year, year2=date.year + rng.randint(1, 4), place=rng.choice(ORG_PLACES),
                n=rng.randint(1, 40), m=rng.randint(1, 99))
            title = f"{title} {suffix}"
        return _localise(title, org)

    def _case(self, org: Org, body, date: dt.date, title: str):
        """A new case in a nämnd or the arbetsutskott; the styrelse and fullmäktige often take one up again."""
        rng = self.rng
        if body.kind in ("styrelse", "fullmaktige") and org.cases_open and rng.random() < 0.5:
            case = org.cases_open.pop(rng.randrange(len(org.cases_open)))
            if body.kind == "styrelse" and rng.random() < 0.5:
                org.cases_open.append(case)  # on to fullmäktige later
            return case
        if rng.random() < 0.15:
            return None
        org.case_serial[date.year] += 1
        serial = org.case_serial[date.year]
        case = self.m.Case(id=self.ids("case"), organization_id=org.id, year=date.year, serial=serial,
                           number=f"{org.prefix} {date.year}/{serial}", prefixes=[org.prefix], title=title)
        self._add(case)
        if body.kind in ("namnd", "utskott") and rng.random() < 0.4:
            org.cases_open.append(case)
            if len(org.cases_open) > 400:
                org.cases_open.pop(0)
        return case

    def _paragraph(self, org, meeting, number, title, case, template, present, voters):
        m, rng = self.m, self.rng
        other = rng.choice(self.material.paragraphs)
        loc = lambda text: _localise(text, org) if text else ""  # noqa: E731
        paragraph = m.Paragraph(
            id=self.ids("paragraph"), meeting_id=meeting.id, number=number, title=title,
            case_number=case.number if case else "", case_id=case.id if case else None,
            decision=loc(template.get("decision") or other.get("decision")), summary=loc(other.get("summary") or template.get("summary")),
            basis=list(template.get("basis") or []), procedure=loc(template.get("procedure")),
            recipients=list(template.get("recipients") or []), pages=template.get("pages"), richness=1,
        )
        self._add(paragraph)
        for pos, proposal in enumerate(template.get("proposals") or []):
            person = rng.choice(present)
            self._add(m.Proposal(id=self.ids("proposal"), paragraph_id=paragraph.id, position=pos, by=person.name,
                                 person_id=person.id, party=person.party_abbr, text=loc(proposal["text"])))
        for pos, vote in enumerate(template.get("votes") or []):
            vote_id = self.ids("vote")
            yes_share = rng.uniform(0.4, 0.8)
            choices = ["yes" if rng.random() < yes_share else ("no" if rng.random() < 0.95 else "abstain") for _ in voters]
            self._add(m.Vote(id=vote_id, paragraph_id=paragraph.id, position=pos, method=vote.get("method") or "open",
                             yes=choices.count("yes"), no=choices.count("no"), abstain=choices.count("abstain"),
                             options=list(vote.get("options") or [])))
            for bpos, (person, choice) in enumerate(zip(voters, choices)):
                self._add(m.Ballot(id=self.ids("ballot"), vote_id=vote_id, position=bpos, name=person.name,
                                   party=person.party_abbr, person_id=person.id, choice=choice))
        for pos, text in enumerate(template.get("reservations") or []):
            dissent = m.Dissent(id=self.ids("dissent"), paragraph_id=paragraph.id, position=pos, text=loc(text))
            self._add(dissent)
            for person in rng.sample(present, min(len(present), rng.randint(1, 3))):
                self.dissent_people.append(m.Dissent.people.through(dissent_id=dissent.id, person_id=person.id))

    # ---------------------------------------------------------------- documents, memberships

    def _documents(self):
        """A few documents per organisation, with text: a source file holding a corpus packet's text."""
        m = self.m
        text = self.material.source_text
        for org in self.orgs:
            body_text = _localise(text, org)
            data = body_text.encode("utf-8")
            source = m.SourceFile(id=self.ids("source"), name=f"{org.slug}-handlingar.txt",
                                  sha256=hashlib.sha256(data).hexdigest(), kind="text", data=data, text=body_text,
                                  line_count=body_text.count("\n") + 1, parser_version="generated", warnings=[])
            self._add(source)
            for pos, (document, _) in enumerate(self.material.documents):
                date = document.get("date")
                self._add(m.Document(id=self.ids("document"), organization_id=org.id, position=pos, kind=document["kind"],
                                     title=_localise(document.get("title") or "", org),
                                     date=dt.date.fromisoformat(date) if date else None, source_file_id=source.id,
                                     first_line=document.get("first_line"), last_line=document.get("last_line")))

    def _memberships(self):
        m = self.m
        for org in self.orgs:
            for body in org.bodies:
                for term in self.terms:
                    for i, person in enumerate(body.roster):
                        role = "chair" if i == 0 else ("first_vice_chair" if i == 1 else ("member" if i < len(body.roster) * 0.7 else "substitute"))
                        self._add(m.Membership(id=self.ids("membership"), person_id=person.id, body_id=body.id, term_id=term.id,
                                               role=role, party_id=person.party_id, first_seen=max(term.start, dt.date(FIRST_YEAR, 1, 10)),
                                               last_seen=min(term.end, dt.date(FIRST_YEAR + YEARS, 1, 1))))

    # ---------------------------------------------------------------- writing

    def _add(self, *rows):
        for row in rows:
            self.pending[type(row)].append(row)

    def _flush(self):
        from django.db import transaction

        m = self.m
        order = [m.Party, m.Organization, m.Body, m.Term, m.Person, m.SourceFile, m.Case, m.Meeting, m.AgendaItem,
                 m.Attendance, m.Paragraph, m.Proposal, m.Vote, m.Ballot, m.Dissent, m.Document, m.Membership]
        with transaction.atomic():
            for model in order:
                rows = self.pending.pop(model, [])
                if model is m.Body:
                    # parents first: write them without parent, then set it
                    parents = {b.id: b.parent_id for b in rows}
                    for b in rows:
                        b.parent_id = None
                    model.objects.bulk_create(rows, batch_size=2000)
                    for b in rows:
                        b.parent_id = parents[b.id]
                    model.objects.bulk_update([b for b in rows if b.parent_id], ["parent"], batch_size=500)
                elif rows:
                    model.objects.bulk_create(rows, batch_size=2000)
                self.counts[model.__name__] += len(rows)
            if self.dissent_people:
                m.Dissent.people.through.objects.bulk_create(self.dissent_people, batch_size=2000)
                self.dissent_people = []
        assert not self.pending, list(self.pending)


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("Å", "a").replace("Ä", "a").replace("Ö", "o"))


def _prefix(place: str, region: bool) -> str:
    letters = [c for c in place.upper() if c.isalpha()]
    return ("R" if region else "") + "".join(letters[:2]) + ("K" if not region else "")


def _localise(text: str, org: Org) -> str:
    word = "Region" if org.region else "Kommun"
    return (text.replace("Region Jönköpings län", org.name).replace("Regionstyrelsen", f"{word}styrelsen")
            .replace("regionstyrelsen", f"{word.lower()}styrelsen").replace("RJL ", f"{org.prefix} ")
            .replace("Jönköping", org.place))


def setup_database(database: str | None) -> None:
    os.environ["DATABASE_URL"] = database or os.environ.get("DATABASE_URL") or f"sqlite:///{Path('data-bench/bench.sqlite3').resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def main(paragraphs: int, database: str | None = None, seed: int = 1, echo=print, progressbar=None,
         index_only: bool = False) -> dict[str, int]:
    setup_database(database)
    from django.core.management import call_command
    from django.db import connection

    from paragraf.records.models import Meeting, Organization, Paragraph
    from paragraf.records.serving import store_seats
    from paragraf.search import index

    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if index_only:
        echo(f"paragraf bench generate: the search index of {connection.vendor} ({os.environ['DATABASE_URL']}) anew")
        bulk = _bulk_settings(connection)
        counts = {}
    else:
        if Organization.objects.exists() or Paragraph.objects.exists():
            raise SystemExit(f"the database {os.environ['DATABASE_URL']} is not empty: generate into a new one")
        echo(f"paragraf bench generate: {paragraphs} § into {connection.vendor} ({os.environ['DATABASE_URL']}), seed {seed}")
        bulk = _bulk_settings(connection)
        counts = Generator(paragraphs, seed, echo, progressbar).run()
        # each person's part in each meeting, as an import derives it (`records/serving.py`)
        counts["Seat"] = store_seats(list(Meeting.objects.values_list("pk", flat=True)))
    records_time = time.perf_counter() - start
    echo(f"records written in {records_time:.1f} s")
    _reset_sequences(connection)
    t = time.perf_counter()
    bar = progressbar(length=index.count_records(), label="Indexing") if progressbar else None
    entries = index.index_records(progress=bar.update if bar else None, bulk=True)
    if bar:
        bar.render_finish()
    index_time = time.perf_counter() - t
    echo(f"search index: {entries} entries in {index_time:.1f} s")
    t = time.perf_counter()
    _analyze(connection)
    bulk()
    echo(f"analyze: {time.perf_counter() - t:.1f} s")
    total = time.perf_counter() - start
    counts["SearchEntry"] = entries
    width = max(map(len, counts))
    for name, n in counts.items():
        echo(f"  {name:<{width}}  {n:>10,}".replace(",", " "))
    echo(f"generated in {total:.1f} s (records {records_time:.1f} s, search index {index_time:.1f} s)")
    connection.close()
    return counts


def _bulk_settings(connection):
    """Settings for a bulk load; returns what undoes them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")
        else:
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute("SET maintenance_work_mem TO '1GB'")

    def undo():
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA synchronous=NORMAL")

    return undo


def _reset_sequences(connection):
    if connection.vendor != "postgresql":
        return
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_app_config("records").get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _analyze(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
