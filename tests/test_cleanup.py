"""Text cleanup: furniture removed, provenance kept, wrapped words joined."""
from paragraf.ingest.cleanup import clean, clean_lines
from paragraf.ingest.text import join_lines

PAGE = """ PROTOKOLL
Regionstyrelsen §§ 1-47

Tid: 2023-01-31 kl. 13:00-15:40, ajournering kl. 14:20-14:40

Plats: Sal A, Regionens hus

Protokollsutdrag, bestyrkande

Justerare, signatur

§ 4
Föregående mötesprotokoll
Texten fortsätter här.

Beslutets antal sidor
1

26S
ig

na
tu

re
 re
fe
re
nc
e:

57
""".split("\n")


def test_header_block_becomes_one_line_with_its_fields():
    lines = clean(PAGE).lines
    header = lines[0].header
    assert header is not None and lines[0].no == 1
    assert (header.body, header.date, header.start_time, header.end_time) == ("Regionstyrelsen", "2023-01-31", "13:00", "15:40")
    assert header.adjournment == "14:20-14:40"
    assert header.place == "Sal A, Regionens hus"
    assert (header.first_paragraph, header.last_paragraph) == (1, 47)


def test_furniture_removed_and_values_kept_with_source_lines():
    kept = dict(clean_lines(PAGE))
    texts = list(kept.values())
    assert "Justerare, signatur" not in texts
    assert not any(t in ("ig", "na", "re", "57") for t in texts)  # watermark and page number
    assert kept[12] == "§ 4"
    assert kept[17] == "1"  # the value under "Beslutets antal sidor" is not a page number


def test_page_counters_removed():
    texts = [t for _, t in clean_lines(["Text före", "Sida 3 av 12", "2 (4)", "Text efter"])]
    assert texts == ["Text före", "Text efter"]


def test_words_split_at_line_end_joined_real_hyphens_kept():
    assert join_lines(["regionöver-", "gripande plan"]) == "regionövergripande plan"
    assert join_lines(["på EU-", "arenan"]) == "på EU-arenan"
    assert join_lines(["Verksamhetsområde IT-", "centrum"]) == "Verksamhetsområde IT-centrum"
    assert join_lines(["hälso-", "och sjukvård"]) == "hälso- och sjukvård"
    assert join_lines(["Mats Bojestig, hälso- och", "sjukvårdsdirektör"]) == "Mats Bojestig, hälso- och sjukvårdsdirektör"
    assert join_lines(["2023-", "2026"]) == "2023-2026"
