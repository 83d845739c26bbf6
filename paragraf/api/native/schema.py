"""The OpenAPI 3.1 description of the native API, built from small Python descriptions.

Each response shape in `shapes.py` has a schema here under the same name. Objects list every
property as required and allow no others, so a field added to a shape without its schema fails
tests/test_api_schemathesis.py (response_schema_conformance).
"""
from __future__ import annotations

from paragraf.api.native.pages import DEFAULT_LIMIT, MAX_LIMIT
from paragraf.api.native.params import MAX_ID, SLUG_RE, TEXT_RE
from paragraf.records import serving
from paragraf.records.facts import LIST_LIMIT
from paragraf.records.models import Ballot, Body, Election, Membership, Vote

# Building blocks


def string(**keywords) -> dict:
    return {"type": "string", **keywords}


def integer(**keywords) -> dict:
    return {"type": "integer", **keywords}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    if "type" in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def obj(description: str = "", **properties: dict) -> dict:
    """An object whose properties are all present (null when blank) and that has no others."""
    schema = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    return {"description": description, **schema} if description else schema


def extend(base: dict, description: str = "", **properties: dict) -> dict:
    return obj(description, **base["properties"], **properties)


URL = string(format="uri")
TEXT = nullable(string())
DATE = string(format="date")
DATETIME = string(format="date-time")
TIME = nullable(string(pattern=r"^\d{2}:\d{2}:\d{2}$"))
ID = integer(minimum=1)
COUNT = integer(minimum=0)
PERSON = nullable(ref("PersonRef"))
SOURCE = nullable(ref("Span"))

# Response shapes

SCHEMAS: dict[str, dict] = {}
SCHEMAS["Span"] = obj(
    "Where a record was read: a source file and its 1-based, inclusive line span; `url` returns those lines.",
    source_file=ID, first_line=nullable(integer(minimum=1)), last_line=nullable(integer(minimum=1)), url=URL,
)
SCHEMAS["FileRef"] = obj(id=ID, url=URL)
SCHEMAS["OrganizationRef"] = obj(id=ID, slug=string(), name=string())
SCHEMAS["BodyRef"] = obj(id=ID, slug=string(), name=string(), kind=string(enum=Body.Kind.values))
SCHEMAS["PersonRef"] = obj("A resolved person.", id=ID, name=string(), url=URL)
SCHEMAS["CaseRef"] = obj(id=ID, number=string(), title=TEXT, url=URL)
SCHEMAS["MeetingRef"] = obj(id=ID, url=URL, date=DATE, body=ref("BodyRef"))

SCHEMAS["MeetingSummary"] = obj(
    id=ID, url=URL, web_url=URL, organization=ref("OrganizationRef"), body=ref("BodyRef"), date=DATE,
    start_time=TIME, end_time=TIME, place=TEXT, modified=DATETIME,
)
SCHEMAS["Attendance"] = obj(
    "A person present, under the heading the minutes list them (`group`: beslutande, ersättare, adjungerad, övriga …).",
    position=COUNT, name=string(description="as written"), party=TEXT, group=string(), role=TEXT, person=PERSON,
    replaces=nullable(obj("The member a serving substitute serves for.", person=PERSON, name=TEXT)),
    paragraphs=nullable(string(description="§ restriction as written, such as `§§ 1-13`")), source=SOURCE,
)
SCHEMAS["Invitation"] = obj(
    position=COUNT, name=string(), party=TEXT, group=string(), role=TEXT, person=PERSON, source=SOURCE,
)
SCHEMAS["AgendaItem"] = obj(
    position=COUNT, number=COUNT, title=TEXT, section=TEXT, presenter=TEXT, case_number=TEXT,
    case=nullable(ref("CaseRef")), source=SOURCE,
)
SCHEMAS["ParagraphLine"] = obj(
    id=ID, url=URL, number=COUNT, title=TEXT, case_number=TEXT, case=nullable(ref("CaseRef")),
)
SCHEMAS["Meeting"] = extend(
    SCHEMAS["MeetingSummary"],
    adjournment=TEXT,
    signatories=obj(chair=TEXT, secretary=TEXT, adjusters=array(string())),
    sources=obj("The packets the notice and the minutes were read from.", notice=nullable(ref("FileRef")), minutes=nullable(ref("FileRef"))),
    attendance=array(ref("Attendance")),
    invited=array(ref("Invitation")),
    agenda=array(ref("AgendaItem")),
    paragraphs=array(ref("ParagraphLine")),
)

SCHEMAS["ParagraphSummary"] = extend(SCHEMAS["ParagraphLine"], web_url=URL, meeting=ref("MeetingRef"), modified=DATETIME)
SCHEMAS["Proposal"] = obj(
    "A motion made at the meeting (yrkande); `proposers` are everyone who made it, the first (`by`) included.",
    position=COUNT, by=TEXT, person=PERSON, party=TEXT, proposers=array(ref("PersonRef")), text=string(), source=SOURCE,
)
SCHEMAS["Ballot"] = obj(
    "How one named voter voted.", position=COUNT, name=string(description="as written"), party=TEXT, person=PERSON,
    choice=string(enum=Ballot.Choice.values),
)
SCHEMAS["Vote"] = obj(
    "A vote (omröstning): the counts, the options of a secret ballot, and every ballot of an open one.",
    position=COUNT, method=string(enum=Vote.Method.values), yes=COUNT, no=COUNT, abstain=COUNT,
    options=array(obj(label=string(), party=TEXT, count=COUNT)),
    yes_option=nullable(string(description="an open vote: what a ja stood for, as written (`avslag`)")),
    no_option=nullable(string(description="an open vote: what a nej stood for, as written")),
    ballots=array(ref("Ballot")), source=SOURCE,
)
SCHEMAS["Election"] = obj(
    "A person appointed (`kind` election) or nominated for another body to appoint (`kind` nomination).",
    position=COUNT, kind=string(enum=Election.Kind.values), name=string(), person=PERSON, party=TEXT, post=TEXT,
    organisation=TEXT, sub_body=TEXT, period=TEXT, source=SOURCE,
)
SCHEMAS["Dissent"] = obj("A reservation, as written.", position=COUNT, text=string(), people=array(ref("PersonRef")), source=SOURCE)
SCHEMAS["Statement"] = obj("A recorded statement (protokollsanteckning).", position=COUNT, by=TEXT, person=PERSON, text=string(), source=SOURCE)
SCHEMAS["Paragraph"] = extend(
    SCHEMAS["ParagraphSummary"],
    "One § of minutes with everything read from it; free text has personal data masked.",
    decision=TEXT, summary=TEXT, basis=array(string()), procedure=TEXT, recipients=array(string()),
    pages=nullable(COUNT), proposals=array(ref("Proposal")), votes=array(ref("Vote")), elections=array(ref("Election")),
    dissents=array(ref("Dissent")), statements=array(ref("Statement")),
    copies=array(ref("Span")), source=SOURCE,
)

SCHEMAS["Finding"] = obj(
    "A finding of the review of minutes against Kommunallagen (docs/review.md).",
    rule=string(), rule_title=string(), rule_source=string(), severity=string(enum=["fel", "varning", "info"]),
    paragraph=nullable(integer(minimum=0)), explanation=string(), source_file=nullable(ID),
    first_line=nullable(integer(minimum=1)), last_line=nullable(integer(minimum=1)))
SCHEMAS["Findings"] = obj("The findings of one meeting, in § order.", meeting=ref("MeetingRef"), findings=array(ref("Finding")))
SCHEMAS["PersonSummary"] = obj(
    "A person as one organisation's records name them (the register is kept per organisation).",
    id=ID, url=URL, web_url=URL, name=string(), party=nullable(string(description="abbreviation")),
    organization=nullable(ref("OrganizationRef")), modified=DATETIME,
)
SCHEMAS["Membership"] = obj(
    body=ref("BodyRef"), term=string(), role=string(enum=Membership.Role.values), party=TEXT,
    first_seen=DATE, last_seen=DATE,
)
SCHEMAS["MeetingPart"] = obj(
    "What the person did at a meeting: `serving` (an ordinary member serving, all or part: `paragraphs`), "
    "`substitute` (serving for `serves_for`), `replaced` (absent, `replaced_by` served instead), `absent`, "
    "`present` (present without serving), `called` (called as an ordinary member; the minutes are not read yet).",
    meeting=URL, body=string(), date=DATE, status=string(enum=list(serving.PRECEDENCE)),
    serves_for=TEXT, replaced_by=array(string()), paragraphs=TEXT,
)
SCHEMAS["PersonFacts"] = obj(
    "The counts the portal shows too: meetings as an ordinary member (served, replaced or absent) and those attended; "
    "meetings served as a substitute; present without serving; proposals made or joined; reservations by name or by party "
    "group while serving; named ballots of open votes; elections and nominations; meetings called to whose minutes are "
    "not read yet (not counted as attended or absent).",
    meetings_as_member=COUNT, attended_as_member=COUNT, absent_as_member=COUNT, served_as_substitute=COUNT,
    present_not_serving=COUNT, called_without_minutes=COUNT, proposals=COUNT, reservations=COUNT, elections=COUNT,
    nominations=COUNT,
    ballots_yes=COUNT, ballots_no=COUNT, ballots_abstain=COUNT,
)
SCHEMAS["Person"] = extend(
    SCHEMAS["PersonSummary"],
    f"A person: `facts` counts their whole record; `meetings`, `reservations`, `proposals` and `votes` hold the latest "
    f"{LIST_LIMIT} of each, newest first (the meetings and paragraphs lists reach the rest).",
    party_name=TEXT, aliases=array(string()), memberships=array(ref("Membership")),
    ballots=obj("How many ballots the person cast in open votes, by choice.", yes=COUNT, no=COUNT, abstain=COUNT),
    facts=ref("PersonFacts"), meetings=array(ref("MeetingPart")),
    reservations=array(obj(paragraph=URL, text=string())), proposals=array(obj(paragraph=URL, text=string())),
    votes=array(obj("A named ballot of an open vote: the choice and what it stood for (`option`, as written).",
                    paragraph=URL, choice=string(enum=Ballot.Choice.values), option=TEXT)),
)

SCHEMAS["CaseSummary"] = obj(
    id=ID, url=URL, web_url=URL, organization=ref("OrganizationRef"), number=string(), year=integer(), serial=integer(),
    title=TEXT, modified=DATETIME,
)
SCHEMAS["Step"] = obj(
    "One step of a case's path: a document, a § or an agenda item, or a step a § cites (`cited`); `url` is the § (the meeting "
    "of an agenda item, the citing § of a cited step) in this API.",
    date=nullable(DATE), kind=string(enum=["document", "paragraph", "agenda_item", "cited"]), label=string(), body=TEXT,
    id=ID, title=TEXT, url=nullable(URL), web_url=URL, source=SOURCE,
)
SCHEMAS["Case"] = extend(SCHEMAS["CaseSummary"], prefixes=array(string()), path=array(ref("Step")))

SCHEMAS["Indicator"] = obj(
    id=ID, organization=ref("OrganizationRef"), report=TEXT, perspective=TEXT, level=TEXT, label=string(),
    target=TEXT, result=TEXT, year=nullable(integer(minimum=1900)), unit=TEXT, source=SOURCE, modified=DATETIME,
)
SCHEMAS["SourceFile"] = obj(
    "An imported packet; `lines` holds the lines asked for with first_line/last_line (personal data masked), else null.",
    id=ID, url=URL, web_url=URL, name=string(), kind=string(),
    line_count=COUNT, parser_version=string(), imported_at=DATETIME, updated_at=DATETIME,
    lines=nullable(array(obj(number=ID, text=string()))),
)
SCHEMAS["Index"] = obj(
    name=string(), version=string(), openapi=URL, oparl=URL,
    collections=obj(meetings=URL, paragraphs=URL, people=URL, cases=URL, indicators=URL, removed=URL),
)
SCHEMAS["Removed"] = obj(
    "A record removed by a re-import, staff or a restore: drop it from a copy.",
    id=ID, kind=string(enum=["organization", "body", "person", "membership", "meeting", "paragraph", "agenda_item", "case",
                             "document", "source_file"]),
    record=ID, url=nullable(URL), created=DATETIME, removed=DATETIME,
)
SCHEMAS["Error"] = {
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message"],
            "additionalProperties": False,
            "properties": {
                "status": integer(minimum=400, maximum=599),
                "message": string(),
                "parameter": string(description="the query or path parameter at fault"),
            },
        }
    },
}
for _item in ["MeetingSummary", "ParagraphSummary", "PersonSummary", "CaseSummary", "Indicator", "Removed"]:
    SCHEMAS[_item.removesuffix("Summary") + "Page"] = obj(
        "One page, in id order; `next` is the address of the next page, null on the last.",
        results=array(ref(_item)), next=nullable(URL),
    )

# Parameters


def query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


SLUG = string(pattern=SLUG_RE.pattern)
PARAMETERS = {
    "limit": query("limit", integer(minimum=1, maximum=MAX_LIMIT, default=DEFAULT_LIMIT), "rows per page"),
    "after": query("after", integer(minimum=0, maximum=MAX_ID), "keyset cursor: only rows with a greater id (use `next`)"),
    "modified_since": query("modified_since", DATETIME, "only records modified at or after this ISO 8601 instant"),
    "organization": query("organization", SLUG, "organisation slug; a slug nobody has matches nothing"),
    "body": query("body", SLUG, "body slug, such as `regionstyrelsen`; a slug nobody has matches nothing"),
    "date_from": query("date_from", DATE, "meetings on or after this date (YYYY-MM-DD)"),
    "date_to": query("date_to", DATE, "meetings on or before this date (YYYY-MM-DD)"),
    "meeting": query("meeting", integer(minimum=1, maximum=MAX_ID), "meeting id"),
    "case": query("case", integer(minimum=1, maximum=MAX_ID), "case id"),
    "year": query("year", integer(minimum=1, maximum=9999), "case year"),
    "party": query("party", string(pattern=TEXT_RE.pattern), "party abbreviation, such as `S` or `BA`"),
    "report": query("report", string(pattern=TEXT_RE.pattern), "report name, exactly as listed"),
    "first_line": query("first_line", integer(minimum=1, maximum=MAX_ID), "first line to return (1-based)"),
    "last_line": query(
        "last_line", integer(minimum=1, maximum=MAX_ID),
        "last line to return, inclusive; cut to the end of the file and to 5000 lines; alone: from line 1; first_line alone: that line",
    ),
    "id": {"name": "id", "in": "path", "required": True, "schema": integer(minimum=1, maximum=MAX_ID)},
    "If-None-Match": {"name": "If-None-Match", "in": "header", "required": False, "schema": string(),
                      "description": "an ETag from an earlier response: 304 when unchanged"},
    "If-Modified-Since": {"name": "If-Modified-Since", "in": "header", "required": False, "schema": string(),
                          "description": "an HTTP date: 304 when not modified since"},
}
CONDITIONAL = ["If-None-Match", "If-Modified-Since"]
PAGED = ["limit", "after", "modified_since"]

# Responses


def error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


HEADERS = {
    "ETag": {"required": True, "schema": string()},
    "Last-Modified": {"required": False, "schema": string(), "description": "absent on an empty page"},
    "Access-Control-Allow-Origin": {"required": True, "schema": string(const="*")},
}
RESPONSES = {
    "NotModified": {"description": "not modified since the ETag or date given", "headers": {"ETag": HEADERS["ETag"]}},
    "BadRequest": error("a parameter is malformed; `error.parameter` names it"),
    "NotFound": error("no such record"),
}


def operation(operation_id: str, summary: str, schema: str, parameters: list[str], detail: bool = False) -> dict:
    responses = {
        "200": {"description": "OK", "headers": HEADERS, "content": {"application/json": {"schema": ref(schema)}}},
        "304": {"$ref": "#/components/responses/NotModified"},
        "400": {"$ref": "#/components/responses/BadRequest"},
    }
    if detail:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    names = (["id"] if detail else []) + parameters + CONDITIONAL
    return {"get": {
        "operationId": operation_id,
        "summary": summary,
        "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in names],
        "responses": responses,
    }}


PATHS = {
    "/": operation("index", "Where to start: the collections and this schema", "Index", []),
    "/meetings/": operation("listMeetings", "Meetings", "MeetingPage", ["organization", "body", "date_from", "date_to", *PAGED]),
    "/meetings/{id}/": operation(
        "getMeeting", "A meeting: header, signatories, attendance with substitutions, invited, agenda, its §", "Meeting", [], detail=True),
    "/meetings/{id}/findings/": operation(
        "getMeetingFindings", "The review of a meeting's minutes against Kommunallagen, where its organisation makes it public",
        "Findings", [], detail=True),
    "/paragraphs/": operation("listParagraphs", "Paragraphs (§) of minutes", "ParagraphPage", ["meeting", "case", "body", "organization", *PAGED]),
    "/paragraphs/{id}/": operation(
        "getParagraph", "A §: decision, proposals, votes with every ballot, elections, dissents, statements, copies", "Paragraph", [], detail=True),
    "/people/": operation("listPeople", "People", "PersonPage", ["organization", "party", *PAGED]),
    "/people/{id}/": operation("getPerson", "A person: memberships and ballots cast", "Person", [], detail=True),
    "/cases/": operation("listCases", "Cases (ärenden)", "CasePage", ["organization", "year", *PAGED]),
    "/cases/{id}/": operation("getCase", "A case and its path through the bodies, in date order", "Case", [], detail=True),
    "/indicators/": operation("listIndicators", "Indicators (mätetal) of plans and reports", "IndicatorPage", ["organization", "report", *PAGED]),
    "/removed/": operation("listRemoved", "Records removed, oldest removal first (modified_since: removed at or after)",
                           "RemovedPage", ["organization", *PAGED]),
    "/source-files/{id}/": operation(
        "getSourceFile", "An imported packet, and lines of its text with ?first_line=&last_line=", "SourceFile",
        ["first_line", "last_line"], detail=True),
}

DESCRIPTION = """Paragraf's native JSON API: what OParl 1.1 (at /oparl/v1.1/) has no place for — votes with every
ballot, elections, dissents, proposals, recorded statements, attendance with substitutions, indicators,
and the source line span of every record.

Records are named by integer `id`; every object carries absolute `url`s to follow (`web_url`: the public page).
Lists are keyset pages in id order: follow `next` until it is null. Responses carry ETag and Last-Modified
and answer conditional requests with 304; GET is open to any origin (CORS). A malformed parameter is a 400
whose `error.parameter` names it (dates are YYYY-MM-DD); a well-formed slug nobody has matches nothing.
Phone numbers, e-mail addresses and personal identity numbers in free text are masked."""


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Paragraf native API", "version": "1", "description": DESCRIPTION},
        "servers": [{"url": "/api/v1"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "parameters": PARAMETERS, "responses": RESPONSES},
    }
