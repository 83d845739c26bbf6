"""Search over the corpus: Swedish stems, compound tails, filters, sorting, pages, snippets, bad queries.

The same tests run on SQLite (FTS5) and PostgreSQL (full text + pg_trgm): `.ci/run` runs both.
"""
from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from django.db import connection

from paragraf.cli import main
from paragraf.records.models import AgendaItem, Body, Document, Meeting, Organization, Paragraph
from paragraf.search import SearchQuery, search
from paragraf.search import backends
from paragraf.search.index import index_source_file, rebuild_index
from paragraf.search.models import SearchEntry
from paragraf.search.snippets import snippet

pytestmark = pytest.mark.django_db
REGION = "region-jonkopings-lan"


def find(text: str, **options):
    return search(SearchQuery(text, per_page=100, **options))


def keys(page) -> set[tuple[str, int]]:
    return {(h.kind, h.record_id) for h in page.hits}


def plain(html: str) -> str:
    return re.sub(r"</?mark>", "", html)


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


# ------------------------------------------------------------------ matching


def test_sjukresor_finds_the_case_about_sjukresa_in_every_body():
    page = find("sjukresor")
    titles = {(h.kind, h.title) for h in page.hits}
    title = "Regelverk sjukresor, ändring av ersättning för egen bil"
    assert ("paragraph", title) in titles
    assert any(kind == "agenda_item" and "sjukres" in t.lower() for kind, t in titles)
    paragraphs = Paragraph.objects.filter(case__year=2023, case__serial=217)
    assert {("paragraph", p.pk) for p in paragraphs} <= keys(page)
    # The singular finds the plural of the title, and the other way round.
    assert ("paragraph", title) in {(h.kind, h.title) for h in find("sjukresa").hits}
    assert keys(find("sjukresa")) == keys(page)


def test_a_word_finds_the_compounds_it_ends():
    page = find("nämnd")
    compounds = [w for h in page.hits for w in marked(h.snippet_html) if w.lower().startswith("krisledningsnämnd")]
    assert compounds, "nämnd should find krisledningsnämnd"
    assert keys(find("krisledningsnämnd")) <= keys(page)
    # A tail alone finds the compound too, and every hit has a word ending with it.
    tail = find("ledningsnämnden")
    assert tail.hits
    for hit in tail.hits:
        assert re.search(r"ledningsnämnd\w*", hit.title + " " + plain(hit.snippet_html), re.I), hit


def test_compound_tails_by_name_and_beyond_the_cap_find_the_same(monkeypatch):
    """A tail is matched by the indexed words ending with it (`search_term`); with more such
    words than MAX_TAILS, by a prefix (SQLite) or LIKE (PostgreSQL) over the index: same hits."""
    from paragraf.search import words

    assert "krisledningsnämnd" in backends.compound_words("nämnd")
    assert backends.compound_words("xyzzynämnd") == []
    queries = ["nämnd", "ledningsnämnden", "sjukresor bil", "nämnd beslut"]
    by_name = {q: (keys(find(q)), [h.score for h in find(q).hits]) for q in queries}
    monkeypatch.setattr(words, "MAX_TAILS", 0)
    assert backends.compound_words("nämnd") is None
    for q in queries:
        page = find(q)
        assert (keys(page), [h.score for h in page.hits]) == by_name[q], q


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_partitions_are_made_as_entries_come_and_searched_newest_first():
    """`search_vector` is range-partitioned by id (migration 0009): an entry in a range no partition
    holds yet makes its partition, and the newest matches, the count and a page by date over many
    partitions are those of every match found by brute force in the entries' own vectors."""
    from paragraf.search import postgres
    from paragraf.search.schema import PARTITION_BITS

    # Copies of corpus entries at ids in partitions 1, 2, 3, 6, 9 and 17 (the corpus fills 0),
    # some with a word of their own.
    originals = list(SearchEntry.objects.filter(kind="paragraph").order_by("pk")[:60])
    size = 1 << PARTITION_BITS
    for n, entry in enumerate(originals):
        entry.pk = (1, 2, 3, 6, 9, 17)[n % 6] * size + n
        entry.paragraph_id = None  # an entry of no record
        if n % 3 == 0:
            entry.title += " fönsterprov"
    SearchEntry.objects.bulk_create(originals[:30])
    SearchEntry.objects.bulk_create(originals[30:])
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "WHERE i.inhparent = 'search_vector'::regclass")
        partitions = {row[0] for row in cursor.fetchall()}
    assert partitions == {f"search_vector_{n}" for n in (0, 1, 2, 3, 6, 9, 17)}
    for text in ("fönsterprov", "nämnd", "beslut", "sjukresor bil", "regionstyrelsen beslut", "fönsterprov beslut"):
        match = postgres.match(text)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM search_searchentry WHERE vector @@ %s::tsquery ORDER BY id DESC", match.params)
            every = [row[0] for row in cursor.fetchall()]
        assert any(i >= size for i in every), text
        for cap in (1, 7, 40, 1100):
            assert sorted(r.id for r in postgres.ranked(match, match.condition, match.params, cap)) == sorted(every[:cap])
            assert postgres.count(match, match.condition, match.params, cap) == (min(cap, len(every)), len(every) > cap)


def test_date_order_and_count_are_the_same_whichever_way(monkeypatch):
    """A search sorted by date walks the entries by date or reads every match and sorts (by
    cost, `dated` on SQLite; the planner on PostgreSQL), and counts to a cap: the same page and
    count as every match sorted here, whichever way each goes."""
    engine = backends.backend()
    if connection.vendor == "postgresql":  # the planner's way
        ways = [{}]
    else:  # walk; read every match
        ways = [{"WALK_PER_TERM": 0.0}, {"WALK_PER_TERM": 1e9}]
    for text in ("nämnd", "beslut", "sjukresor bil", "regionstyrelsen beslut"):
        match = engine.match(text)
        ids = [r.id for r in engine.ranked(match, match.condition, match.params, 10**6)]
        dates = dict(SearchEntry.objects.filter(pk__in=ids).values_list("pk", "date"))
        every = sorted(ids, key=lambda pk: (dates[pk] is not None, dates[pk] or dt.date.min, pk), reverse=True)
        assert every, text
        for limit, offset in ((20, 0), (20, 20), (7, len(every) - 3)):
            for way in ways:
                for name, value in way.items():
                    monkeypatch.setattr(engine, name, value)
                page = [pk for pk, _ in engine.dated(match, match.condition, match.params, limit, offset)]
                assert page == every[offset:offset + limit], (text, limit, offset, way)
        for cap in (5, len(every) - 1, len(every), 1000):
            assert engine.count(match, match.condition, match.params, cap) == (min(cap, len(every)), len(every) > cap)


def test_new_entries_add_their_compounds():
    assert not find("odlingsnämnden").hits
    meeting = Meeting.objects.first()
    item = AgendaItem.objects.create(meeting=meeting, position=99, number=99, title="Grönsaksodlingsnämndens budget")
    assert keys(find("odlingsnämnden")) == {("agenda_item", item.pk)}
    assert ("agenda_item", item.pk) in keys(find("nämnd budget"))


def test_stemming_finds_other_forms_of_a_word():
    motionen, motion = find("motionen"), find("motion")
    assert motionen.hits and keys(motionen) == keys(motion)
    texts = [h.title + " " + _entry(h).text for h in motion.hits]
    assert any(re.search(r"\bmotion\b", t, re.I) and not re.search(r"\bmotionen\b", t, re.I) for t in texts)
    assert any(re.search(r"\bmotionen\b", t, re.I) for t in texts)
    # A form the corpus does not hold finds the forms it does.
    assert keys(find("ersättningarnas")) == keys(find("ersättning")) != set()


def test_all_words_must_match():
    both = keys(find("sjukresor bil"))
    assert both and both <= keys(find("sjukresor")) and both <= keys(find("bil"))
    assert not find("sjukresor lipödem").hits


def test_a_case_number_finds_its_records():
    page = find("2023/217")
    case = [("paragraph", p.pk) for p in Paragraph.objects.filter(case__year=2023, case__serial=217)]
    case += [("agenda_item", a.pk) for a in AgendaItem.objects.filter(case__year=2023, case__serial=217)]
    assert len(case) == 3 and set(case) <= keys(page)
    assert "2023/217" in _entry(page.hits[0]).text


# ------------------------------------------------------------------ filters


def test_filter_by_kind():
    everything = find("nämnd")
    for kind in ("paragraph", "agenda_item", "document"):
        page = find("nämnd", kind=kind)
        assert page.hits and {h.kind for h in page.hits} == {kind}
        assert keys(page) < keys(everything)
    with pytest.raises(ValueError):
        SearchQuery("nämnd", kind="meeting")


def test_filter_by_organization():
    other = Organization.objects.create(name="Testkommun", slug="testkommun")
    body = Body.objects.create(organization=other, name="Kommunstyrelsen", slug="kommunstyrelsen", kind="styrelse")
    meeting = Meeting.objects.create(body=body, date=dt.date(2024, 5, 2))
    item = AgendaItem.objects.create(meeting=meeting, position=0, number=1, title="Nya regler för sjukresor i kommunen")
    everything = keys(find("sjukresor"))
    assert ("agenda_item", item.pk) in everything
    assert keys(find("sjukresor", organization="testkommun")) == {("agenda_item", item.pk)}
    region = find("sjukresor", organization=REGION)
    assert region.hits and keys(region) == everything - {("agenda_item", item.pk)}
    assert {h.organization_name for h in region.hits} == {"Region Jönköpings län"}
    assert not find("sjukresor", organization="no-such-organisation").hits


def test_filter_by_body():
    page = find("nämnd", body="regionstyrelsens-arbetsutskott")
    assert page.hits and {h.body_name for h in page.hits} == {"Regionstyrelsens arbetsutskott"}
    assert keys(page) < keys(find("nämnd"))


def test_filter_by_period():
    everything = find("nämnd")
    page = find("nämnd", date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 1, 31))
    assert page.hits and keys(page) < keys(everything)
    assert all(dt.date(2023, 1, 1) <= h.date <= dt.date(2023, 1, 31) for h in page.hits)
    inside = {k for h in everything.hits if h.date and dt.date(2023, 1, 1) <= h.date <= dt.date(2023, 1, 31) for k in [(h.kind, h.record_id)]}
    assert keys(page) == inside
    assert all(h.date >= dt.date(2023, 2, 1) for h in find("nämnd", date_from=dt.date(2023, 2, 1)).hits)


def test_filter_by_party_of_who_proposed_dissented_or_voted():
    everything = find("budget")
    page = find("budget", party="V")
    assert page.hits and keys(page) < keys(everything)
    for hit in page.hits:
        assert hit.kind == "paragraph"
        paragraph = Paragraph.objects.get(pk=hit.record_id)
        parties = {p.party or (p.person.party.abbreviation if p.person and p.person.party else "") for p in paragraph.proposals.all()}
        parties |= {b.party for v in paragraph.votes.all() for b in v.ballots.all()}
        parties |= {p.party.abbreviation for d in paragraph.dissents.all() for p in d.people.all() if p.party}
        assert "V" in parties, hit
    assert len(page.hits) >= 2 and keys(find("budget", party="v")) == keys(page)
    assert not find("budget", party="XYZ").hits


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_filters_as_index_terms_find_what_the_sql_filters_find(monkeypatch, sort):
    """Filters are read as terms of the index (PostgreSQL: lexemes of `search_vector`,
    migration 0006; SQLite: FTS5 tokens, 0007): the same hits, in the same order, with the
    same count, as the same filters in SQL on the entries."""
    engine = backends.backend()
    _an_entry_of_no_party()
    body = Body.objects.filter(organization__slug=REGION).order_by("pk")[1].slug
    filters = [{"party": "-"}, {"party": " - "}, {"party": "!"}, {"date_from": dt.date(1, 1, 1), "date_to": dt.date(9999, 12, 31)},
        {"kind": "paragraph"}, {"kind": "document"}, {"organization": REGION}, {"organization": "no-such"},
        {"body": body}, {"party": "V"}, {"party": "s"}, {"date_from": dt.date(2023, 1, 1), "date_to": dt.date(2023, 1, 31)},
        {"date_from": dt.date(2023, 2, 1)}, {"date_to": dt.date(2022, 12, 31)}, {"kind": "agenda_item", "organization": REGION},
        {"date_from": dt.date(2023, 1, 31), "date_to": dt.date(2023, 1, 31)},  # a day with a meeting: both ends count
    ]
    for text in ("nämnd", "budget", "sjukresor bil"):
        for options in filters:
            as_lexemes = find(text, sort=sort, **options)
            with monkeypatch.context() as m:
                m.setattr(engine, "narrow", lambda match, query: (match, *backends.filters_sql(query)))
                as_sql = find(text, sort=sort, **options)
            assert [(h.kind, h.record_id) for h in as_lexemes.hits] == [(h.kind, h.record_id) for h in as_sql.hits], (text, options)
            assert (as_lexemes.total, as_lexemes.total_is_estimate) == (as_sql.total, as_sql.total_is_estimate), (text, options)
    assert find("budget", party="V").hits and find("nämnd", date_from=dt.date(2023, 1, 31), date_to=dt.date(2023, 1, 31)).hits
    assert find("budget", party="-").hits and not find("budget", party="!").hits


def _an_entry_of_no_party() -> None:
    """A § entry with the party "-" (a member of no party) beside S, indexed as an import does."""
    entry = SearchEntry.objects.filter(kind="paragraph", text__icontains="budget").order_by("pk").first()
    entry.parties = " - S "
    backends.backend().prepare([entry])
    entry.save()


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_date_order_reaches_each_way_by_the_shape_of_the_query(monkeypatch):
    """Without INDEXED BY: the order of the CROSS JOIN leads SQLite's planner, with its statistics
    (ANALYZE, as `paragraf bench generate` runs), to the date index for the walk and to the covering
    index of ids and dates for reading every match."""
    from django.test.utils import CaptureQueriesContext

    from paragraf.search import sqlite

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    match = sqlite.match("beslut")
    for walk_per_term, index in ((0.0, "COVERING INDEX search_entry_date"), (1e9, "COVERING INDEX search_entry_id_date")):
        monkeypatch.setattr(sqlite, "WALK_PER_TERM", walk_per_term)
        with CaptureQueriesContext(connection) as queries:
            assert sqlite.dated(match, match.condition, match.params, 20, 0)
        page_sql = queries.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {page_sql}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
        assert index in plan, plan


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_filter_tokens_of_the_migration_are_those_of_prepare():
    """Migration 0007 adds the filter tokens in SQL to entries written before it: the same as
    `sqlite.filter_tokens` writes."""
    import importlib

    from paragraf.search import sqlite

    tokens = importlib.import_module("paragraf.search.migrations.0007_filter_tokens").TOKENS
    entries = list(SearchEntry.objects.filter(pk__in=SearchEntry.objects.exclude(parties="").values("pk")[:20]))
    entries += list(SearchEntry.objects.filter(kind="document")[:3]) + list(SearchEntry.objects.filter(date=None)[:3])
    entries = [e for e in entries if all(party.isalnum() for party in e.parties.split())]  # the others: 0008
    assert any(e.parties.strip() for e in entries) and any(e.kind == "document" for e in entries)
    with connection.cursor() as cursor:
        for entry in entries:
            cursor.execute(f"SELECT {tokens} FROM search_searchentry WHERE id = %s", [entry.pk])
            assert cursor.fetchone()[0] == sqlite.filter_tokens(entry), entry


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_migration_0008_writes_the_party_tokens_prepare_writes():
    """An entry of a party with a character FTS5 splits at ("-"), written by 0007 as `_p_-`:
    0008 writes it as `sqlite.prepare` does (`_p__2d`), and back again."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("paragraf.search.migrations.0008_party_tokens")
    _an_entry_of_no_party()
    entry = SearchEntry.objects.get(parties=" - S ")
    as_prepared = entry.text_terms
    assert as_prepared.endswith(" _p__2d _p_s")
    SearchEntry.objects.filter(pk=entry.pk).update(text_terms=as_prepared.replace("_p__2d", "_p_-"))  # as 0007 wrote it
    editor = SimpleNamespace(connection=connection)  # what the migration reads of a schema editor
    migration._rewrite(True)(apps, editor)
    assert SearchEntry.objects.get(pk=entry.pk).text_terms == as_prepared
    assert find("budget", party="-").hits
    migration._rewrite(False)(apps, editor)
    assert SearchEntry.objects.get(pk=entry.pk).text_terms == as_prepared.replace("_p__2d", "_p_-")


# ------------------------------------------------------------------ order, pages, counts


def test_sort_by_date_is_newest_first():
    page = find("nämnd", sort="date")
    dates = [h.date for h in page.hits]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True) and len(set(known)) > 3
    assert dates[: len(known)] == known  # undated last
    assert keys(page) == keys(find("nämnd"))


def test_relevance_puts_the_best_first():
    page = find("regelverk sjukresor ersättning egen bil")
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores, reverse=True)
    assert "sjukres" in page.hits[0].title.lower()


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_are_disjoint_and_cover_all_hits(sort):
    everything = find("nämnd", sort=sort)
    assert everything.total == len(everything.hits) > 30 and not everything.total_is_estimate
    seen, first = [], search(SearchQuery("nämnd", sort=sort, per_page=7))
    assert first.pages == -(-everything.total // 7) and first.total == everything.total
    for n in range(1, first.pages + 1):
        page = search(SearchQuery("nämnd", sort=sort, page=n, per_page=7))
        assert len(page.hits) == (7 if n < first.pages else everything.total - 7 * (first.pages - 1))
        seen.extend((h.kind, h.record_id) for h in page.hits)
    assert len(seen) == len(set(seen)) and set(seen) == keys(everything)
    assert [(h.kind, h.record_id) for h in everything.hits] == seen
    assert not search(SearchQuery("nämnd", sort=sort, page=first.pages + 1, per_page=7)).hits


def test_a_large_count_stops_at_the_cap(monkeypatch):
    monkeypatch.setattr(backends, "COUNT_CAP", 10)
    page = search(SearchQuery("nämnd", per_page=5))
    assert page.total == 10 and page.total_is_estimate and page.pages == 2
    assert len(page.hits) == 5


# ------------------------------------------------------------------ snippets and bad queries


def test_snippets_mark_matched_words_and_escape_the_text():
    page = find("sjukresor")
    assert all(marked(h.snippet_html) for h in page.hits)
    for hit in page.hits:
        assert all(w.lower().startswith("sjukres") for w in marked(hit.snippet_html)), hit.snippet_html
    beredskap = find("säkerhet civil beredskap")
    assert any("<mark>Säkerhet</mark> &amp; <mark>civil</mark> <mark>beredskap</mark>" in h.snippet_html for h in beredskap.hits)
    niss = find("NISS", kind="document")
    assert any("<mark>NISS</mark>&gt;15" in h.snippet_html for h in niss.hits)


def test_snippet_escapes_markup_in_the_text():
    html = snippet(['<script>alert("x")</script> & Krisledningsnämnden beslutar'], ["nämnd"])
    assert "<script" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert marked(html) == ["Krisledningsnämnden"]
    assert snippet(["kort text", "rubrik"], ["saknas"]) == "kort text"


@pytest.mark.parametrize("text", ["", "   ", "och av för i", "!!!", "_"])
def test_empty_or_stopword_query_gives_an_empty_page(text):
    page = search(SearchQuery(text))
    assert page.hits == [] and page.total == 0 and page.pages == 0 and not page.total_is_estimate


@pytest.mark.parametrize(
    "text",
    ['"', "*", "(", ")", "NEAR", "-", ":", '"nämnd', "nämnd*", "NEAR(nämnd motion)", "-nämnd", "nämnd:",
     "title_terms:nämnd", "nämnd OR motion", "nämnd AND NOT motion", "nämnd' OR 1=1 --", "\\", "%", "%nämnd%",
     "a:* & !b | <->", "nämnd & motion", "<script>alert(1)</script>", "'", "^nämnd", "{title_terms}: x", "x" * 5000],
)
def test_syntax_characters_in_a_query_never_raise(text):
    page = search(SearchQuery(text))
    assert all("<script" not in h.snippet_html for h in page.hits)


def test_syntax_characters_are_read_as_words():
    assert keys(find('"nämnd*')) == keys(find("nämnd"))
    assert find("nämnd").hits and find("motion").hits
    assert not find("nämnd OR motion").hits  # "or" is a word that must match, not an operator
    assert find("(sjukresor)").hits and keys(find("(sjukresor)")) == keys(find("sjukresor"))


# ------------------------------------------------------------------ the index


def _entry(hit) -> SearchEntry:
    return SearchEntry.objects.get(**{hit.kind: hit.record_id})


def test_every_record_has_one_entry_and_reindexing_changes_nothing():
    """Every §, agenda item and document, but the extracts that hold a § (the § is found as itself)."""
    from django.db.models import Exists, OuterRef

    from paragraf.records.models import ParagraphCopy

    copy_in_span = ParagraphCopy.objects.filter(source_file=OuterRef("source_file"), first_line__gte=OuterRef("first_line"),
                                                first_line__lte=OuterRef("last_line"))
    extracts_of_paragraphs = Document.objects.filter(Exists(copy_in_span), kind=Document.Kind.EXTRACT).count()
    assert extracts_of_paragraphs > 0
    records = Paragraph.objects.count() + AgendaItem.objects.count() + Document.objects.count() - extracts_of_paragraphs
    assert SearchEntry.objects.count() == records
    before = keys(find("nämnd"))
    for file in {p.source_file for p in Paragraph.objects.select_related("source_file")}:
        index_source_file(file)
    assert SearchEntry.objects.count() == records and keys(find("nämnd")) == before
    assert rebuild_index() == records and keys(find("nämnd")) == before


def test_a_deleted_record_leaves_the_index():
    hit = find("sjukresor", kind="agenda_item").hits[0]
    AgendaItem.objects.filter(pk=hit.record_id).delete()
    assert ("agenda_item", hit.record_id) not in keys(find("sjukresor"))


def test_paragraph_entry_has_its_text_and_a_key_for_its_url():
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    entry = SearchEntry.objects.get(paragraph=paragraph)
    assert entry.body_id == paragraph.meeting.body_id and entry.date == dt.date(2023, 1, 31)
    assert paragraph.decision[:40] in entry.text and entry.title == paragraph.title
    assert entry.url_key == {"organization": REGION, "body": "regionstyrelsen", "date": "2023-01-31", "paragraph": 14}


def test_reindex_command():
    result = CliRunner().invoke(main, ["reindex"])
    assert result.exit_code == 0, result.output
    assert f"{SearchEntry.objects.count()} entries" in result.output
    assert connection.vendor in result.output


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_a_search_before_any_partition_finds_nothing():
    """A database with no entry yet has no partition of `search_vector`: a search finds nothing, no error."""
    SearchEntry.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE search_vector_0")  # rolled back with the test
    page = find("beslut", facets=True)
    assert (page.total, page.hits, page.facets.kinds) == (0, [], {})
    assert find("beslut", sort="date").total == 0


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_two_writers_of_a_new_partition_both_succeed():
    """Two transactions write the first entries of the same new range at once: the first makes the
    partition (`schema.POSTGRES_PARTITION`), the second waits for its commit and finds it, instead of
    failing with "relation already exists"; a search meanwhile is not held up by the new partition.
    Own connections (committed), cleaned up after."""
    import threading

    import psycopg

    from paragraf.search.schema import PARTITION_BITS

    params = connection.get_connection_params()
    dsn = {k: v for k, v in params.items() if k in ("dbname", "user", "host", "port", "password")}
    first_id = 40 << PARTITION_BITS
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'search_searchentry' "
                       "AND column_name NOT IN ('id', 'paragraph_id', 'agenda_item_id', 'document_id')")
        columns = ", ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT min(id) FROM search_searchentry")
        model_id = cursor.fetchone()[0]
    copy = f"INSERT INTO search_searchentry (id, {columns}) SELECT %s, {columns} FROM search_searchentry WHERE id = %s"
    errors = []
    try:
        with psycopg.connect(**dsn) as first:
            first.execute(copy, [first_id, model_id])  # makes search_vector_40, holds it uncommitted

            def second():
                try:
                    with psycopg.connect(**dsn) as other:
                        other.execute(copy, [first_id + 1, model_id])
                except Exception as error:  # noqa: BLE001 - reported below
                    errors.append(error)

            writer = threading.Thread(target=second)
            writer.start()
            writer.join(1.0)
            assert writer.is_alive()  # waiting for the first
            with psycopg.connect(**dsn) as reader:
                reader.execute("SET lock_timeout = '2s'")
                assert reader.execute("SELECT count(*) FROM search_vector WHERE id < %s", [first_id]).fetchone()[0] > 0
        writer.join(30)
        assert errors == []
        with psycopg.connect(**dsn) as check:
            found = check.execute("SELECT id FROM search_vector_40 ORDER BY id").fetchall()
        assert found == [(first_id,), (first_id + 1,)]
    finally:
        with psycopg.connect(**dsn) as cleanup:
            cleanup.execute("DELETE FROM search_searchentry WHERE id >= %s", [first_id])
            cleanup.execute("DROP TABLE IF EXISTS search_vector_40")
