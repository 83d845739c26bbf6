"""The time a statement of a search may take, bounded by the database itself (as Datasette bounds its
queries) instead of by a plan worked out beforehand: PostgreSQL's `statement_timeout`; on SQLite a
progress handler that interrupts a statement running past its deadline (set as each statement starts,
by an execute wrapper). Past it, `SearchTimeout`."""
from __future__ import annotations

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

from paragraf.search.contract import SearchTimeout

PROGRESS_STEPS = 1000  # SQLite virtual machine instructions between two looks at the clock


@contextmanager
def bounded():
    milliseconds = settings.PARAGRAF_SEARCH_TIMEOUT_MS
    if not milliseconds:
        yield
    elif connection.vendor == "postgresql":
        with _statement_timeout(milliseconds):
            yield
    else:
        with _progress_deadline(milliseconds):
            yield


@contextmanager
def _statement_timeout(milliseconds: float):
    from psycopg.errors import QueryCanceled

    outer = connection.in_atomic_block
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # SET LOCAL ends with the transaction
            cursor.execute(f"SET LOCAL statement_timeout = {max(1, round(milliseconds))}")
            yield
            if outer:  # a savepoint: the setting would last until the outer transaction ends
                cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise SearchTimeout(f"a statement of the search took longer than {milliseconds:g} ms") from error
        raise


@contextmanager
def _progress_deadline(milliseconds: float):
    connection.ensure_connection()
    raw = connection.connection
    deadline = [0.0]

    def each_statement(execute, sql, params, many, context):
        deadline[0] = time.monotonic() + milliseconds / 1000
        return execute(sql, params, many, context)

    raw.set_progress_handler(lambda: time.monotonic() > deadline[0], PROGRESS_STEPS)
    try:
        with connection.execute_wrapper(each_statement):
            yield
    except OperationalError as error:
        if "interrupted" in str(error):
            raise SearchTimeout(f"a statement of the search took longer than {milliseconds:g} ms") from error
        raise
    finally:
        raw.set_progress_handler(None, 0)
