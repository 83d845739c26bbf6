"""A controller follows up a report's goals in Chromium (issue 20): the tree (perspective → strategic goal →
indicators), a chart over the years with its table beside it, each indicator's status computed and as the
report states it; the XLSX download opens (openpyxl) with the figures the page shows."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.browsing import axe_violations, describe, launch
from tests.live_portal import serve_corpus

BODY = "/namnd-for-folkhalsa-och-sjukvard/"
REPORT = "Verksamhetsberättelse 2021 Medicinsk vård"
LABEL = "Kundtillfredsställelse - nationell patientenkät"
# The year before, as last year's report would have brought it: the series gets a chart.
PREPARE = f"""
from paragraf.records.models import Indicator
latest = Indicator.objects.get(label="{LABEL}", report="Verksamhetsberättelse 2021 Medicinsk vård")
Indicator.objects.create(organization=latest.organization, source_file=latest.source_file, first_line=latest.first_line,
    last_line=latest.last_line, position=9999, report=latest.report, perspective=latest.perspective, goal=latest.goal,
    label=latest.label, target="80 %", result="88,2 %", year=2020, unit="%")
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("followup"), prepare=PREPARE) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def page(portal):
    with launch() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", accept_downloads=True)
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()


def test_a_controller_sees_the_tree_the_chart_with_its_table_and_downloads_the_same_figures(page, portal, tmp_path):
    assert page.goto(portal + BODY).status == 200
    page.get_by_role("link", name="Uppföljning", exact=True).click()
    assert page.url == portal + BODY + "uppfoljning/"
    report = page.locator("main section.report", has=page.locator("h2", has_text=REPORT))
    perspective = report.locator("section", has=page.locator("h3", has_text="Medborgare och kund"))
    assert perspective.locator("h4", has_text="Jämlik hälsa och nöjda patienter/kunder").count() == 1

    row = perspective.locator("tbody tr", has_text=LABEL).first
    assert row.locator("figure.chart svg[role=img]").count() == 1
    chart_table = row.locator("table.chart-table")
    assert chart_table.locator("tbody tr").all_inner_texts() == ["2020\t88,2", "2021\t91,6"]
    cells = row.locator(":scope > td").all_inner_texts()
    assert cells[2:6] == ["80 %", "91,6 %", "uppfyllt\nhögre är bättre", "uppfyllt"]

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    path = tmp_path / "matetal.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    mine = {row[header.index("År")]: row for row in rows[1:] if row[header.index("Mätetal")] == LABEL and row[header.index("Rapport")] == REPORT}
    assert sorted(mine) == [2020, 2021]
    latest = mine[2021]
    assert (latest[header.index("Målvärde")], latest[header.index("Resultat")], latest[header.index("Status")],
            latest[header.index("Status enligt rapporten")], latest[header.index("Strategiskt mål")]) == (
        "80 %", "91,6 %", "uppfyllt", "uppfyllt", "Jämlik hälsa och nöjda patienter/kunder")
    assert mine[2020][header.index("Resultat")] == "88,2 %"
    # The reports to this body only: the nämnd's six verksamhetsberättelser, none of the arbetsutskott's.
    assert len({r[header.index("Rapport")] for r in rows[1:]}) == 6
    assert "IT-centrum, Verksamhetsberättelse" not in {r[header.index("Rapport")] for r in rows[1:]}
    # Every figure the reports' trees show is in the file (the internal control table below them has no figures).
    tree_rows = page.locator("main section.report table.stack > tbody > tr").all()
    shown = {tuple(r.locator(":scope > td").all_inner_texts()[2:4]) for r in tree_rows}
    assert len(shown) > 20 and shown <= {(r[header.index("Målvärde")] or "", r[header.index("Resultat")] or "") for r in rows[1:]}

    violations = axe_violations(page)
    assert not violations, describe(violations)
