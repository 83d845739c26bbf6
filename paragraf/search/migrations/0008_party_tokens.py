"""SQLite: party tokens FTS5 keeps whole (`schema.party_token`).

Migration 0007 wrote each party as `_p_` and its code, which FTS5 splits at a character other
than a letter, digit or `_`: `_p_-` (no party) was indexed as `_p_`. Such parties now have
that character as `_` and its code in hex (`_p__2d`); the entries with one are written again
here (few: the other tokens are unchanged). Reverse: 0007's tokens again.
"""
from django.db import migrations

from paragraf.search.schema import party_token


def _tokens(party: str, encode: bool) -> str:
    return party_token(party) if encode else "_p_" + party.lower()


def _rewrite(encode: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        SearchEntry = apps.get_model("search", "SearchEntry")
        for entry in SearchEntry.objects.exclude(parties="").only("pk", "parties", "text_terms").iterator():
            parties = entry.parties.split()
            if all(party.isalnum() for party in parties):
                continue
            old = [_tokens(p, not encode) for p in parties]
            words = entry.text_terms.split(" ")
            kept = [w for w in words if w not in old or not w.startswith("_p_")]
            entry.text_terms = " ".join(kept + [_tokens(p, encode) for p in parties])
            SearchEntry.objects.filter(pk=entry.pk).update(text_terms=entry.text_terms)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0007_filter_tokens")]

    operations = [migrations.RunPython(_rewrite(True), _rewrite(False))]
