"""A body's delegation scheme (issue 20) read from a packet (`ingest/delegation_scheme.py`) in the three layouts
real schemes are printed in, and stored as records for the review of delegated decisions.

The texts are invented, written from the shapes of published schemes:
- a table with Nr / Ärende / Delegat / Lagrum / Anmärkning columns under numbered section headings, as
  Nacka's (http://docplayer.se/46822891-Delegationsordning-dokumentets-syfte-delegationsordningen-styr-vilka-beslut-som-fattas-av-hela-aldrenamnden-delar-av-namnden-eller-anstallda.html)
  and Göteborg's Socialnämnden Centrum (https://docplayer.se/213893287-Socialnamnden-centrum-delegationsordning.html)
  print it, here as `pdftotext -layout` gives it;
- the same table read cell by cell (one cell a line), with the lagrum as socialnämnder write it (`11 kap. 1 §
  SoL`, Kungsör: http://docplayer.se/6803346-Kungsors-kommuns-forfattningssamling-nr-b-05.html);
- a point a line with lettered sections (`A Brådskande ärenden`, `B 1 Personal- och förhandlingsärenden`), a
  vidaredelegation column and a matter wrapped after the delegates, as Västra Götalandsregionen's
  (https://docplayer.se/6262421-Delegeringsordning-for-regionstyrelsen.html);
- the title and validity (`Antagen av kommunstyrelsen 8 juni 2022, § 46`, `Diarienummer KS 2022/100`, Härjedalen:
  https://www.herjedalen.se/organisation-och-politik/styrdokument-och-regler/delegationsordning/kommunstyrelsens-delegationsordning.html;
  `att gälla från den 1 januari 2015`, Region Sörmland: https://region.sormland.se/politik/styrdokument/delegationsordning/).
"""
from __future__ import annotations

import datetime as dt

import pytest

from paragraf.ingest import parse_path, parse_text
from paragraf.ingest.delegation_scheme import _title
from tests.conftest import CORPUS

COLUMNS = """Delegationsordning för regionstyrelsen
Gäller från 2023-02-01
Dnr RS 2022/3440

Nr       Ärende                                  Delegat              Lagrum        Anmärkning
4        Personal
4.1      Anställning av förvaltningschef         Regiondirektör       LAS           efter samråd med
                                                                                    presidiet
4.5      Informationssäkerhet
4.5.4    Beslut om anmälan av                    Dataskyddsombud      GDPR art. 33
         personuppgiftsincident till IMY
5        Övrigt
5.1      Beslut i brådskande ärenden             Ordförande           KL 6:39       anmäls vid nästa
                                                                                    sammanträde
                                                                                    Sida 2 (9)
Nr       Ärende                                  Delegat              Lagrum        Anmärkning
5.2      Upphandling av varor och tjänster       Regiondirektör                     upp till
                                                                                    5 mnkr per avtal
"""

CELLS = """Socialnämndens delegationsordning
Antagen av socialnämnden 2024-01-24, § 5, att gälla från den 1 februari 2024
Diarienummer SN 2023/410
Allmänt om delegation
Delegationsordningen anger vem som får besluta på nämndens vägnar
i ett visst ärende eller en viss grupp av ärenden.
Punkt
Ärende
Delegat
Lagrum
Anmärkning
3
Individ- och familjeomsorg
3.1
Beslut om bistånd i form av
försörjningsstöd
Socialsekreterare
4 kap. 1 § SoL
upp till 1,5 gånger riksnormen
3.2
Beslut om att inleda utredning
Socialsekreterare
11 kap. 1 § SoL
3.3 Beslut om kontaktperson
Enhetschef
SoL 4 kap 1 §
"""

FLOWED = """DELEGATIONSORDNING för kommunstyrelsen
Gäller fr.o.m. 2023-05-01
Nr Ärende Delegat Vidaredelegation Anmärkning
A Brådskande ärenden
A.1 Beslut i ärenden som är så brådskande att styrelsens avgörande inte kan avvaktas Ordförande Au
B 1 Personal- och förhandlingsärenden
B 1.1 Utse förvaltningschefer efter samråd med berörda Kommundirektör Kommundirektör
nämnder och styrelser
B 1.2 Attestering av fakturor Ekonomichef upp till 5 mnkr
B 1.3 Teckna lokala kollektivavtal Personalchef eller förhandlingschef
"""


def points(text: str) -> list[tuple]:
    [scheme] = parse_text(text, "scheme.txt")["delegation_schemes"]
    return [(p["number"], p["matter"], p["delegate_role"], p["law"], p["limits"]) for p in scheme["points"]]


def test_a_scheme_printed_in_columns():
    [scheme] = parse_text(COLUMNS, "rs.txt")["delegation_schemes"]
    assert (scheme["title"], scheme["body"], scheme["valid_from"], scheme["case_number"], scheme["first_line"]) == (
        "Delegationsordning för regionstyrelsen", "Regionstyrelsen", "2023-02-01", "RS 2022/3440", 1)
    # The section headings (`4 Personal`, `4.5 Informationssäkerhet`) are no points; wrapped cells go on under
    # their column; the header repeated after a page number is skipped.
    assert points(COLUMNS) == [
        ("4.1", "Anställning av förvaltningschef", "Regiondirektör", "LAS", "efter samråd med presidiet"),
        ("4.5.4", "Beslut om anmälan av personuppgiftsincident till IMY", "Dataskyddsombud", "GDPR art. 33", None),
        ("5.1", "Beslut i brådskande ärenden", "Ordförande", "KL 6:39", "anmäls vid nästa sammanträde"),
        ("5.2", "Upphandling av varor och tjänster", "Regiondirektör", None, "upp till 5 mnkr per avtal"),
    ]
    assert scheme["last_line"] == 18 and scheme["points"][1]["line"] == 10


def test_a_scheme_read_cell_by_cell():
    [scheme] = parse_text(CELLS, "sn.txt")["delegation_schemes"]
    assert (scheme["body"], scheme["valid_from"], scheme["case_number"]) == ("Socialnämnden", "2024-02-01", "SN 2023/410")
    assert points(CELLS) == [
        ("3.1", "Beslut om bistånd i form av försörjningsstöd", "Socialsekreterare", "4 kap. 1 § SoL", "upp till 1,5 gånger riksnormen"),
        ("3.2", "Beslut om att inleda utredning", "Socialsekreterare", "11 kap. 1 § SoL", None),
        ("3.3", "Beslut om kontaktperson", "Enhetschef", "SoL 4 kap 1 §", None),
    ]


def test_a_scheme_a_point_a_line():
    [scheme] = parse_text(FLOWED, "ks.txt")["delegation_schemes"]
    assert (scheme["body"], scheme["valid_from"]) == ("Kommunstyrelsen", "2023-05-01")
    assert points(FLOWED) == [
        ("A.1", "Beslut i ärenden som är så brådskande att styrelsens avgörande inte kan avvaktas", "Ordförande", None,
         "Vidaredelegation: Au"),
        # The matter wrapped onto a line of its own after the delegates goes on with the matter.
        ("B 1.1", "Utse förvaltningschefer efter samråd med berörda nämnder och styrelser", "Kommundirektör", None,
         "Vidaredelegation: Kommundirektör"),
        ("B 1.2", "Attestering av fakturor", "Ekonomichef", None, "upp till 5 mnkr"),
        ("B 1.3", "Teckna lokala kollektivavtal", "Personalchef eller förhandlingschef", None, None),
    ]


def test_two_schemes_one_after_the_other_and_the_title_repeated_as_a_running_header():
    with_running_header = CELLS.replace("3.2\n", "Socialnämndens delegationsordning\n3.2\n")
    first, second = parse_text(with_running_header + FLOWED, "two.txt")["delegation_schemes"]
    assert (first["body"], len(first["points"]), second["body"], len(second["points"])) == ("Socialnämnden", 3, "Kommunstyrelsen", 4)
    assert first["points"][1]["matter"] == "Beslut om att inleda utredning"


def test_a_title_without_a_table_or_prose_that_names_a_scheme_is_no_scheme():
    text = ("Delegationsordning för socialnämnden\nNämnden beslutar att anta delegationsordningen.\n"
            "Ärende Delegat\n§ 7 Nästa ärende\n3.1 Beslut om bistånd Socialsekreterare\n")
    assert parse_text(text, "x.txt")["delegation_schemes"] == []
    assert _title("Delegationsordning - Regionstyrelsen 2023-2026") == "Regionstyrelsen"
    assert _title("• Framtaget förslag till delegationsordning för regionstyrelsen inför") is None
    assert _title("Delegationsordningen anger vem som får besluta på nämndens vägnar") is None


@pytest.mark.parametrize("name", ["000_9183b8d70dd3de41.txt", "003_09654b114c25dc54.txt"])
def test_the_corpus_holds_no_scheme(name):
    """000 decides Regionstyrelsen's scheme in § 16 (its title `Delegationsordning - Regionstyrelsen 2023-2026`)
    without printing it, and names it in prose; 003 names it in prose only."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert "delegationsordning" in text.casefold()
    assert parse_path(CORPUS / name)["delegation_schemes"] == []


PACKET = """PROTOKOLL
Socialnämnden
Sammanträdesdatum 2024-01-24

§ 5 Delegationsordning för socialnämnden
Dnr SN 2023/410
Beslut
Socialnämnden fastställer delegationsordningen att gälla från och med 2024-02-01.

§ 6 Anmälan av delegationsbeslut
Dnr SN 2024/12
Beslut
Socialnämnden lägger delegationsbesluten till handlingarna.

Förteckning över delegationsbeslut till Socialnämnden 2024-02-28
SN 2024/12
Punkt Ärende Diarienummer Beslutsdatum Delegat
3.1 Beslut om försörjningsstöd SN 2024/301 2024-02-02 Eva Ek
9.9 Beslut om bostadsanpassning SN 2024/318 2024-02-09 Olle Ström

Bilaga 1 till SN § 5
Delegationsordning för socialnämnden
Punkt Ärende Delegat Anmärkning
3 Individ- och familjeomsorg
3.1 Beslut om bistånd i form av försörjningsstöd Socialsekreterare upp till 1,5 gånger
riksnormen
3.2 Beslut om att inleda utredning Socialsekreterare
"""

LATER = """PROTOKOLL
Socialnämnden
Sammanträdesdatum 2024-02-28

§ 12 Information
Beslut
Socialnämnden tar del av informationen.
"""


@pytest.mark.django_db
def test_a_decided_scheme_is_stored_and_the_review_lists_a_decision_under_a_point_it_lacks():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from paragraf.records.importer import import_bytes
    from paragraf.records.models import DelegationScheme, Meeting, Paragraph
    from paragraf.review.engine import review

    assert import_bytes(LATER.encode(), "sn-2024-02-28.txt").ok
    result = import_bytes(PACKET.encode(), "sn-2024-01-24.txt")
    assert result.ok, result.message
    assert result.counts["delegation schemes"] == 1 and result.counts["delegation points"] == 2
    [scheme] = DelegationScheme.objects.filter(body__name="Socialnämnden", title="Delegationsordning för socialnämnden")
    decided_in = Paragraph.objects.get(meeting__date=dt.date(2024, 1, 24), meeting__body=scheme.body, number=5)
    # The scheme's text states no date: the deciding §'s decision does.
    assert (scheme.valid_from, scheme.decided_in) == (dt.date(2024, 2, 1), decided_in)
    assert [(p.number, p.matter, p.delegate_role, p.limits) for p in scheme.points.all()] == [
        ("3.1", "Beslut om bistånd i form av försörjningsstöd", "Socialsekreterare", "upp till 1,5 gånger riksnormen"),
        ("3.2", "Beslut om att inleda utredning", "Socialsekreterare", ""),
    ]

    # The register is reported at 2024-02-28, when the scheme is in force: 9.9 is no point of it, 3.1 is.
    later = Meeting.objects.get(body=scheme.body, date=dt.date(2024, 2, 28))
    findings = [f for f in review(Meeting.objects.filter(pk=later.pk)) if f.rule.code == "delegation"]
    assert [f.explanation for f in findings] == [
        "Beslutet ”Beslut om bostadsanpassning” anges fattat enligt punkt 9.9, som inte finns i Delegationsordning för socialnämnden."]

    # A new parser version re-imports the packet: the scheme is written anew, not doubled.
    assert import_bytes(PACKET.encode(), "sn-2024-01-24.txt", force=True).ok
    [again] = DelegationScheme.objects.filter(body=scheme.body)
    assert again.pk == scheme.pk and again.points.count() == 2

    assert again.source_file.name == "sn-2024-01-24.txt"  # the import's own

    # Staff correct a point in the admin: the scheme is theirs, a re-import leaves it alone.
    from tests.admin_forms import change_form_data

    client = Client()
    client.force_login(get_user_model().objects.create_superuser("registrator-delegering", password="pw-for-tests"))
    url = f"/admin/records/delegationscheme/{again.pk}/change/"
    data = change_form_data(client.get(url), ("points",))
    row = next(k.removesuffix("-number") for k, v in data.items() if k.startswith("points-") and v == "3.2")
    assert client.post(url, {**data, f"{row}-delegate_role": "Enhetschef"}).status_code == 302
    again.refresh_from_db()
    assert again.source_file is None
    result = import_bytes(PACKET.encode(), "sn-2024-01-24.txt", force=True)
    assert result.counts["delegation schemes kept as staff made them"] == 1
    assert DelegationScheme.objects.filter(body=scheme.body).count() == 1
    assert again.points.get(number="3.2").delegate_role == "Enhetschef"


@pytest.mark.django_db
def test_a_scheme_staff_save_in_the_secretariat_is_kept_by_a_re_import():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from paragraf.records.importer import import_bytes
    from paragraf.records.models import DelegationScheme

    assert import_bytes(PACKET.encode(), "sn-2024-01-24.txt").ok
    [scheme] = DelegationScheme.objects.filter(title="Delegationsordning för socialnämnden")
    assert scheme.source_file is not None
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("sekreterare-delegering", password="pw-for-tests"))
    url = f"/sekretariat/organ/{scheme.body.pk}/delegationsordning/{scheme.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    form, formset = page.context["form"], page.context["formset"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
    for i, point in enumerate(formset.forms):
        data.update({f"{formset.prefix}-{i}-{name}": "" if point[name].value() is None else point[name].value() for name in point.fields})
    data["valid_from"] = scheme.valid_from.isoformat()
    first = next(i for i, point in enumerate(formset.forms) if point["number"].value() == "3.1")
    data[f"{formset.prefix}-{first}-limits"] = "upp till 2 gånger riksnormen"
    assert client.post(url, data).status_code == 302
    scheme.refresh_from_db()
    assert scheme.source_file is None

    result = import_bytes(PACKET.encode(), "sn-2024-01-24.txt", force=True)
    assert result.counts["delegation schemes kept as staff made them"] == 1
    assert scheme.points.get(number="3.1").limits == "upp till 2 gånger riksnormen"


@pytest.mark.django_db
def test_a_scheme_the_packet_no_longer_gives_goes_unless_staff_made_it_theirs():
    from paragraf.records.importer import import_bytes
    from paragraf.records.models import DelegationScheme

    assert import_bytes(PACKET.encode(), "sn-2024-01-24.txt").ok
    [scheme] = DelegationScheme.objects.filter(title="Delegationsordning för socialnämnden")
    # What an earlier parser read of the same bytes: a title that the packet, read now, no longer gives.
    misread = DelegationScheme.objects.create(body=scheme.body, title="Delegationsordning för socialnämnden Punkt",
                                              valid_from=scheme.valid_from, source_file=scheme.source_file)
    result = import_bytes(PACKET.encode(), "sn-2024-01-24.txt", force=True)
    assert result.ok, result.message
    assert result.counts["delegation schemes no longer in the packet"] == 1
    assert list(DelegationScheme.objects.filter(body=scheme.body)) == [scheme]

    theirs = DelegationScheme.objects.create(body=scheme.body, title=misread.title, valid_from=scheme.valid_from, source_file=None)
    result = import_bytes(PACKET.encode(), "sn-2024-01-24.txt", force=True)
    assert "delegation schemes no longer in the packet" not in result.counts
    assert DelegationScheme.objects.filter(pk=theirs.pk).exists()  # staff made it: theirs to remove
