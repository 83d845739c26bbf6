"""Search kept equal to the records whatever writes them: a §, an agenda item or a document changed
outside an import (a correction in the admin, the secretariat) has its entry written anew in the same
transaction, so a search right after the save finds the new words, and a rolled-back save leaves the
entry as it was.

Imports are left out here: they run inside `records.changes.batched()` and index their whole packet at
its end (`packet_stored`), in their own transaction. A restore rebuilds the index (`exchange`).
What an entry is made of: the § (its texts, and the parties of its proposals, reservations and ballots),
its meeting (body, date, organisation), the agenda item, the document.
"""
from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from paragraf.records import changes
from paragraf.records.models import AgendaItem, Ballot, Dissent, Document, Meeting, Paragraph, Proposal, Vote

# Rows whose change changes the entry of their § (its text or its parties).
PARAGRAPH_PARTS = (Proposal, Dissent, Vote)


def connect() -> None:
    for model in (Paragraph, AgendaItem, Document, Meeting, *PARAGRAPH_PARTS, Ballot):
        post_save.connect(_saved, sender=model, dispatch_uid=f"paragraf.search.sync.save.{model.__name__}")
    for model in (*PARAGRAPH_PARTS, Ballot):
        post_delete.connect(_saved, sender=model, dispatch_uid=f"paragraf.search.sync.delete.{model.__name__}")
    for through in (Proposal.proposers.through, Dissent.people.through):
        m2m_changed.connect(_people_changed, sender=through, dispatch_uid=f"paragraf.search.sync.m2m.{through.__name__}")


def _saved(sender, instance, **kwargs) -> None:
    if changes.in_batch() or kwargs.get("raw") or _cascaded(sender, instance, kwargs.get("origin")):
        return
    from paragraf.search.index import index_records_of

    if isinstance(instance, Paragraph):
        index_records_of(paragraphs=[instance.pk])
    elif isinstance(instance, AgendaItem):
        index_records_of(agenda_items=[instance.pk])
    elif isinstance(instance, Document):
        index_records_of(documents=[instance.pk])
    elif isinstance(instance, Meeting):
        fields = kwargs.get("update_fields")
        if fields is not None and not {"date", "body", "body_id"} & set(fields):
            return  # a save of other fields (published, locked …): its entries are unchanged
        index_records_of(paragraphs=list(instance.paragraphs.values_list("pk", flat=True)),
                         agenda_items=list(instance.agenda_items.values_list("pk", flat=True)))
    elif isinstance(instance, Ballot):
        index_records_of(paragraphs=list(Vote.objects.filter(pk=instance.vote_id).values_list("paragraph_id", flat=True)))
    else:
        index_records_of(paragraphs=[instance.paragraph_id])


def _cascaded(sender, instance, origin) -> bool:
    """A row deleted because its §, vote or meeting is (`origin`): the § goes too, or its own delete
    signal brings its entry up to date; indexing the § here would write an entry of a § being deleted."""
    if origin is None or origin is instance:
        return False
    return getattr(origin, "model", None) is not sender


def _people_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and not changes.in_batch() and isinstance(instance, (Proposal, Dissent)):
        from paragraf.search.index import index_records_of

        index_records_of(paragraphs=[instance.paragraph_id])
