"""Minutes for the tests and the benchmark of `paragraf.secretariat.typeset.minutes`.

    seed_minutes_meeting()                # the seed's parse and its Regionstyrelsen 2023-01-31 meeting
    minutes_from_meeting(meeting, org)    # `Minutes` of a meeting of the packet contract
    minutes_gold(meeting)                 # its gold annotation (samples/eval/FORMAT.md)
    contract_view(meeting)                # what the importer gives of a meeting, field by field

The seed's parse gives each § as folded text: the procedure holds the votes as printed
(`JA – för … röstar 9 ledamöter: …`), so `minutes_from_meeting` cuts each vote's text out of it, as
`minutes.vote_lines` prints it, leaving the text before it as the procedure and the text after it as
the vote's outcome. Bullets, numbered points and labelled lists (`• Utser …`, `2. Vid frånvaro …`,
`Ersättare: …`) are put back on lines of their own, as the seed prints them.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import replace

from paragraf.secretariat.typeset.minutes import vote_lines
from paragraf.secretariat.typeset.minutes_model import (Ballot, ElectionRecord, Minutes, MinutesParagraph, Present,
                                                        VoteRecord)
from tests.secretariat_notice import seed_packet

MINUTES_DATE = "2023-01-31"
GROUPS = {"beslutande": "deciding", "ersättare": "substitutes", "adjungerad": "co_opted",
          "personalrepresentant": "staff_representatives", "övriga": "others"}
ATTENDANCE_FIELDS = ("name", "party", "group", "role", "replaces", "paragraphs")
PARAGRAPH_FIELDS = ("number", "title", "case_number", "decision", "summary", "basis", "procedure", "recipients")


def seed_minutes_meeting() -> tuple[dict, dict]:
    """The seed's parse and its meeting of 2023-01-31 (the minutes, §§ 1-47)."""
    packet = seed_packet()
    return packet, next(m for m in packet["meetings"] if m["date"] == MINUTES_DATE)


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def minutes_from_meeting(meeting: dict, organisation: str) -> Minutes:
    """The minutes of a meeting as the packet contract gives it."""
    groups: dict[str, list[Present]] = {name: [] for name in GROUPS.values()}
    for a in meeting["attendance"]:
        groups[GROUPS[a["group"]]].append(Present(a["name"], a["party"] or "", a["role"] or "", a["replaces"] or "",
                                                  a["paragraphs"] or ""))
    signatories = meeting["signatories"] or {}
    return Minutes(
        organisation=organisation, body=meeting["body"], date=datetime.date.fromisoformat(meeting["date"]),
        start_time=_time(meeting["start_time"]), end_time=_time(meeting["end_time"]), place=meeting["place"] or "",
        deciding=tuple(groups["deciding"]), substitutes=tuple(groups["substitutes"]), others=tuple(groups["others"]),
        co_opted=tuple(groups["co_opted"]), staff_representatives=tuple(groups["staff_representatives"]),
        secretary=signatories.get("secretary") or "", chair=signatories.get("chair") or "",
        adjusters=tuple(signatories.get("adjusters") or ()),
        paragraphs=tuple(paragraph_from_contract(p) for p in meeting["paragraphs"]),
        adjournment=meeting["adjournment"] or "")


# Where the seed's folded texts had a line of their own: a bullet, a numbered point, `Label: Name (P)`
NEW_LINE = re.compile(r" (?=• )|(?<=[.:]) (?=\d{1,2}\. [A-ZÅÄÖ])|(?<=[.:]) (?=[A-ZÅÄÖ][\w /-]{2,60}: [A-ZÅÄÖ][\w-]+ [A-ZÅÄÖ])")


def lines_of(text: str) -> str:
    """A folded text with its bullets, numbered points and labelled lists on lines of their own."""
    return NEW_LINE.sub("\n", text)


def paragraph_from_contract(p: dict) -> MinutesParagraph:
    procedure, votes = _procedure_and_votes(p["procedure"] or "", [_vote(v) for v in p["votes"]])
    return MinutesParagraph(
        number=p["number"], title=p["title"] or "", case_number=p["case_number"] or "", decision=lines_of(p["decision"] or ""),
        summary=lines_of(p["summary"] or ""), basis=tuple(p["basis"]), proposals=tuple(x["text"] for x in p["proposals"]),
        procedure=lines_of(procedure), votes=votes, elections=tuple(_election(e) for e in p["elections"]),
        nominations=tuple(_election(e) for e in p["nominations"]), dissents=tuple(p["reservations"]),
        statements=tuple(s["text"] for s in p["statements"]), recipients=tuple(p["recipients"]),
        disqualifications=tuple(p["disqualifications"]))


def _vote(v: dict) -> VoteRecord:
    return VoteRecord(v["method"], v["yes_option"] or "", v["no_option"] or "", v["yes"], v["no"], v["abstain"],
                      tuple(Ballot(b["name"], b["party"] or "", b["choice"]) for b in v["ballots"]),
                      tuple((f"{o['label']} ({o['party']})" if o["party"] else o["label"], o["count"]) for o in v["options"]),
                      v["abstain"] if v["method"] == "secret" else 0)


def _election(e: dict) -> ElectionRecord:
    organisation, part = (e["part_of"], e["organisation"]) if e["part_of"] else (e["organisation"] or "", "")
    return ElectionRecord(e["name"], e["party"] or "", e["post"] or "", organisation, e["period"] or "", part)


def _procedure_and_votes(procedure: str, votes: list[VoteRecord]) -> tuple[str, tuple[VoteRecord, ...]]:
    """The procedure before the first vote, and each vote with the text after it as its outcome
    (a vote whose printed text the procedure does not hold keeps no outcome)."""
    rest, before, out = procedure, None, []
    for vote in votes:
        printed = " ".join(vote_lines(vote))
        at = rest.find(printed)
        if at < 0:
            out.append(vote)
            continue
        if before is None:
            before = rest[:at].strip()
        elif out:
            out[-1] = _with_outcome(out[-1], rest[:at].strip())
        out.append(vote)
        rest = rest[at + len(printed):].strip()
    if before is None:
        return procedure, tuple(out)
    out[-1] = _with_outcome(out[-1], rest)
    return before, tuple(out)


def _with_outcome(vote: VoteRecord, outcome: str) -> VoteRecord:
    return replace(vote, outcome=lines_of(outcome))


def minutes_gold(meeting: dict, first_line: int = 1, seed: str = "protokoll.pdf") -> dict:
    """The gold annotation (samples/eval/FORMAT.md) of the minutes of `meeting` as the seed's parse
    gives it; the document begins on `first_line` of the PDF's text. The § carry no first line (the
    seed's lines are not the PDF's)."""
    return {
        "seed": seed,
        "scope": f"the minutes of {meeting['body']} {meeting['date']} typeset from the seed's parse",
        "documents": [{"kind": "protokoll", "first_line": first_line, "title": meeting["body"], "date": meeting["date"],
                       "case_number": None}],
        "meetings": [{
            **{key: meeting[key] for key in ("body", "date", "start_time", "end_time", "place")},
            "agenda": [], "invited": [],
            "attendance": [{f: a[f] for f in ATTENDANCE_FIELDS} for a in meeting["attendance"]],
            "signatories": meeting["signatories"],
            "paragraphs": [{
                "number": p["number"], "title": p["title"], "case_number": p["case_number"],
                "decision_start": " ".join((p["decision"] or "").split())[:80], "recipients": p["recipients"],
                "pages": p["pages"], "has_reservation": bool(p["reservations"]),
                "votes": [{k: v[k] for k in ("method", "yes", "no", "abstain")} for v in p["votes"]],
            } for p in meeting["paragraphs"]],
        }],
    }


def contract_view(meeting: dict) -> dict:
    """What the importer gives of a meeting that a typeset PDF must give back, field by field (no
    source lines, no page counts: the PDF's pages are its own)."""
    return {
        "header": {k: meeting[k] for k in ("body", "date", "start_time", "end_time", "adjournment", "place")},
        "attendance": [tuple(a[f] for f in ATTENDANCE_FIELDS) for a in meeting["attendance"]],
        "signatories": meeting["signatories"],
        "paragraphs": {p["number"]: {
            **{f: p[f] for f in PARAGRAPH_FIELDS},
            "proposals": [(x["text"], [(q["name"], q["party"]) for q in x["proposers"]]) for x in p["proposals"]],
            "votes": [{**{k: v[k] for k in ("method", "yes", "no", "abstain", "yes_option", "no_option", "options")},
                       "ballots": [(b["name"], b["party"], b["choice"]) for b in v["ballots"]]} for v in p["votes"]],
            "elections": [{k: e[k] for k in e if k != "line"} for e in p["elections"]],
            "nominations": [{k: e[k] for k in e if k != "line"} for e in p["nominations"]],
            "reservations": p["reservations"],
            "statements": [(s["by"], s["text"]) for s in p["statements"]],
            "disqualifications": p["disqualifications"],
        } for p in meeting["paragraphs"]},
    }
