"""A justerad meeting cannot change, whatever the path (the admin, the API, an import, a script): the
database refuses it. Triggers on SQLite and PostgreSQL abort any insert, update or delete of a row that
belongs to a meeting whose `locked` is set, and any change to such a meeting but its own locking.

The schema SQL lives here and migrations 0010 and 0011 call it (never the other way round). The Python side
asks `is_locked` before it tries (the importer, the admin) to answer with a clear message instead of
a database error; `MeetingLocked` is that message.
"""
from __future__ import annotations

import logging

LOG = logging.getLogger("paragraf.records.locks")
MESSAGE = "the meeting is justerad: its minutes cannot change"

# table → how a row reaches its meeting: a column of the meeting's id, or a column of a row that has one.
DIRECT = ("records_agendaitem", "records_invitation", "records_attendance", "records_paragraph")
BY_PARAGRAPH = ("records_proposal", "records_vote", "records_election", "records_dissent", "records_recordedstatement")
BY_VOTE = ("records_ballot",)


class MeetingLocked(Exception):
    """A change refused because the meeting is justerad."""


def is_locked(meeting_id: int | None) -> bool:
    from paragraf.records.models import Meeting

    return meeting_id is not None and Meeting.all_objects.filter(pk=meeting_id, locked=True).exists()


def meeting_id_of(obj) -> int | None:
    """The meeting a record belongs to (a meeting itself, a row with `meeting`, with `paragraph`, a ballot)."""
    from paragraf.records.models import Ballot, Meeting

    if isinstance(obj, Meeting):
        return obj.pk
    if isinstance(obj, Ballot):
        return obj.vote.paragraph.meeting_id
    if hasattr(obj, "meeting_id"):
        return obj.meeting_id
    if hasattr(obj, "paragraph_id"):
        return obj.paragraph.meeting_id
    return None


def refuse(what: str, meeting) -> None:
    """Log and raise: someone tried to change a justerad meeting."""
    LOG.warning("refused: %s of %s (justerad)", what, meeting)
    raise MeetingLocked(f"{meeting} är justerat: protokollet kan inte ändras (en rättelse är ett nytt, justerat beslut).")


def _meeting_of(table: str, row: str) -> str:
    """SQL for the meeting id of the OLD or NEW row of `table`."""
    if table in DIRECT:
        return f"{row}.meeting_id"
    if table in BY_PARAGRAPH:
        return f"(SELECT meeting_id FROM records_paragraph WHERE id = {row}.paragraph_id)"
    return (f"(SELECT p.meeting_id FROM records_vote v JOIN records_paragraph p ON p.id = v.paragraph_id "
            f"WHERE v.id = {row}.vote_id)")


def _locked(meeting: str) -> str:
    return f"EXISTS (SELECT 1 FROM records_meeting WHERE id = {meeting} AND locked)"


#: Whether any meeting is locked: one step in the partial index `meeting_locked` (migration 0011). In a
#: database of imported packets none is, and a trigger does nothing more; an import writes ~10 000 rows.
ANY_LOCKED = "EXISTS (SELECT 1 FROM records_meeting WHERE locked)"


def sqlite_statements() -> list[str]:
    statements = []
    for table in DIRECT + BY_PARAGRAPH + BY_VOTE:
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            when = f"{ANY_LOCKED} AND (" + " OR ".join(_locked(_meeting_of(table, row)) for row in rows) + ")"
            statements.append(
                f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} WHEN {when} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    statements.append(
        "CREATE TRIGGER records_meeting_locked_update BEFORE UPDATE ON records_meeting WHEN OLD.locked "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    statements.append(
        "CREATE TRIGGER records_meeting_locked_delete BEFORE DELETE ON records_meeting WHEN OLD.locked "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    return statements


def sqlite_drop() -> list[str]:
    names = [f"{t}_locked_{e}" for t in DIRECT + BY_PARAGRAPH + BY_VOTE for e in ("insert", "update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names + ["records_meeting_locked_update", "records_meeting_locked_delete"]]


def postgres_statements() -> list[str]:
    statements = []
    for table in DIRECT + BY_PARAGRAPH + BY_VOTE:
        function = f"{table}_refuse_locked"
        statements.append(f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT {ANY_LOCKED} THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP <> 'INSERT' AND {_locked(_meeting_of(table, 'OLD'))} THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
  IF TG_OP <> 'DELETE' AND {_locked(_meeting_of(table, 'NEW'))} THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$""")
        statements.append(f"CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                          f"FOR EACH ROW EXECUTE FUNCTION {function}()")
    statements.append(f"""
CREATE OR REPLACE FUNCTION records_meeting_refuse_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.locked THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$""")
    statements.append("CREATE TRIGGER records_meeting_locked BEFORE UPDATE OR DELETE ON records_meeting "
                      "FOR EACH ROW EXECUTE FUNCTION records_meeting_refuse_locked()")
    return statements


def postgres_drop() -> list[str]:
    tables = DIRECT + BY_PARAGRAPH + BY_VOTE
    return ([f"DROP TRIGGER IF EXISTS {t}_locked ON {t}" for t in tables] + [f"DROP FUNCTION IF EXISTS {t}_refuse_locked()" for t in tables]
            + ["DROP TRIGGER IF EXISTS records_meeting_locked ON records_meeting", "DROP FUNCTION IF EXISTS records_meeting_refuse_locked()"])


def install(schema_editor) -> None:
    statements = postgres_statements() if schema_editor.connection.vendor == "postgresql" else sqlite_statements()
    for sql in statements:
        schema_editor.execute(sql)


def uninstall(schema_editor) -> None:
    statements = postgres_drop() if schema_editor.connection.vendor == "postgresql" else sqlite_drop()
    for sql in statements:
        schema_editor.execute(sql)
