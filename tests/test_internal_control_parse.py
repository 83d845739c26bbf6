"""The internal control report of 003 (issue 20): its seven control points, each with the observations and
proposed actions it lists (counted by hand from the bullets of the text), a title wrapped over a line, and
the report ended where the next document's page begins."""
from __future__ import annotations

from paragraf.ingest import parse_path, parse_text
from tests.conftest import CORPUS

# (number, title, observations, actions), read from lines 2496-3272 of the packet.
EXPECTED = [
    (1, "Extra ersättningar till personal", 10, 7),
    (2, "Arbetsbelastning som följd av Corona-pandemin", 11, 6),
    (3, "Licenser i IT-system", 4, 1),
    (4, "Utnyttjande av statliga projektmedel", 9, 4),
    (5, "Inkurans i lager och förråd", 3, 3),
    (6, "Ersättningssystemet inom primärvården", 5, 5),
    (7, "Avtalstrohet", 8, 9),
]


def test_003s_control_points_with_their_observations_and_actions():
    [report] = parse_path(CORPUS / "003_09654b114c25dc54.txt")["internal_control"]
    assert (report["title"], report["year"]) == ("Uppföljning av intern kontrollplan 2021", 2021)
    points = report["control_points"]
    assert [(p["number"], p["title"], len(p["observations"]), len(p["actions"])) for p in points] == EXPECTED
    first = points[0]
    assert first["observations"][1].startswith("De beslut som enligt uppgift från HR är delegationsbeslut är inte diarieförda")
    assert first["actions"][1] == ("Säkerställ att diarieföring av och anmälan av delegationsbeslut sker i enlighet med "
                                   "gällande delegationsordning alternativt regiondirektörens vidaredelegering.")
    assert points[-1]["actions"][-1].endswith("som ger svar på om utfallet blev enligt förväntan.")


def test_an_invented_report_with_page_furniture_between_bullets():
    text = ("PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2024-02-01\n\n§ 5 Intern kontroll\nBeslut\nRapporten godkänns.\n\n"
            "Uppföljning av intern kontrollplan 2023\n"
            "Kontrollmoment 1 – Attest av\nleverantörsfakturor\n"
            "Följande iakttagelser har noterats:\n• Tre fakturor saknade\nattest.\n12\n• En faktura attesterades av\nsamma person som beställde.\n"
            "Förslag till åtgärder:\n• Inför kontroll i\nekonomisystemet.\n")
    [report] = parse_text(text, "ks.txt")["internal_control"]
    [point] = report["control_points"]
    assert point["title"] == "Attest av leverantörsfakturor"
    assert point["observations"] == ["Tre fakturor saknade attest.", "En faktura attesterades av samma person som beställde."]
    assert point["actions"] == ["Inför kontroll i ekonomisystemet."]


def test_the_portal_shows_the_control_points_and_their_actions(client, db):
    page = client.get("/organisationer/region-jonkopings-lan/intern-kontroll/").content.decode()
    assert "<h2 id=\"r1\">Uppföljning av intern kontrollplan 2021</h2>" in page
    assert "<h3 class=\"long-text\">Kontrollmoment 1 – Extra ersättningar till personal</h3>" in page
    assert "<h4>Iakttagelser (10)</h4>" in page and "<h4>Förslag till åtgärder (7)</h4>" in page
    assert 'href="/organisationer/region-jonkopings-lan/intern-kontroll/"' in client.get("/organisationer/region-jonkopings-lan/").content.decode()
