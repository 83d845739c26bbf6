"""X-mark tables (närvaro- och omröstningslistor) read by the character columns of
their heading row, in layouts other than the template packets'."""
from paragraf.ingest import parse_text
from paragraf.ingest.cleanup import clean
from paragraf.ingest.marktables import read_mark_tables, table_attendance

# Two votes side by side, the § of each above its columns; a Parti column; the
# table indented; lower-case marks; a two-word substitute heading.
TWO_VOTES = """\
    Närvaro- och omröstningslista
                                                          § 12            § 15
    Ledamot          Parti   Tjänstgörande ersättare  Närv   Ja  Nej  Avstår   Ja  Nej  Avstår
    Anna Ek          S                                 x     x                 x
    Bo Al            M       Cia Berg                  x          x                 x
    Dan Ny           SD                                                     
    Eva Ros          V                                 x               x            x
    Summa                                              3     1    1    1       1    2
"""


def tables_of(text: str):
    lines = clean(text.split("\n")).lines
    return lines, read_mark_tables(lines)


def test_two_votes_by_column_and_paragraph_labels():
    _, tables = tables_of(TWO_VOTES)
    (table,) = tables
    assert table.vote_paragraphs == [12, 15]
    assert table.voters(0, "yes") == ["Anna Ek"]
    assert table.voters(0, "no") == ["Cia Berg"]  # the serving substitute votes
    assert table.voters(0, "abstain") == ["Eva Ros"]
    assert table.voters(1, "yes") == ["Anna Ek"]
    assert table.voters(1, "no") == ["Cia Berg", "Eva Ros"]


def test_attendance_from_the_presence_column():
    _, tables = tables_of(TWO_VOTES)
    got = [(a.name, a.party, a.group, a.replaces) for a in table_attendance(tables)]
    # Dan Ny has no mark: absent. The substitute takes the member's party column.
    assert got == [("Anna Ek", "S", "beslutande", None), ("Cia Berg", "M", "beslutande", "Bo Al"),
                   ("Eva Ros", "V", "beslutande", None)]


def test_table_goes_on_over_a_page_break_without_its_heading_row():
    text = """\
Omröstningslista § 7
Ledamöter                 Ersättare            Ja    Nej
Anna Ek (S)                                     X
Bo Al (M)                                             X

Justerandes sign          Utdragsbestyrkande
SAMMANTRÄDESPROTOKOLL                                 5(5)

Cia Berg (C)              Dan Ny (C)            X
Summa                                           2     1
"""
    _, tables = tables_of(text)
    (table,) = tables
    assert table.vote_paragraphs == [7]
    assert table.voters(0, "yes") == ["Anna Ek", "Dan Ny"]
    assert table.voters(0, "no") == ["Bo Al"]


def test_prose_is_not_a_table():
    text = """\
Ledamöterna röstar ja eller nej.
Ja-röst för bifall, nej-röst för avslag.
Anna Ek (S)    X
"""
    assert tables_of(text)[1] == []


MINUTES = """\
PROTOKOLL
Tekniska nämnden
Sammanträdesdatum 2023-05-10

Plats och tid   Stadshuset, kl. 9.00–11.00

Beslutande      Se närvarolista, bilaga

Ersättare       Gun Ny (S), Per Holm (M)

§ 1

Budget

Beslut
Nämnden antar budgeten.

Omröstning
Med 3 ja-röster mot 2 nej-röster beslutar nämnden enligt förslaget.
Omröstningsresultatet framgår av bilaga.

§ 2

Val av justerare

Beslut
Anna Ek (S) utses att justera protokollet.

PROTOKOLL
Tekniska nämnden
Sammanträdesdatum 2023-05-10

Bilaga
Närvarolista och omröstning

Ledamot                 Ersättare             Närvarande    Ja    Nej
Anna Ek (S)                                        X         X
Bo Al (M)               Cia Berg (M)               X               X
Dan Ny (C)                                         X         X
Eva Ros (V)                                        X               X
Ivar Lund (KD)
Åke Sand (L)                                       X         X
"""


def test_annex_without_paragraph_goes_to_the_one_vote_without_names():
    doc = parse_text(MINUTES)
    (m,) = doc["meetings"]
    paras = {p["number"]: p for p in m["paragraphs"]}
    # the annex is cut off the last §
    assert paras[2]["decision"] == "Anna Ek (S) utses att justera protokollet."
    assert paras[2]["votes"] == []
    (vote,) = paras[1]["votes"]
    assert (vote["method"], vote["yes"], vote["no"], vote["abstain"]) == ("open", 3, 2, 0)
    assert vote["yes_names"] == ["Anna Ek", "Dan Ny", "Åke Sand"] and vote["no_names"] == ["Cia Berg", "Eva Ros"]
    attendance = {(a["name"], a["group"]): a for a in m["attendance"]}
    # a row without marks is a member who was absent
    assert set(attendance) == {("Anna Ek", "beslutande"), ("Cia Berg", "beslutande"), ("Dan Ny", "beslutande"),
                               ("Eva Ros", "beslutande"), ("Åke Sand", "beslutande"),
                               ("Gun Ny", "ersättare"), ("Per Holm", "ersättare")}
    assert attendance[("Cia Berg", "beslutande")]["replaces"] == "Bo Al"


def test_flattened_table_gives_presence_but_no_votes():
    """Text whose runs of spaces were folded (PDF extraction): the marks cannot be
    told apart by column, so the table gives who was there, and no vote."""
    text = """\
Omröstningsbilaga § 4
Ledamöter Ers Närv Ja Nej Avstår
Anna Ek (S) X X
Bo Al (M) Cia Berg (M) X X
Dan Ny (C)
Eva Ros V Åke Sand V X X
Summa 3 2 1
"""
    _, tables = tables_of(text)
    (table,) = tables
    assert table.voters(0, "yes") == [] and table.voters(0, "no") == []
    got = [(a.name, a.party, a.replaces) for a in table_attendance(tables)]
    assert got == [("Anna Ek", "S", None), ("Cia Berg", "M", "Bo Al"), ("Åke Sand", "V", "Eva Ros")]


def test_vote_written_as_words_in_a_column():
    text = """\
Voteringslista § 9
Namn               Parti    Närvaro        Röst
Anna Ek            S        Närvarande     Ja
Bo Al              M        Närvarande     Nej
Dan Ny             C        Frånvarande
Eva Ros            V        Närvarande     Avstår
"""
    _, tables = tables_of(text)
    (table,) = tables
    assert table.vote_paragraphs == [9]
    assert (table.voters(0, "yes"), table.voters(0, "no"), table.voters(0, "abstain")) == (
        ["Anna Ek"], ["Bo Al"], ["Eva Ros"])
    assert [a.name for a in table_attendance(tables)] == ["Anna Ek", "Bo Al", "Eva Ros"]
