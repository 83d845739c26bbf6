"""A search is bounded in time by the database itself (`search/bound.py`): past
PARAGRAF_SEARCH_TIMEOUT_MS it stops with `SearchTimeout`, the search page says so with a 503, and
the connection goes on as before. Both databases (the suite's own)."""
from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection, transaction

from paragraf.search import SearchQuery, search
from paragraf.search.contract import SearchTimeout

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def slow_database(settings):
    """PostgreSQL: another connection holds search_vector locked, so the search waits past a bound of
    200 ms. SQLite: a bound of a nanosecond, past before the first statement ends."""
    if connection.vendor == "sqlite":
        settings.PARAGRAF_SEARCH_TIMEOUT_MS = 1e-6
        yield
        return
    import psycopg

    settings.PARAGRAF_SEARCH_TIMEOUT_MS = 200
    params = connection.get_connection_params()
    locked, release = threading.Event(), threading.Event()

    def hold():
        with psycopg.connect(**{k: v for k, v in params.items() if k in ("dbname", "user", "host", "port", "password")}) as other:
            other.execute("LOCK TABLE search_vector IN ACCESS EXCLUSIVE MODE")
            locked.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(30)
    try:
        yield
    finally:
        release.set()
        holder.join()


def test_a_search_past_its_bound_stops_and_the_connection_goes_on(settings):
    # (first: on PostgreSQL a search before would hold a lock on search_vector until the test's end)
    with slow_database(settings):
        with pytest.raises(SearchTimeout):
            search(SearchQuery("beslut", facets=True))
    settings.PARAGRAF_SEARCH_TIMEOUT_MS = 2000
    page = search(SearchQuery("beslut", facets=True))
    assert page.total > 0 and sum(page.facets.kinds.values()) == page.total


def test_the_search_page_says_it_took_too_long(client, settings):
    with slow_database(settings):
        response = client.get("/sok/", {"q": "beslut"})
        feed = client.get("/sok/flode.atom", {"q": "beslut"})
    assert response.status_code == 503
    assert "Sökningen tog för lång tid" in response.content.decode()
    assert feed.status_code == 503
    settings.PARAGRAF_SEARCH_TIMEOUT_MS = 2000
    assert client.get("/sok/", {"q": "beslut"}).status_code == 200


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_statement_timeout_ends_with_the_search_inside_a_transaction(settings):
    settings.PARAGRAF_SEARCH_TIMEOUT_MS = 1234
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
        assert search(SearchQuery("beslut")).total > 0
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == before != "1234ms"
