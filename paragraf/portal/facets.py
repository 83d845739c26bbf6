"""The facets of a search as the search page shows them: for kind, body, year and party, each value
with its count and the address of the search narrowed to it (the count is that search's total)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from paragraf.records.models import Body
from paragraf.search.contract import Facets

BODIES_SHOWN = 15  # the bodies with most matches; the form's list has every one


@dataclass(frozen=True)
class FacetValue:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str  # a heading: Organ, År …
    values: list[FacetValue]
    clear_url: str | None  # the search without this facet's filter, when one is set


def facet_list(facets: Facets, params: dict[str, str], kind_labels: dict[str, str]) -> list[Facet]:
    """The facets with a value, in the order kind, body, year, party; `params` the search's own."""
    base = {k: v for k, v in params.items() if k != "sida" and v}
    bodies = Body.objects.in_bulk(list(facets.bodies))
    year = _selected_year(base)
    found = [
        _facet("Typ", base, ["typ"], [
            (kind_labels[kind], count, {"typ": kind}, base.get("typ") == kind)
            for kind, count in _by_count(facets.kinds)]),
        _facet("Organ", base, ["organ"], [
            (bodies[pk].name, count, {"organ": bodies[pk].slug}, base.get("organ") == bodies[pk].slug)
            for pk, count in _by_count(facets.bodies)[:BODIES_SHOWN] if pk in bodies]),
        _facet("År", base, ["fran", "till"], [
            (str(y), count, {"fran": f"{y}-01-01", "till": f"{y}-12-31"}, year == y)
            for y, count in sorted(facets.years.items(), reverse=True)]),
        _facet("Parti", base, ["parti"], [
            (party, count, {"parti": party}, base.get("parti", "").upper() == party)
            for party, count in _by_count(facets.parties)]),
    ]
    return [facet for facet in found if facet.values]


def _facet(name: str, base: dict, keys: list[str], values: list[tuple]) -> Facet:
    without = {k: v for k, v in base.items() if k not in keys}
    return Facet(
        name=name,
        values=[FacetValue(label, count, "?" + urlencode({**without, **narrowed}), selected)
                for label, count, narrowed, selected in values],
        clear_url="?" + urlencode(without) if any(k in base for k in keys) else None,
    )


def _by_count(counts: dict) -> list[tuple]:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def _selected_year(base: dict) -> int | None:
    start, end = base.get("fran", ""), base.get("till", "")
    if len(start) == 10 and start.endswith("-01-01") and end == f"{start[:4]}-12-31" and start[:4].isdigit():
        return int(start[:4])
    return None
