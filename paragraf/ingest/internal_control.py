"""Internal control reports (uppföljning av intern kontrollplan): each control point (`Kontrollmoment 1 –
Extra ersättningar till personal`, its title wrapped over lines), the observations it noted (bullets after a
line such as `Följande iakttagelser har noterats för detta kontrollmoment:`) and the actions it proposes
(bullets after `Förslag till åtgärder:`). Read by that shape; page furniture between bullets is skipped."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import ControlPoint, InternalControlReport

CONTROL_POINT_RE = re.compile(r"^Kontrollmoment\s+(?P<number>\d+)\s*[–—:-]\s*(?P<title>\S.*)$", re.I)
OBSERVATIONS_RE = re.compile(r"\biakttagelser\b.*:$", re.I)
ACTIONS_RE = re.compile(r"^(?:Förslag till åtgärder|Föreslagna åtgärder|Åtgärdsförslag|Åtgärder)\s*:?$", re.I)
BULLET_RE = re.compile(r"^[•▪●-]\s*(?P<text>\S.*)$")
FURNITURE_RE = re.compile(r"^(?:\d{1,4}|\d+\s*\(\d+\)|[A-ZÅÄÖ]{2,5}|(?:19|20)\d\d/\d+)$")
END_RE = re.compile(r"^(?:PROTOKOLL|KALLELSE|TJÄNSTESKRIVELSE|Sammanfattning|Bilagor?\b|§\s*\d+)")
YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
REPORT_RE = re.compile(r"^(?:Uppföljning av\s+)?intern(?:a)?\s+kontroll(?:plan(?:en)?)?\b.*$", re.I)


def read_internal_control(lines: list[Line]) -> list[InternalControlReport]:
    reports: list[InternalControlReport] = []
    report: InternalControlReport | None = None
    point: ControlPoint | None = None
    bullets: list[str] | None = None  # the list being read: the point's observations or actions
    title_open = False
    title_seen: str | None = None
    after_gap = bullet_open = False  # a blank line was just passed; the last bullet may go on
    for line in lines:
        if not line.text and line.header is None:
            after_gap = True
            continue
        gap, after_gap = after_gap, False
        if line.header is not None:
            if line.header.kind is not None:  # a page of another document (minutes, a notice): the report has ended
                point, bullets = None, None
            continue
        text = line.text.strip()
        if REPORT_RE.match(text) and point is None:
            title_seen = text
        heading = CONTROL_POINT_RE.match(text)
        if heading:
            if report is None or (point is not None and int(heading["number"]) <= point.number):
                report = InternalControlReport(title=title_seen, year=_year(title_seen), first_line=line.no, last_line=line.no)
                reports.append(report)
            point = ControlPoint(number=int(heading["number"]), title=heading["title"].strip(), line=line.no)
            report.control_points.append(point)
            bullets, title_open = None, True
            continue
        if point is None:
            continue
        if END_RE.match(text):
            point, bullets = None, None
            continue
        if title_open and (point.title.endswith(("-", "–")) or text[:1].islower()):
            point.title = _joined(point.title, text)  # the title wrapped: after a hyphen, or going on in lower case
            continue
        title_open = False
        if OBSERVATIONS_RE.search(text):
            bullets = point.observations
            continue
        if ACTIONS_RE.match(text):
            bullets = point.actions
            continue
        if bullets is None or FURNITURE_RE.match(text):
            continue
        bullet = BULLET_RE.match(text)
        if bullet:
            bullets.append(bullet["text"])
            bullet_open = True
        elif bullets and bullet_open and not (gap and text[:1].isupper() and bullets[-1].rstrip().endswith((".", ":", "!", "?"))):
            # wrapped, also over a gap or a page; after a bullet that has ended, a paragraph is prose
            bullets[-1] = _joined(bullets[-1], text)
        else:
            bullet_open = False
            continue
        report.last_line = line.no
    for report in reports:
        for point in report.control_points:
            point.observations[:] = [" ".join(o.split()) for o in point.observations]
            point.actions[:] = [" ".join(a.split()) for a in point.actions]
    return [r for r in reports if any(p.observations or p.actions for p in r.control_points)]


def _joined(text: str, more: str) -> str:
    """A line that goes on with the one before; after a hyphen the word goes on, the hyphen kept
    (`HR-` `direktör`, `Corona-` `pandemin`: these documents break lines at real hyphens only)."""
    if text.endswith("-"):
        return text + more
    return f"{text} {more}"


def _year(title: str | None) -> int | None:
    found = YEAR_RE.search(title or "")
    return int(found.group(1)) if found else None
