"""What a subscription follows: a body, a case, a person or a saved search, read from the key the portal
gives a page (`portal/follow.py`) and named in words for the pages and mails."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from paragraf.portal.views.search import query_from
from paragraf.privacy.rules import current_masker
from paragraf.records.models import Body, Case, Person
from paragraf.search.contract import SearchQuery

# The parameters of a saved search: those of /sok/ less the page and the order.
SEARCH_PARAMETERS = ("q", "organisation", "organ", "fran", "till", "typ", "parti")
CASE_KEY_RE = re.compile(r"(?P<org>[-\w]+)/(?P<year>[0-9]{4})-(?P<serial>[0-9]{1,9})")


@dataclass(frozen=True)
class Target:
    kind: str  # body | case | person | search (Subscription.Kind)
    body: Body | None = None
    case: Case | None = None
    person: Person | None = None
    search: str = ""  # the saved search as a query string, its parameters in order

    @property
    def key(self) -> str:
        """The same for the same thing followed: one subscription per address and key."""
        record = self.body or self.case or self.person
        what = f"{self.kind}:{record.pk}" if record is not None else f"search:{self.search}"
        return hashlib.sha256(what.encode()).hexdigest()

    @property
    def name(self) -> str:
        """In words, unmasked (the caller masks it for the public)."""
        if self.body is not None:
            return f"{self.body.name} ({self.body.organization.name})"
        if self.case is not None:
            return f"ärende {self.case.number}" + (f" {self.case.title}" if self.case.title else "")
        if self.person is not None:
            return self.person.name_and_party
        query = self.query()
        return f"sökningen ”{query.text}”" if query else "sökningen"

    @property
    def path(self) -> str:
        """The portal's page of what is followed."""
        if self.body is not None:
            return reverse("portal:body", args=[self.body.slug])
        if self.case is not None:
            return reverse("portal:case", args=[self.case.organization.slug, self.case.year, self.case.serial])
        if self.person is not None:
            return reverse("portal:person", args=[self.person.slug])
        return f"{reverse('portal:search')}?{self.search}"

    def query(self) -> SearchQuery | None:
        """The saved search as the search page reads it (None for the other kinds)."""
        if self.kind != "search":
            return None
        query, _ = query_from(QueryDict(self.search))
        return query


def resolve(kind: str, key: str) -> Target | None:
    """The target a page's follow form names; None when there is no such record or no valid search."""
    if kind == "body":
        body = Body.objects.select_related("organization").filter(slug=key).first()
        return Target(kind, body=body) if body else None
    if kind == "person":
        person = Person.objects.select_related("party").filter(slug=key).first()
        return Target(kind, person=person) if person else None
    if kind == "case":
        match = CASE_KEY_RE.fullmatch(key)
        case = match and Case.objects.select_related("organization").filter(
            organization__slug=match["org"], year=int(match["year"]), serial=int(match["serial"])).first()
        return Target(kind, case=case) if case else None
    if kind == "search":
        search = saved_search(key)
        return Target(kind, search=search) if search else None
    return None


def saved_search(query_string: str) -> str | None:
    """A search as a query string in one form (its parameters in order, empty ones out, personal data in the
    words masked as on the search page); None when it is no search the search page would run."""
    given = QueryDict(query_string[:4000])
    params = {name: given.get(name, "").strip() for name in SEARCH_PARAMETERS}
    params["q"] = " ".join(current_masker().mask(params["q"], labels=False).split())
    params = {name: value for name, value in params.items() if value}
    query, problems = query_from(params)
    if query is None or problems:
        return None
    return urlencode(sorted(params.items()))


def target_of(subscription) -> Target:
    return Target(subscription.kind, body=subscription.body, case=subscription.case, person=subscription.person,
                  search=subscription.search)
