"""A search that is a case number or a person's name: the page of that case or person, offered
above the hits (`RJL 2023/217`, `2023/217` → the case; `Annelie Borgström` → the person)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from paragraf.records.models import Case, Person

CASE_NUMBER = re.compile(r"(?:[A-ZÅÄÖa-zåäö]{1,8}\s*)?((?:19|20)\d\d)\s*/\s*(\d{1,6})")
NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,3}")
SHOWN = 5


@dataclass(frozen=True)
class Shortcut:
    kind: str  # Ärende, Person
    label: str
    url: str


def shortcuts(text: str) -> list[Shortcut]:
    text = " ".join(text.split())
    case = CASE_NUMBER.fullmatch(text)
    if case:
        cases = (Case.objects.filter(year=int(case.group(1)), serial=int(case.group(2)))
                 .select_related("organization").order_by("organization__name")[:SHOWN])
        return [Shortcut("Ärende", f"{c.number} {c.title}".strip(), reverse("portal:case", args=[c.organization.slug, c.year, c.serial]))
                for c in cases]
    if NAME.fullmatch(text) and len(text) <= 80:
        people = (Person.objects.filter(Q(name__iexact=text) | Q(name=text) | Q(aliases__name__iexact=text))
                  .select_related("party", "organization").distinct().order_by("name", "organization__name")[:SHOWN])
        # `Anna Berg (S), Ekby kommun`: one name may be several people, one in each organisation
        return [Shortcut("Person", str(p), reverse("portal:person", args=[p.slug])) for p in people]
    return []
