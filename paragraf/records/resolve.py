"""Finding the one record a written name or number means: people, bodies, parties, cases.

Each index is built during one import and keeps new records in memory, so a packet
resolves hundreds of names with a few dozen queries; the people register is read only
in the part the packet's names can mean (`People`), so an import's cost does not grow
with the register. Merges are recorded as
aliases with their reason (`names.same_person`, `names.same_body`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from paragraf.ingest.groups import PARTY_NAMES
from paragraf.ingest.text import CaseParts, case_parts
from paragraf.records.models import Body, BodyAlias, Case, Organization, Party, Person, PersonAlias
from paragraf.records.names import BodyName, folded_name, name_tokens, read_body_name, same_body, same_person

CASE_NUMBER_RE = re.compile(r"(?:(?P<prefix>[A-ZÅÄÖ][\wÅÄÖåäö-]*)\s+)?(?P<year>(?:19|20)\d\d)/(?P<serial>\d{1,6})")


# Top-level paths of the portal and API that a body's address must not take.
RESERVED_SLUGS = {
    "admin", "api", "oparl", "static", "sok", "arenden", "personer", "partier", "handlingar", "kallor",
    "matetal", "organisationer", "kalender", "flode", "om", "media", "export",
}


def unique_slug(base: str, taken: set[str] | StoredSlugs, max_length: int = 200) -> str:
    stem = (slugify(base) or "x")[:max_length]
    if stem in RESERVED_SLUGS:
        stem = f"{stem}-1"
    slug, n = stem, 2
    while slug in taken:
        slug = f"{stem[: max_length - 5]}-{n}"
        n += 1
    taken.add(slug)
    return slug


class Parties:
    def __init__(self) -> None:
        self.by_abbreviation = {p.abbreviation: p for p in Party.objects.all()}

    def get(self, abbreviation: str | None) -> Party | None:
        if not abbreviation:
            return None
        party = self.by_abbreviation.get(abbreviation)
        if party is None:
            # get_or_create: another import may store the same new party at the same moment (its row is then read).
            party, _ = Party.objects.get_or_create(abbreviation=abbreviation, defaults={"name": PARTY_NAMES.get(abbreviation, "")})
            self.by_abbreviation[abbreviation] = party
        return party


class StoredSlugs:
    """The slugs a model's rows have taken, asked of the database one slug at a time
    (`unique_slug` tries one or two), with those taken during this import."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.added: set[str] = set()

    def __contains__(self, slug: str) -> bool:
        return slug in self.added or self.model._base_manager.filter(slug=slug).exists()

    def add(self, slug: str) -> None:
        self.added.add(slug)


class People:
    """Person resolution within one organisation: same party (or party unknown) and a compatible name
    (`names.same_person`). Another organisation's people are never matched: its `Anna Andersson (S)` is
    someone else.

    The register is read in the part a name can mean (`_read`, by `PersonAlias.first_token` and
    `folded_name`), each person with all its aliases: an import reads the few people its names
    can mean, however many the register holds.
    """

    def __init__(self, parties: Parties, organization: Organization) -> None:
        self.parties = parties
        self.organization = organization
        self.slugs = StoredSlugs(Person)
        self.people: dict[int, Person] = {}
        self.aliases: dict[int, set[str]] = defaultdict(set)
        self.by_token: dict[str, set[int]] = defaultdict(set)
        self.read_names: set[tuple[str, ...]] = set()

    def _read(self, tokens: list[str]) -> None:
        """Read the people an alias of whom `same_person` could match these name parts with: one that
        begins with one of the parts and holds another (the same parts, reordered or fewer), or,
        for a one-part name, that name alone."""
        key = tuple(sorted(tokens))
        if key in self.read_names:
            return
        self.read_names.add(key)
        if len(set(tokens)) == 1:
            holding = Q(folded_name=folded_name(" ".join(tokens)))
        else:
            holding = reduce(or_, (Q(first_token=first, folded_name__contains=f" {other} ")
                                   for first in set(tokens) for other in set(tokens) if other != first))
        ids = set(PersonAlias.objects.filter(holding, person__organization=self.organization)
                  .values_list("person_id", flat=True)) - set(self.people)
        if not ids:
            return
        for person in Person.objects.filter(pk__in=ids).select_related("party"):
            self.people[person.pk] = person
            self._remember(person.pk, person.name)
        for pk, name in PersonAlias.objects.filter(person_id__in=self.people.keys() & ids).values_list("person_id", "name"):
            self._remember(pk, name)

    def _remember(self, pk: int, name: str) -> None:
        self.aliases[pk].add(name)
        for token in name_tokens(name):
            self.by_token[token].add(pk)

    def _party_of(self, pk: int) -> str | None:
        party = self.people[pk].party
        return party.abbreviation if party else None

    def find(self, name: str, party: str | None) -> tuple[Person | None, str | None]:
        """The one person this name means, with the reason; (None, None) when none or several match."""
        tokens = name_tokens(name)
        if not tokens:
            return None, None
        self._read(tokens)
        candidates = set(self.by_token.get(tokens[0], ()))
        matches: dict[int, str] = {}
        for pk in candidates:
            for alias in self.aliases[pk]:
                reason = same_person(name, party, alias, self._party_of(pk))
                if reason:
                    matches[pk] = reason
                    break
        if len(matches) > 1:
            # Prefer the exact spelling when a shorter form also matches someone else.
            exact = {pk: r for pk, r in matches.items() if r.startswith("samma namn")}
            matches = exact if len(exact) == 1 else matches
        if len(matches) != 1:
            return None, None
        pk, reason = next(iter(matches.items()))
        return self.people[pk], reason

    def get(self, name: str | None, party: str | None) -> Person | None:
        """The person a written name means; a new person when none matches and the party is known or the name unseen."""
        if not name or not name.strip():
            return None
        name = " ".join(name.split())
        person, reason = self.find(name, party)
        if person is not None:
            if party and person.party_id is None:
                person.party = self.parties.get(party)
                person.save(update_fields=["party"])
            if name not in self.aliases[person.pk]:
                PersonAlias.objects.create(person=person, name=name, reason=reason)
                self._remember(person.pk, name)
            return person
        if not party and self._ambiguous(name):
            return None
        person = Person.objects.create(
            name=name, party=self.parties.get(party), organization=self.organization,
            slug=unique_slug(f"{name} {party or ''}", self.slugs, 220),
        )
        self.people[person.pk] = person
        PersonAlias.objects.create(person=person, name=name, reason="första förekomst")
        self._remember(person.pk, name)
        return person

    def lookup(self, name: str | None, party: str | None = None) -> Person | None:
        """Like get, but never creates a person (for names in running text, ballots, signatures)."""
        if not name:
            return None
        person, _ = self.find(" ".join(name.split()), party)
        return person

    def _ambiguous(self, name: str) -> bool:
        tokens = name_tokens(name)
        self._read(tokens)
        return any(
            same_person(name, None, alias, None) for pk in self.by_token.get(tokens[0], ()) for alias in self.aliases[pk]
        )


class Bodies:
    """Body resolution within one organisation: kind, subject words, acronyms, parent body."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.bodies = list(Body.objects.filter(organization=organization))
        self.slugs = StoredSlugs(Body)
        self.names: dict[int, list[BodyName]] = defaultdict(list)
        for body_id, name in BodyAlias.objects.filter(body__organization=organization).values_list("body_id", "name"):
            self.names[body_id].append(read_body_name(name))

    def find(self, written: str) -> Body | None:
        """The body a name means among those known, or None (nothing is created)."""
        name = read_body_name(written)
        parent = self.find(name.parent) if name.parent else None
        if name.parent and parent is None:
            return None
        return self._known(name, parent, remember=False)

    def get(self, written: str) -> Body:
        name = read_body_name(written)
        parent = self.get(name.parent) if name.parent else None
        known = self._known(name, parent, remember=True)
        if known is not None:
            return known
        body = Body.objects.create(
            organization=self.organization,
            name=name.written,
            slug=self._slug(name.written),
            kind=name.kind,
            parent=parent,
        )
        BodyAlias.objects.create(body=body, name=name.written, reason="första förekomst")
        self.bodies.append(body)
        self.names[body.pk].append(name)
        return body

    def _known(self, name: BodyName, parent: Body | None, remember: bool) -> Body | None:
        for body in self.bodies:
            if body.parent_id != (parent.pk if parent else None):
                continue
            for known in self.names[body.pk]:
                reason = same_body(name, known)
                if reason:
                    if remember and all(n.written != name.written for n in self.names[body.pk]):
                        BodyAlias.objects.create(body=body, name=name.written, reason=reason)
                        self.names[body.pk].append(name)
                    return body
        return None


    def _slug(self, name: str) -> str:
        """`regionstyrelsen`; when another organisation has that address, `regionstyrelsen-region-gotland`."""
        if slugify(name) in self.slugs:
            return unique_slug(f"{name} {self.organization.slug}", self.slugs)
        return unique_slug(name, self.slugs)


def _case_parts(written: str) -> CaseParts | None:
    """The year and serial of a written case number in any form the importer reads
    (`RJL 2023/217`, `SLK-2024-00074`, `1435/22`, `00541/2023`); a number without a
    year (`94503`) is no case that can be followed across bodies."""
    parts = case_parts(written)
    if parts is None:
        match = CASE_NUMBER_RE.search(written)
        if match is None:
            return None
        parts = CaseParts(match.group(0), match["prefix"], int(match["year"]), int(match["serial"]))
    return parts if parts.year is not None else None


def _display_number(parts: CaseParts) -> str:
    """`RJL 2023/217` written the one way for a year/serial number; other forms as written."""
    if not CASE_NUMBER_RE.fullmatch(parts.written):
        return parts.written
    return f"{parts.prefix} {parts.year}/{parts.serial}" if parts.prefix else f"{parts.year}/{parts.serial}"


class Cases:
    """One Case per year/serial number within an organisation, whatever series prefix is written."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.cases = {(c.year, c.serial): c for c in Case.objects.filter(organization=organization)}

    def get(self, written: str | None, title: str | None = None) -> Case | None:
        parts = _case_parts(written or "")
        if parts is None:
            return None
        key = (parts.year, parts.serial)
        prefix = parts.prefix
        case = self.cases.get(key)
        if case is None:
            number = _display_number(parts)
            case = Case.objects.create(
                organization=self.organization,
                year=key[0],
                serial=key[1],
                number=number,
                prefixes=[prefix] if prefix else [],
                title=(title or "")[:500],
            )
            self.cases[key] = case
            return case
        changed = []
        if prefix and prefix not in case.prefixes:
            case.prefixes = [*case.prefixes, prefix]
            changed.append("prefixes")
            if "/" in case.number and " " not in case.number:
                case.number = f"{prefix} {key[0]}/{key[1]}"
                changed.append("number")
        if title and not case.title:
            case.title = title[:500]
            changed.append("title")
        if changed:
            case.save(update_fields=changed)
        return case
