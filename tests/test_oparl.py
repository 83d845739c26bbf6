"""OParl 1.1 on the corpus: a walk of the whole API from the System object, as the OParl validator
does, validating every object against the official schemas (tests/oparl-1.1/schema/, CC BY-SA 4.0)
and checking that every reference resolves to an object of the type the schema names; then the
filters, pagination, conditional GET and the masked file content."""
from __future__ import annotations


import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import best_match

from paragraf.records.models import Attendance, Body, Case, Document, Invitation, Meeting, Membership, Paragraph, Person, SourceFile
from paragraf.records.texts import PG_CHUNK

pytestmark = pytest.mark.django_db
SCHEMA_DIR = Path(__file__).parent / "oparl-1.1" / "schema"
SCHEMA = "https://schema.oparl.org/1.1/"
SYSTEM = "http://testserver/oparl/v1.1/"
MAX_REQUESTS = 20_000  # a runaway walk fails instead of hanging; the corpus needs far fewer

# As the OParl validator: a url is absolute http(s); date and date-time are OParl's ISO 8601 forms.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("url")
def _url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time")
def _date_time(value) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value)) and _parses(dt.datetime.fromisoformat, value)


@FORMATS.checks("date")
def _date(value) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value)) and _parses(dt.date.fromisoformat, value)


def _parses(parse, value) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


SCHEMAS = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.json")}
VALIDATORS = {name: Draft4Validator(schema, format_checker=FORMATS) for name, schema in SCHEMAS.items()}


def get(client, url: str, status: int = 200, **headers):
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    response = client.get(parts.path, data=_query(parts.query), **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response


def _query(query: str) -> dict:
    return dict(parse_qsl(query, keep_blank_values=True))


@dataclass
class Walk:
    """What the walk saw: objects by id and type, problems found, addresses that must resolve."""

    client: object
    objects: dict[str, dict] = field(default_factory=dict)
    seen_types: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    errors: list[str] = field(default_factory=list)
    queue: list[tuple[str, str]] = field(default_factory=list)  # (url, "Type" | "list:Type" | "content")
    done: set = field(default_factory=set)
    requests: int = 0

    def run(self) -> None:
        self.queue.append((SYSTEM, "System"))
        while self.queue:
            url, expected = self.queue.pop()
            if (url, expected) in self.done:
                continue
            self.done.add((url, expected))
            self.requests += 1
            assert self.requests < MAX_REQUESTS, "the walk does not end"
            if expected == "content":
                self.fetch_content(url)
            elif expected.startswith("list:"):
                self.fetch_list(url, expected[5:])
            else:
                self.fetch_object(url, expected)

    def fetch_object(self, url: str, type_name: str) -> None:
        response = self.client.get(urlsplit(url).path)
        if response.status_code != 200:
            self.errors.append(f"{url} ({type_name}): HTTP {response.status_code}")
            return
        data = response.json()
        if data.get("id") != url:
            self.errors.append(f"{url}: id is {data.get('id')!r}")
        self.check(data, type_name, url)

    def fetch_list(self, url: str, type_name: str) -> None:
        response = get(self.client, url)
        page = response.json()
        for key in ("data", "pagination", "links"):
            if key not in page:
                self.errors.append(f"{url}: list without {key}")
                return
        pagination, links = page["pagination"], page["links"]
        if pagination["currentPage"] < pagination["totalPages"] and "next" not in links:
            self.errors.append(f"{url}: page {pagination['currentPage']} of {pagination['totalPages']} without links.next")
        if len(page["data"]) > pagination["elementsPerPage"]:
            self.errors.append(f"{url}: more objects than elementsPerPage")
        for item in page["data"]:
            self.check(item, type_name, f"{url} data")
        for key in ("first", "prev", "next", "last"):
            if key in links:
                self.queue.append((links[key], f"list:{type_name}"))

    def fetch_content(self, url: str) -> None:
        response = self.client.get(urlsplit(url).path)
        if response.status_code != 200:
            self.errors.append(f"{url}: HTTP {response.status_code}")

    def check(self, data: dict, type_name: str, where: str) -> None:
        """Validate one object (or an embedded one) and queue everything it refers to."""
        errors = list(VALIDATORS[type_name].iter_errors(data))
        if errors:
            self.errors.append(f"{where} ({type_name}): {best_match(errors).message} at {list(best_match(errors).path)}")
        if data.get("type") != SCHEMA + type_name:
            self.errors.append(f"{where}: type {data.get('type')!r}, expected {type_name}")
        if "id" not in data:
            return
        self.objects[data["id"]] = data
        self.seen_types[type_name].add(data["id"])
        self.queue.append((data["id"], type_name))  # every object, embedded ones too, resolves at its id
        for name, value in data.items():
            self.follow(SCHEMAS[type_name]["properties"].get(name, {}), name, value, data["id"])

    def follow(self, prop: dict, name: str, value, where: str) -> None:
        references = prop.get("references") or prop.get("items", {}).get("references")
        embedded = prop.get("schema") if prop.get("type") == "object" else prop.get("items", {}).get("schema")
        if references == "externalList":
            self.queue.append((value, "list:" + prop["items"]["schema"].removesuffix(".json")))
        elif references:
            for url in value if isinstance(value, list) else [value]:
                self.queue.append((url, references))
        elif embedded and prop.get("type") in ("object", "array"):
            for item in value if isinstance(value, list) else [value]:
                self.check(item, embedded.removesuffix(".json"), f"{where} {name}")
        elif name in ("accessUrl", "downloadUrl", "web", "website") and urlsplit(value).netloc == "testserver":
            self.queue.append((value, "content"))


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        walk = Walk(Client())
        walk.run()
    return walk


def test_every_object_reached_from_the_system_validates_and_every_reference_resolves(walk):
    assert walk.errors == [], "\n".join(walk.errors[:40])


def test_the_validation_catches_what_the_schemas_forbid(walk):
    meeting = next(data for url, data in walk.objects.items() if "/meeting/" in url and "start" in data)
    for broken in ({"start": "2023-01-31 13:00"}, {"organization": "not a list"}, {"id": "/meeting/1/"}):
        assert list(VALIDATORS["Meeting"].iter_errors({**meeting, **broken})), broken
    checker = Walk(client=None)
    checker.check({**meeting, "type": SCHEMA + "Paper"}, "Meeting", "test")
    assert any("expected Meeting" in error for error in checker.errors)


def test_the_walk_reaches_everything_of_the_corpus(walk):
    reached = Counter({name: len(ids) for name, ids in walk.seen_types.items()})
    assert reached["Body"] == 1 and reached["System"] == 1
    # Every person of the organisation, those named only in a proposal, a ballot or an election too
    people = Person.objects.filter(organization__isnull=False)
    assert people.count() > Person.objects.filter(pk__in=[*Membership.objects.values_list("person", flat=True),
                                                          *Attendance.objects.values_list("person", flat=True),
                                                          *Invitation.objects.values_list("person", flat=True)]).count()
    members = Person.objects.filter(pk__in=Membership.objects.values("person")).exclude(party=None)
    parties = members.values("party").distinct().count()
    assert reached["Organization"] == Body.objects.count() + parties  # the bodies (Gremium), the parties (Partei)
    assert reached["Meeting"] == Meeting.objects.count()
    assert reached["Paper"] == Case.objects.count()
    assert reached["Membership"] == Membership.objects.count() + members.count()  # of bodies, of parties
    assert reached["File"] == Document.objects.count() + SourceFile.objects.count()
    paragraphs = {url for url in walk.seen_types["AgendaItem"] if "/agenda-item/paragraph/" in url}
    assert len(paragraphs) == Paragraph.objects.count()
    assert reached["Person"] == people.count()
    assert reached["Consultation"] and reached["Location"] and reached["LegislativeTerm"] == 2


def test_meeting_carries_times_place_notice_minutes_and_agenda(walk):
    meeting = Meeting.objects.get(body__slug="regionstyrelsen", date="2023-01-31")
    data = walk.objects[f"{SYSTEM}meeting/{meeting.pk}/"]
    assert data["start"] == "2023-01-31T13:00:00+01:00" and data["end"] == "2023-01-31T15:40:00+01:00"
    assert data["location"]["description"] == "Sal A, Regionens hus"
    assert data["resultsProtocol"]["name"] == "Regionstyrelsen" and data["web"] == "http://testserver/regionstyrelsen/2023-01-31/"
    assert [item["number"] for item in data["agendaItem"]] == [str(n) for n in range(1, 48)]
    vote = next(item for item in data["agendaItem"] if item["number"] == "14")
    assert vote["result"] == "Omröstning: 9 ja, 6 nej, 0 avstår"
    notice = walk.objects[f"{SYSTEM}meeting/{Meeting.objects.get(body__slug='regionstyrelsen', date='2023-03-07').pk}/"]
    assert notice["invitation"]["name"] == "Regionstyrelsen" and "resultsProtocol" not in notice
    assert len(notice["agendaItem"]) == 28 and all("/agenda-item/notice/" in item["id"] for item in notice["agendaItem"])


def test_paper_follows_its_case_through_the_bodies(walk):
    case = Case.objects.get(number__endswith="2023/217")
    paper = walk.objects[f"{SYSTEM}paper/{case.pk}/"]
    assert paper["reference"] == case.number and paper["date"] == "2023-01-24"
    assert paper["web"] == "http://testserver/arenden/region-jonkopings-lan/2023-217/"
    assert paper["mainFile"]["name"].startswith("Höjning av ersättning sjukresa")
    roles = [(c["role"], walk.objects[c["meeting"]]["name"]) for c in paper["consultation"]]
    assert ("beredning", "Presidium - Nämnd för trafik, infrastruktur och miljö 2023-02-08") in roles
    assert all(walk.objects[c["agendaItem"]]["consultation"] == c["id"] for c in paper["consultation"])


def test_lists_keep_filters_and_pages_through_links(client):
    first = get(client, f"{SYSTEM}body/1/agenda-item/?limit=7&modified_since=2000-01-01T00:00:00%2B01:00").json()
    assert first["pagination"]["elementsPerPage"] == 7 and first["pagination"]["currentPage"] == 1
    ids, page = [], first
    while True:
        ids += [item["id"] for item in page["data"]]
        if "next" not in page["links"]:
            break
        assert "limit=7" in page["links"]["next"] and "modified_since=" in page["links"]["next"]
        page = get(client, page["links"]["next"]).json()
    everything = get(client, f"{SYSTEM}body/1/agenda-item/?limit=500").json()
    assert ids == [item["id"] for item in everything["data"]] and len(ids) == first["pagination"]["totalElements"]
    assert page["pagination"]["currentPage"] == first["pagination"]["totalPages"] and page["links"]["prev"]


@pytest.mark.parametrize("name", ["meeting", "paper", "person", "file", "agenda-item", "consultation", "location",
                                  "membership", "organization", "legislative-term"])
def test_modified_since_in_the_future_gives_an_empty_list(client, name):
    everything = get(client, f"{SYSTEM}body/1/{name}/").json()
    assert everything["data"]
    future = get(client, f"{SYSTEM}body/1/{name}/?modified_since=2999-01-01T00:00:00%2B01:00").json()
    assert future["data"] == [] and future["pagination"]["totalElements"] == 0 and "next" not in future["links"]


def test_created_until_before_the_import_gives_an_empty_list(client):
    assert get(client, f"{SYSTEM}body/1/paper/?created_until=2000-01-01T00:00:00%2B00:00").json()["data"] == []


@pytest.mark.parametrize("parameter", ["created_since", "created_until", "modified_since", "modified_until"])
def test_a_bad_date_is_400_naming_the_parameter(client, parameter):
    error = get(client, f"{SYSTEM}body/1/meeting/?{parameter}=igår", 400).json()["error"]
    assert error["parameter"] == parameter and parameter in error["message"]


def test_bad_limit_page_and_omit_internal_are_400_or_404_naming_the_parameter(client):
    assert get(client, f"{SYSTEM}body/1/meeting/?limit=many", 400).json()["error"]["parameter"] == "limit"
    assert get(client, f"{SYSTEM}body/1/meeting/?omit_internal=perhaps", 400).json()["error"]["parameter"] == "omit_internal"
    assert get(client, f"{SYSTEM}body/1/meeting/?page=99", 404).json()["error"]["parameter"] == "page"


def test_omit_internal_leaves_out_the_internal_lists(client):
    full = get(client, f"{SYSTEM}body/1/meeting/").json()["data"]
    assert any("agendaItem" in meeting for meeting in full)
    bare = get(client, f"{SYSTEM}body/1/meeting/?omit_internal=true").json()["data"]
    assert [m["id"] for m in bare] == [m["id"] for m in full] and not any("agendaItem" in m for m in bare)


def test_conditional_get_answers_304_with_the_etag(client):
    for url in (SYSTEM, f"{SYSTEM}body/1/meeting/", f"{SYSTEM}paper/1/", f"{SYSTEM}file/document/1/text"):
        first = get(client, url)
        assert first["ETag"] and first["Last-Modified"]
        assert get(client, url, 304, HTTP_IF_NONE_MATCH=first["ETag"]).content == b""
        assert get(client, url, HTTP_IF_NONE_MATCH='"something-else"').content == first.content


def test_unknown_objects_are_json_404(client):
    assert get(client, f"{SYSTEM}meeting/999999/", 404).json()["error"]["status"] == 404
    notice_item = Meeting.objects.get(body__slug="regionstyrelsen", date="2023-01-31").agenda_items.first()
    if notice_item:  # a meeting with minutes shows its §, not its notice's items
        get(client, f"{SYSTEM}agenda-item/notice/{notice_item.pk}/", 404)


def test_file_content_is_the_documents_text_with_personal_data_masked(client):
    source = SourceFile.objects.get(name="000_9183b8d70dd3de41.txt")
    line = next(n for n, text in enumerate(source.text.split("\n"), 1) if "@rjl.se" in text and "+46" in text)
    document = Document.objects.get(source_file=source, first_line__lte=line, last_line__gte=line)
    file = get(client, f"{SYSTEM}file/document/{document.pk}/").json()
    download = get(client, file["downloadUrl"])
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download["Content-Disposition"] == f'attachment; filename="{file["fileName"]}"'
    text = download.content.decode()
    assert "@rjl.se" not in text and "[e-post dold]" in text and "[telefonnummer dolt]" in text
    assert text == file["text"] and len(download.content) == file["size"]
    access = get(client, file["accessUrl"])
    assert access.content == download.content and "Content-Disposition" not in access
    packet = get(client, f"{SYSTEM}file/source/{source.pk}/").json()
    whole = get(client, packet["downloadUrl"]).getvalue().decode()  # streamed
    assert "@rjl.se" not in whole and "[e-post dold]" in whole and len(whole) > len(text)


@pytest.mark.parametrize("name", ["meeting", "paper", "person", "file", "agenda-item", "consultation", "membership", "organization"])
def test_a_list_page_costs_the_same_queries_whatever_its_size(client, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, text_reads, total = [], [], _total(client, name)
    for limit in (10, 40):
        with CaptureQueriesContext(connection) as queries:
            assert len(get(client, f"{SYSTEM}body/1/{name}/?limit={limit}").json()["data"]) == min(limit, total)
        # Embedded Files carry their text: each packet on the page is read once, in pieces on PostgreSQL
        # (records/texts.py), whatever the number of its documents
        reads = [q for q in queries.captured_queries if "SUBSTRING" in q["sql"].upper() or "SUBSTR(" in q["sql"].upper()]
        counts.append(len(queries) - len(reads))
        text_reads.append(len(reads))
    assert counts[0] == counts[1], counts
    pieces = sum(math.ceil(len(source.text) / PG_CHUNK) + 1 for source in SourceFile.objects.all())
    assert text_reads[1] <= pieces, (text_reads, pieces)


def _total(client, name: str) -> int:
    return get(client, f"{SYSTEM}body/1/{name}/?limit=1").json()["pagination"]["totalElements"]


@pytest.mark.parametrize("name", ["agenda-item", "consultation", "paper", "meeting", "membership"])
def test_list_pages_are_the_same_by_a_walk_of_ids_and_by_sorted_ids(client, monkeypatch, name):
    """A list page is read by a walk of the primary key, or (a small part of the table:
    `spread.is_spread`) from the sorted ids of the rows: the same objects either way, on the first,
    a middle, the last page and a page after a cursor."""
    from paragraf.api import spread

    pages = {}
    for share in (0.0, 2.0):  # every list spread (the walk); none (sorted ids)
        monkeypatch.setattr(spread, "SHARE", share)
        first = get(client, f"{SYSTEM}body/1/{name}/?limit=3").json()
        last_page = first["pagination"]["totalPages"]
        assert last_page > 3
        found = [[item["id"] for item in first["data"]]]
        for number in (2, last_page // 2, last_page - 1, last_page):
            found.append([item["id"] for item in get(client, f"{SYSTEM}body/1/{name}/?limit=3&page={number}").json()["data"]])
        found.append([item["id"] for item in get(client, first["links"]["next"]).json()["data"]])
        pages[share] = found
    assert pages[0.0] == pages[2.0] and all(pages[0.0])
