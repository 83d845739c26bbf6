"""`paragraf bench generate-packets N --out DIR`: meeting packets (text) for a national import benchmark.

Sweden has 290 municipalities and 21 regions (benchmarks/organisations.txt), each with some
20 meetings a year. This writes N packets as .txt files, made from the project's own packets
of several templates (the seeds): the two corpus packets of Region Jönköpings län (notice +
minutes + extracts) and the minutes fixtures of other municipalities in tests/templates/ and
tests/minutes/ — every one the parser reads a meeting with § and an organisation from.

A seed is compiled once into a format string whose slots are what changes from packet to
packet, found by their structure, not by particular lines:

- the organisation (its name, county, place and genitive forms, upper case too);
- people: the names the parser reads (attendance, yrkanden, votes, signatories) and `Name (P)`
  in the text, wherever they stand (genitive, a line break between first and last name);
- parties: `(S)`, `Leif Moberg S` in a vote table and the party names, by a permutation;
- dates (ISO and `24 april 2023`), shifted by whole weeks so that weekdays stay right, and
  lone years; case numbers (`Dnr KS 2023/45`, `RJL 2023/241`, zero padding kept) and
  § numbers (`§ 112`, `§§ 1-6`, `Paragrafer 1-9`), shifted.

Lines of a table (a slot followed by a gap of spaces) keep their columns. Packet i goes to
organisation i mod 311 (in a seeded order that spreads the regions), so each gets about N/311;
its template is the next of those of its kind (municipality or region), its date the
organisation's next meeting week (about 20 a year from 2016). Same seed, same bytes.
A manifest.jsonl beside the packets says what each one holds (organisation, body, date).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from benchmarks.generate import FIRST_NAMES, LAST_NAMES, PARTIES

ROOT = Path(__file__).resolve().parent.parent
ORGANISATIONS = Path(__file__).with_name("organisations.txt")
SEED_GLOBS = ["samples/corpus/*.txt", "tests/templates/*.txt", "tests/minutes/*.txt"]
MORE_FIRST_NAMES = [
    "Ahmed", "Fatima", "Ali", "Leila", "Omar", "Amina", "Björn", "Gunilla", "Mats", "Åsa", "Göran", "Yvonne", "Kjell",
    "Annika", "Rolf", "Camilla", "Bengt", "Jessica", "Leif", "Pernilla", "Håkan", "Therese", "Ulf", "Josefin", "Roger",
    "Cecilia", "Dennis", "Monica", "Patrik", "Susanne", "Tobias", "Louise", "Viktor", "Hanna", "Samuel", "Ebba", "Elias",
    "Alva", "Hussein", "Mira",
]
MORE_LAST_NAMES = [
    "Holmberg", "Axelsson", "Hedlund", "Sundberg", "Björk", "Lindgren", "Fransson", "Blom", "Strand", "Öberg", "Hägg",
    "Ek", "Falk", "Sjögren", "Mattsson", "Borg", "Nordin", "Vik", "Ros", "Hassan", "Nasser", "Malm", "Kvist", "Rask",
    "Sand", "Wiklund", "Lundin", "Ström", "Ahlin", "Kron",
]
MAIN_PARTIES = [abbreviation for abbreviation, _ in PARTIES]
PARTY_NAMES = dict(PARTIES)
PARTY_BY_NAME = {name: abbreviation for abbreviation, name in PARTIES}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
          "december"]
FIRST_WEEK = dt.date(2016, 1, 4)  # a Monday: organisation k's m-th meeting falls about m * 52/20 weeks later
MEETINGS_A_YEAR = 20
POOL = 48  # people per party (and officials) of an organisation
NAME_RE = re.compile(r"[A-ZÅÄÖÉÜ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?(?: (?:af |von |de )?[A-ZÅÄÖÉÜ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?){1,2}")
NOT_NAME_WORDS = {"Region", "Kommun", "Regionstyrelsen", "Kommunstyrelsen", "Ordförande", "Sekreterare", "Justerare",
                  "Beslut", "Nämnd", "Nämnden", "Ledamöter", "Ersättare", "Sida", "Datum", "Plats", "Tid", "Dnr",
                  "Utdragsbestyrkande", "Justerandes", "Protokoll", "Ja", "Nej", "Summa", "Avstår"}


# ---------------------------------------------------------------- organisations


@dataclass(frozen=True)
class Organisation:
    name: str  # "Lunds kommun", "Region Skåne", "Västra Götalandsregionen"
    kind: str  # "kommun" or "region"
    place: str  # the bare place: "Lund"; a region's county seat: "Malmö"
    stem: str  # in compounds and the genitive: "Lunds", "Uppsala"; a region's "Skånes", "Jönköpings läns"
    area: str = ""  # a region's area: "Skåne", "Jönköpings län", "Västra Götaland"
    county: str = ""  # a region's county: "Skåne län"
    seat: str = ""  # a region's county seat as a municipality: "Malmö kommun"

    @property
    def slug(self) -> str:
        folded = self.name.lower().translate(str.maketrans("åäöéü", "aaoeu"))
        return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _genitive(word: str) -> str:
    return word if word[-1] in "sxz" else word + "s"


def _kommun_name(place: str) -> str:
    if place == "Falun":
        return "Falu kommun"
    if place == "Gotland":  # officially "Region Gotland", as the region (organisations.txt)
        return "Gotlands kommun"
    return f"{place if place[-1] in 'aeiouyåäösxz' else place + 's'} kommun"


def municipality(place: str) -> Organisation:
    name = _kommun_name(place)
    return Organisation(name, "kommun", place, name.removesuffix(" kommun"))


@functools.lru_cache(maxsize=None)
def organisations() -> tuple[Organisation, ...]:
    """The 21 regions, then the 290 municipalities, as organisations.txt lists them."""
    regions, kommuner = [], []
    for line in ORGANISATIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" "):
            kommuner.extend(municipality(place.strip()) for place in line.split(","))
            continue
        name, county, seat = (part.strip() for part in line.split("|"))
        area = name.removeprefix("Region ") if name.startswith("Region ") else county.removesuffix(" län").removesuffix("s")
        regions.append(Organisation(name, "region", seat, _genitive(area), area, county, municipality(seat).name))
    return tuple(regions + kommuner)


def spread(orgs: list[Organisation], rng: random.Random) -> list[Organisation]:
    """The organisations in a seeded order in which the regions fall evenly among the municipalities."""
    regions = [o for o in orgs if o.kind == "region"]
    kommuner = [o for o in orgs if o.kind != "region"]
    rng.shuffle(regions)
    rng.shuffle(kommuner)
    step = len(orgs) / max(1, len(regions))
    slots = {round(i * step + step / 2) for i in range(len(regions))}
    order, r, k = [], iter(regions), iter(kommuner)
    for i in range(len(orgs)):
        order.append(next(r) if i in slots else next(k))
    return order


# ---------------------------------------------------------------- seeds


@dataclass
class Seed:
    """A packet of the project compiled into a format string and the slots that change."""

    name: str  # e.g. "corpus-000", "templates-01_ks-ciceron-layout"
    kind: str  # "kommun" or "region"
    organisation: str
    body: str  # of the first meeting the parser reads
    date: dt.date  # of that meeting
    first_paragraph: int  # the lowest § number of the packet
    people: dict[str, str | None]  # name -> party as the seed writes them
    path: Path | None = None
    fmt: str = ""
    slots: list[Callable[[Packet], str]] = field(default_factory=list)
    lines: list[list] = field(default_factory=list)  # aligned lines: str | slot index | Gap


@dataclass(frozen=True)
class Gap:
    column: int  # where the text after this run of spaces began in the seed


def find_seeds(root: Path = ROOT) -> list[Seed]:
    """Every packet of the project the parser reads an organisation and a meeting with § from."""
    from paragraf.ingest import parse_path

    seeds = []
    for pattern in SEED_GLOBS:
        for path in sorted(root.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                continue
            packet = parse_path(path)
            org = packet["organization"]
            meetings = packet["meetings"]
            numbers = [p["number"] for m in meetings for p in m.get("paragraphs", [])]
            if not org or not numbers or not meetings[0].get("date") or not meetings[0].get("body"):
                continue
            kind = "region" if not org.endswith(" kommun") else "kommun"
            name = f"{path.parent.name}-{path.stem.split('_')[0] if path.parent.name == 'corpus' else path.stem}"
            seed = Seed(name, kind, org, meetings[0]["body"], dt.date.fromisoformat(meetings[0]["date"]), min(numbers),
                        _people(packet, text), path)
            compile_seed(seed, text)
            seeds.append(seed)
    return seeds


def _people(packet: dict, text: str) -> dict[str, str | None]:
    """Names the parser read (with a party where it gave one), and `Name (P)` in the text."""
    found: dict[str, str | None] = {}

    def add(name, party=None):
        if not isinstance(name, str):
            return
        name = " ".join(name.split())
        if not NAME_RE.fullmatch(name) or set(name.split()) & NOT_NAME_WORDS:
            return
        if party in MAIN_PARTIES or found.get(name) is None:
            found[name] = party if isinstance(party, str) and re.fullmatch(r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,3}", party) else found.get(name)

    def walk(value):
        if isinstance(value, dict):
            for key in ("name", "by", "replaces", "chair", "secretary"):
                if key in value:
                    add(value[key], value.get("party") if key in ("name", "by") else None)
            for key in ("yes_names", "no_names", "abstain_names", "adjusters"):
                for name in value.get(key) or []:
                    add(name)
            for item in value.values():
                if isinstance(item, (dict, list)):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(packet["meetings"])
    for match in re.finditer(rf"({NAME_RE.pattern}) \(({'|'.join(MAIN_PARTIES)})\)", text):
        add(match.group(1), match.group(2))
    return _without_fragments(found)


def _without_fragments(found: dict[str, str | None]) -> dict[str, str | None]:
    """Drop what the parser read around a name: `Utser Per Eriksson` (a word before a known name that is
    no one's first name), `Magnus Johanssons` (a genitive), `Karlsson Nyborg` (of `Håkan Karlsson Nyborg`)."""
    known_firsts = set(FIRST_NAMES) | set(MORE_FIRST_NAMES)
    prefixed = {name for name in found if " ".join(name.split()[1:]) in found}
    firsts = known_firsts | {name.split()[0] for name in found if name not in prefixed}
    drop = {name for name in found if name.endswith("s") and name[:-1] in found}
    for name in prefixed:
        drop.add(" ".join(name.split()[1:]) if name.split()[0] in firsts else name)
    return {name: party for name, party in found.items() if name not in drop}


# ---------------------------------------------------------------- compiling a seed


def _org_forms(org: str, kind: str) -> list[tuple[str, str]]:
    """(text in the seed, form) longest first: the name, a region's county and seat, the genitive stem, the place."""
    if org.endswith(" kommun"):
        stem = org.removesuffix(" kommun")
        place = stem[:-1] if stem.endswith("s") and stem[-2] not in "aeiouyåäösxz" else stem
        return [(org, "name"), (stem, "stem"), (place, "place")] if place != stem else [(org, "name"), (stem, "stem")]
    area = org.removeprefix("Region ")
    forms = [(org, "name")]
    if area.endswith(" län"):
        place = area.removesuffix(" län").removesuffix("s")
        forms += [(area, "county"), (_genitive(place) + " kommun", "seat"), (_genitive(place), "seatstem"), (place, "seatplace")]
    else:
        forms += [(_genitive(area), "stem"), (area, "area")]
    return forms


def _seed_regex(seed: Seed) -> re.Pattern:
    names = sorted(seed.people, key=len, reverse=True)
    person = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names) or "(?!)"
    parties = "|".join(sorted(MAIN_PARTIES, key=len, reverse=True))
    forms = _org_forms(seed.organisation, seed.kind)
    org = "|".join(f"(?P<o{i}>{re.escape(text)}|{re.escape(text.upper())})" for i, (text, _) in enumerate(forms))
    return re.compile(
        rf"(?<![\w-])(?P<person>{person})(?P<pgen>s?)(?![\wåäöÅÄÖ])(?:(?P<tsp>[ \t]+)(?P<tparty>{parties})(?=[ \t]{{2,}}|[ \t]*$))?"
        rf"|(?<![\wåäöÅÄÖ])(?:{org})(?P<ogen>s?)"
        rf"|\((?P<party>{parties})\)"
        rf"|\b(?P<pname>{'|'.join(PARTY_BY_NAME)})(?P<pngen>s?)\b"
        rf"|(?<![\d-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?!\d)"
        rf"|(?<!\d)(?P<day>[0-3]?\d)(?P<dsp1>\s+)(?P<month>{'|'.join(MONTHS)})(?P<dsp2>\s+)(?P<dyear>(?:19|20)\d\d)(?!\d)"
        rf"|(?<![\w/])(?:(?P<cpre>[A-ZÅÄÖ]{{1,5}})(?P<csp>[ \t]))?(?P<cyear>(?:19|20)\d\d)/(?P<cser>\d{{1,5}})(?![\d/])"
        rf"|(?P<ptag>§§?[ \t]*|Paragrafer[ \t]+)(?P<pnums>\d{{1,4}}(?:[ \t]*(?:[-–,]|och)[ \t]*\n?[ \t]*\d{{1,4}})*)(?![\d/])"
        rf"|(?<![\d/.:-])(?P<year>(?:199\d|20[0-3]\d))(?![\d:/-])",
        re.MULTILINE,
    )


def _slot(seed: Seed, match: re.Match) -> Callable[[Packet], str] | None:
    """What a match becomes in a packet, or None to keep it as written."""
    g = match.groupdict()
    if g["person"]:
        words = g["person"].split()
        seps = re.findall(r"\s+", g["person"])
        name = " ".join(words)
        gen, tsp, tparty = g["pgen"], g["tsp"], g["tparty"]
        return lambda p: p.person(name, seps, gen) + (f"{tsp}{p.party(tparty)}" if tparty else "")
    forms = _org_forms(seed.organisation, seed.kind)
    for i, (text, form) in enumerate(forms):
        if g[f"o{i}"]:
            upper = g[f"o{i}"] != text
            gen = g["ogen"]
            return lambda p: p.org_form(form, gen, upper)
    if g["party"]:
        party = g["party"]
        return lambda p: f"({p.party(party)})"
    if g["pname"]:
        party, gen = PARTY_BY_NAME[g["pname"]], g["pngen"]
        return lambda p: PARTY_NAMES[p.party(party)] + gen
    if g["iso"]:
        try:
            date = dt.date.fromisoformat(g["iso"])
        except ValueError:
            return None
        return lambda p: (date + p.shift).isoformat()
    if g["month"]:
        try:
            date = dt.date(int(g["dyear"]), MONTHS.index(g["month"]) + 1, int(g["day"]))
        except ValueError:
            return None
        s1, s2 = g["dsp1"], g["dsp2"]

        def written(p, date=date):
            new = date + p.shift
            return f"{new.day}{s1}{MONTHS[new.month - 1]}{s2}{new.year}"

        return written
    if g["cyear"]:
        pre, sp, year, serial = g["cpre"], g["csp"] or "", int(g["cyear"]), g["cser"]
        own = pre is not None and pre == _case_prefix(seed.organisation)
        width = len(serial) if serial.startswith("0") else 0
        number = int(serial)

        def case(p):
            prefix = (_case_prefix(p.org.name) if own else pre) if pre else ""
            return f"{prefix}{sp}{year + p.years}/{number + p.case_offset:0{width}d}"

        return case
    if g["pnums"]:
        tag, parts = g["ptag"], re.split(r"(\d+)", g["pnums"])
        return lambda p: tag + "".join(str(int(x) + p.paragraph_offset) if x.isdigit() else x for x in parts)
    if g["year"]:
        year = int(g["year"])
        return lambda p: str(year + p.years)
    return None


def _case_prefix(org: str) -> str:
    """The series of an organisation's own case numbers: `RJL` for Region Jönköpings län."""
    words = [w for w in re.split(r"[\s-]+", org.removeprefix("Region ").removesuffix(" kommun")) if w]
    return ("R" if org.startswith("Region ") or org.endswith("regionen") else "") + "".join(w[0].upper() for w in words)


def compile_seed(seed: Seed, text: str) -> None:
    """The seed's text as a format string: `{i}` for slot i; a line of a table whose columns follow a
    slot is one slot of its own (seed.lines), rendered with its gaps kept at their columns."""
    regex = _seed_regex(seed)
    keys: dict[tuple, int] = {}
    tokens: list[str | int] = []
    pos = 0
    for match in regex.finditer(text):
        slot = _slot(seed, match)
        if slot is None:
            continue
        key = (match.group(0), match.lastgroup, tuple(sorted((k, v) for k, v in match.groupdict().items() if v)))
        if key not in keys:
            keys[key] = len(seed.slots)
            seed.slots.append(slot)
        tokens.append(text[pos:match.start()])
        tokens.append(keys[key])
        pos = match.end()
    tokens.append(text[pos:])
    # Split into lines; a line with a slot and a gap of 2+ spaces after it is rendered on its own.
    out: list[str] = []
    line: list[str | int] = []
    originals = {index: key[0] for key, index in keys.items()}

    def flush_line():
        has_slot = any(isinstance(t, int) for t in line)
        aligned = has_slot and not any(isinstance(t, int) and "\n" in originals[t] for t in line)
        if aligned:
            parts: list = []
            column, seen_slot = 0, False
            for t in line:
                if isinstance(t, int):
                    parts.append(t)
                    column += len(originals[t])
                    seen_slot = True
                    continue
                pieces = re.split(r"( {2,})", t) if seen_slot else [t]
                for k, piece in enumerate(pieces):
                    column += len(piece)
                    if k % 2 == 1 and k + 1 < len(pieces) and pieces[k + 1]:
                        parts.append(Gap(column))
                    elif piece:
                        parts.append(piece)
            if any(isinstance(p, Gap) for p in parts):
                out.append("{%d}" % (len(seed.slots) + len(seed.lines)))
                seed.lines.append(parts)
                return
        for t in line:
            out.append("{%d}" % t if isinstance(t, int) else t.replace("{", "{{").replace("}", "}}"))

    for token in tokens:
        if isinstance(token, int):
            line.append(token)
            continue
        chunks = token.split("\n")
        for k, chunk in enumerate(chunks):
            if k:
                flush_line()
                out.append("\n")
                line = []
            if chunk:
                line.append(chunk)
    flush_line()
    seed.fmt = "".join(out)


# ---------------------------------------------------------------- a packet


@dataclass
class Packet:
    """One packet to write: the choices that fill a seed's slots."""

    index: int
    seed: Seed
    org: Organisation
    date: dt.date  # of its first meeting
    paragraph_offset: int
    case_offset: int
    parties: dict[str, str]  # the seed's party -> this packet's
    people: dict[str, str]  # the seed's name -> this packet's
    forms: dict[str, str]

    @property
    def shift(self) -> dt.timedelta:
        return self.date - self.seed.date

    @property
    def years(self) -> int:
        return self.date.year - self.seed.date.year

    def person(self, name: str, seps: list[str], gen: str) -> str:
        words = self.people[name].split()
        sep = next((s for s in seps if "\n" in s), " ")
        new = words[0] + sep + " ".join(words[1:]) if len(words) > 1 else words[0]
        return new + (gen if gen and not new.endswith("s") else "")

    def party(self, party: str) -> str:
        return self.parties.get(party, party)

    def org_form(self, form: str, gen: str, upper: bool) -> str:
        text = self.forms[form]
        if gen:
            text = _genitive(text)
        return text.upper() if upper else text

    def text(self) -> str:
        values = [slot(self) for slot in self.seed.slots]
        for parts in self.seed.lines:
            values.append(_aligned(parts, values))
        return self.seed.fmt.format(*values)

    @property
    def file_name(self) -> str:
        return f"{self.index:06d}-{self.org.slug}-{self.date.isoformat()}-{self.seed.name}.txt"

    @property
    def expected_paragraph(self) -> int:
        return self.seed.first_paragraph + self.paragraph_offset


def _aligned(parts: list, values: list[str]) -> str:
    out, column = [], 0
    for part in parts:
        if isinstance(part, str):
            text = part
        elif isinstance(part, int):
            text = values[part]
        else:
            text = " " * max(2, part.column - column)
        out.append(text)
        column += len(text)
    return "".join(out)


def _forms(org: Organisation) -> dict[str, str]:
    if org.kind == "kommun":
        return {"name": org.name, "stem": org.stem, "place": org.place}
    return {"name": org.name, "county": org.county, "seat": org.seat, "seatstem": municipality(org.place).stem,
            "seatplace": org.place, "stem": org.stem, "area": org.area}


class Generator:
    """Packets i = 0, 1, … of a seed value; the same seed gives the same packets."""

    def __init__(self, seed: int = 1, seeds: list[Seed] | None = None) -> None:
        self.seed = seed
        self.seeds = seeds if seeds is not None else find_seeds()
        rng = random.Random(f"paragraf-packets/{seed}")
        self.order = spread(list(organisations()), rng)
        self.by_kind = {kind: [s for s in self.seeds if s.kind == kind] for kind in ("kommun", "region")}
        self.template_start = {kind: rng.randrange(max(1, len(s))) for kind, s in self.by_kind.items()}
        self.needed = {}  # how many people of each party a seed names
        for s in self.seeds:
            for party in set(s.people.values()):
                self.needed[party] = max(self.needed.get(party, 0), sum(1 for p in s.people.values() if p == party))

    def packet(self, index: int, template: Seed | None = None) -> Packet:
        """Packet `index`; `template` makes it from that seed instead of the organisation's next one."""
        n_orgs = len(self.order)
        org = self.order[index % n_orgs]
        round_ = index // n_orgs  # the organisation's round-th packet
        kind = org.kind if self.by_kind.get(org.kind) else next(k for k, s in self.by_kind.items() if s)
        choices = self.by_kind[kind]
        seed = template or choices[(self.template_start[kind] + round_ + (index % n_orgs)) % len(choices)]
        rng = random.Random(f"{self.seed}/{index}")
        week = round(round_ * 52 / MEETINGS_A_YEAR) + rng.randint(0, 1)
        monday = FIRST_WEEK + dt.timedelta(weeks=week)
        date = monday + dt.timedelta(days=seed.date.weekday())
        parties = self._parties(rng)
        return Packet(index, seed, org, date, paragraph_offset=rng.randint(0, 150), case_offset=rng.randint(0, 900),
                      parties=parties, people=self._people(seed, org, parties, rng), forms=_forms(org))

    def _parties(self, rng: random.Random) -> dict[str, str]:
        """The parties swapped around now and then (the seats of one go to another), so packets differ in them."""
        new = list(MAIN_PARTIES)
        for _ in range(rng.randint(0, 3)):
            i, j = rng.randrange(len(new)), rng.randrange(len(new))
            new[i], new[j] = new[j], new[i]
        return dict(zip(MAIN_PARTIES, new))

    def _people(self, seed: Seed, org: Organisation, parties: dict[str, str], rng: random.Random) -> dict[str, str]:
        roster = self.roster(org)
        taken: dict[str | None, list[str]] = {}
        mapping = {}
        for name, party in seed.people.items():
            pool = party if party in MAIN_PARTIES else None
            target = parties[pool] if pool else None
            if target not in taken:
                need = sum(1 for p in seed.people.values() if (parties.get(p) if p in MAIN_PARTIES else None) == target)
                taken[target] = rng.sample(roster[target], min(need, len(roster[target])))
            mapping[name] = taken[target].pop() if taken[target] else rng.choice(roster[target])
        return mapping

    @functools.lru_cache(maxsize=None)
    def roster(self, org: Organisation) -> dict[str | None, list[str]]:
        """The people of an organisation: POOL (or as many as a seed needs) per party, and officials (None)."""
        rng = random.Random(f"{self.seed}/{org.name}")
        firsts, lasts = FIRST_NAMES + MORE_FIRST_NAMES, LAST_NAMES + MORE_LAST_NAMES
        used: set[str] = set()
        roster: dict[str | None, list[str]] = {}
        for party in [*MAIN_PARTIES, None]:
            size = max(POOL, max((n for p, n in self.needed.items() if (p if p in MAIN_PARTIES else None) == party), default=0))
            names = []
            while len(names) < size:
                name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
                if name not in used:
                    used.add(name)
                    names.append(name)
            roster[party] = names
        return roster


# ---------------------------------------------------------------- the command


@dataclass
class Written:
    file: str
    template: str
    organization: str
    body: str
    date: str
    first_paragraph: int
    sha256: str
    bytes: int


def write(n: int, out: Path, seed: int = 1, echo=print, progressbar=None) -> list[Written]:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    generator = Generator(seed)
    setup = time.perf_counter() - t0
    written = []
    t1 = time.perf_counter()
    bar = progressbar(length=n, label="Writing packets") if progressbar else None
    for i in range(n):
        packet = generator.packet(i)
        data = packet.text().encode("utf-8")
        (out / packet.file_name).write_bytes(data)
        written.append(Written(packet.file_name, packet.seed.name, packet.org.name, packet.seed.body,
                               packet.date.isoformat(), packet.expected_paragraph, hashlib.sha256(data).hexdigest(), len(data)))
        if bar:
            bar.update(1)
    if bar:
        bar.render_finish()
    elapsed = time.perf_counter() - t1
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for row in written:
            manifest.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    size = sum(w.bytes for w in written)
    echo(f"paragraf bench generate-packets: {n} packets ({size / 1e6:.1f} MB) in {out}, seed {seed}, "
         f"{len(generator.seeds)} templates, {len({w.organization for w in written})} organisations")
    echo(f"templates compiled in {setup:.2f} s; packets written in {elapsed:.2f} s ({n / max(elapsed, 1e-9):.0f} packets/s)")
    return written


def main(n: int, out: Path, seed: int = 1, echo=print, progressbar=None) -> list[Written]:
    return write(n, out, seed, echo, progressbar)
