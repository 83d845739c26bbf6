"""Ways to follow a page that other apps offer (alerts by e-mail): the portal names what a page is about
(`Followed`), each app that offers a way to follow it registers a `Panel` here (`offer`), and the portal
shows what the panels render (template tag `follow`). The portal imports none of those apps."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

KINDS = ("body", "case", "person", "search")


@dataclass(frozen=True)
class Followed:
    """What a page is about: a body, a case, a person, or a search with its filters."""

    kind: str  # one of KINDS
    key: str  # the body's or person's slug, a case as `org/year-serial`, a search as its query string
    name: str  # in words, as the page names it ("Regionstyrelsen", "ärende RJL 2022/1409")
    path: str  # the page's address

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")


Panel = Callable[[HttpRequest, Followed], str]
_panels: list[Panel] = []


def offer(panel: Panel) -> Panel:
    """Show `panel` on every page that can be followed (once, however often it is offered)."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def panels(request: HttpRequest, followed: Followed) -> SafeString:
    """What every offered panel renders for the page (HTML each panel escaped itself)."""
    return mark_safe("".join(panel(request, followed) for panel in _panels))


def body(body_) -> Followed:
    return Followed("body", body_.slug, body_.name, reverse("portal:body", args=[body_.slug]))


def case(case_) -> Followed:
    org = case_.organization.slug
    return Followed("case", f"{org}/{case_.year}-{case_.serial}", f"ärende {case_.number}",
                    reverse("portal:case", args=[org, case_.year, case_.serial]))


def person(person_) -> Followed:
    return Followed("person", person_.slug, person_.name_and_party, reverse("portal:person", args=[person_.slug]))


def search(query_string: str, text: str) -> Followed:
    return Followed("search", query_string, f"sökningen ”{text}”", f"{reverse('portal:search')}?{query_string}")
