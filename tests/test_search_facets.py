"""Search facets, a § found once, and a search that names a case or a person (issue 17), on the
corpus in the suite's database (SQLite, or PostgreSQL with DATABASE_URL)."""
from __future__ import annotations

import re

import pytest

from paragraf.records.models import Body, Document
from paragraf.records.placing import document_uses
from paragraf.search import SearchQuery, search
from paragraf.search import backends

pytestmark = pytest.mark.django_db
QUERIES = ["regionfullmäktige", "sjukresor", "beslut", "tandvård", "motion", "budget"]


def _filtered_total(text: str, **narrowed) -> int:
    page = search(SearchQuery(text=text, **narrowed))
    assert not page.total_is_estimate
    return page.total


@pytest.mark.parametrize("text", QUERIES)
def test_every_facet_count_is_the_total_of_the_search_narrowed_to_it(text):
    page = search(SearchQuery(text=text, facets=True))
    facets = page.facets
    assert facets.complete and page.total > 0
    assert sum(facets.kinds.values()) == page.total
    for kind, count in facets.kinds.items():
        assert _filtered_total(text, kind=kind) == count, (text, kind)
    for body_id, count in facets.bodies.items():
        assert _filtered_total(text, body=Body.objects.get(pk=body_id).slug) == count, (text, body_id)
    for year, count in facets.years.items():
        import datetime as dt
        assert _filtered_total(text, date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31)) == count, (text, year)
    for party, count in facets.parties.items():
        assert _filtered_total(text, party=party) == count, (text, party)


def test_a_facet_narrowed_again_counts_within_the_narrowed_search():
    narrowed = search(SearchQuery(text="regionfullmäktige", kind="paragraph", facets=True))
    assert narrowed.facets.kinds == {"paragraph": narrowed.total}
    for body_id, count in narrowed.facets.bodies.items():
        slug = Body.objects.get(pk=body_id).slug
        assert _filtered_total("regionfullmäktige", kind="paragraph", body=slug) == count


def test_past_the_cap_facets_are_lower_bounds(monkeypatch):
    monkeypatch.setattr(backends, "FACET_CAP", 5)  # the corpus has no search with more than 250 matches
    page = search(SearchQuery(text="regionfullmäktige", facets=True))
    assert not page.facets.complete
    assert sum(page.facets.kinds.values()) == 5
    for kind, count in page.facets.kinds.items():
        assert count <= _filtered_total("regionfullmäktige", kind=kind)


def test_the_portal_facet_links_lead_to_searches_with_that_many_hits(client):
    page = client.get("/sok/", {"q": "regionfullmäktige"}).content.decode()
    links = re.findall(r'<a href="(\?[^"]+)">([^<]+) <span class="count">\((\d+)\)</span></a>', page)
    assert len(links) >= 10
    for href, label, count in links:
        narrowed = client.get("/sok/" + href.replace("&amp;", "&")).content.decode()
        total = re.search(r'<p class="summary" role="status">(\d+) träff', narrowed)
        assert int(total.group(1)) == int(count), (label, href)


def test_a_paragraph_is_found_once_not_again_through_its_extract():
    for text in QUERIES + ["Regelverk sjukresor"]:
        page = search(SearchQuery(text=text, per_page=100))
        documents = Document.objects.in_bulk([h.record_id for h in page.hits if h.kind == "document"])
        uses = document_uses(list(documents.values()))
        extracts_of_paragraphs = [d for d in documents.values() if d.kind == Document.Kind.EXTRACT and uses[d.pk].paragraphs]
        assert extracts_of_paragraphs == [], text
    hits = search(SearchQuery(text="Regelverk sjukresor ändring ersättning egen bil", per_page=100)).hits
    titled = [h.kind for h in hits if h.title == "Regelverk sjukresor, ändring av ersättning för egen bil"]
    assert sorted(titled) == ["agenda_item", "paragraph", "paragraph"]  # the two § and an agenda item, no extract of them


@pytest.mark.parametrize("typed, page", [
    ("RJL 2023/217", "/arenden/region-jonkopings-lan/2023-217/"),
    ("2023/217", "/arenden/region-jonkopings-lan/2023-217/"),
    ("annelie borgström", "/personer/annelie-borgstrom-s/"),
])
def test_a_search_for_a_case_number_or_a_name_offers_that_page_first(client, typed, page):
    html = client.get("/sok/", {"q": typed}).content.decode()
    direct = html.index('id="direkt"')
    assert html.index(f'href="{page}"', direct) < html.index('class="summary"')


def test_an_ordinary_search_offers_no_page_first(client):
    assert 'id="direkt"' not in client.get("/sok/", {"q": "sjukresor"}).content.decode()
