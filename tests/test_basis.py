"""The basis of a § item by item (`records/basis.py`): the document each item names, linked;
a cited protocol a step of the case at the item's own line; on the corpus and its pages."""
from __future__ import annotations

import datetime as dt

import pytest

from paragraf.records.basis import link_basis
from paragraf.records.models import CitedStep, Meeting

pytestmark = pytest.mark.django_db


def paragraph(body: str, date: str, number: int):
    return Meeting.objects.get(body__name=body, date=date).paragraphs.get(number=number)


def links(par) -> list[tuple[str, str | None]]:
    return [(link.text, link.document.kind if link.document else None)
            for link in link_basis(par.basis, list(par.documents.all()))]


def test_each_item_is_linked_to_the_document_it_names_by_date_or_by_title():
    par = paragraph("Regionstyrelsens arbetsutskott", "2023-02-28", 30)
    assert links(par) == [
        ("Missiv daterat 2023-01-31", "missiv"),
        ("Verksamhetsberättelse 2022 Regionledningskontor med verksamhetsnära funktion", "verksamhetsberattelse"),
        ("Verksamhetsberättelse 2022 IT-centrum", "verksamhetsberattelse"),
        ("Verksamhetsberättelse 2022 Verksamhetsstöd och service", "verksamhetsberattelse"),
    ]
    missiv = par.documents.get(kind="missiv")
    assert missiv.date == dt.date(2023, 1, 31) and missiv.case == par.case


def test_a_letter_of_another_case_with_the_same_date_is_not_linked():
    par = paragraph("Regionstyrelsens arbetsutskott", "2023-02-28", 27)
    assert ("Missiv daterat 2023-02-15", None) in links(par)  # the missiv of that date is of case 2023/4…
    assert all(d.case_id in (par.case_id, None) for d in par.documents.all())


def test_an_extract_repeating_the_title_is_the_paragraph_not_a_document_of_its_basis():
    par = paragraph("Regionstyrelsens arbetsutskott", "2023-02-28", 26)
    assert not par.documents.filter(kind="protokollsutdrag").exists()
    assert ("Reviderad arbetsordning för Kommunalt forum", "arbetsordning") in links(par)


def test_a_cited_protocol_is_a_step_at_the_line_of_its_item(corpus_lines):
    par = paragraph("Regionstyrelsen", "2023-01-31", 14)
    step = CitedStep.objects.get(paragraph=par, date=dt.date(2022, 6, 2))
    assert step.source_file == par.source_file and par.first_line < step.first_line <= par.last_line
    assert "Protokollsutdrag regionfullmäktiges presidium 2022-06-02" in corpus_lines(par.source_file.name)[step.first_line - 1]


def test_the_paragraph_page_links_the_items_and_marks_cited_steps(client):
    html = client.get("/regionstyrelsens-arbetsutskott/2023-02-28/30/").content.decode()
    assert '">Verksamhetsberättelse 2022 IT-centrum</a>' in html
    cited = client.get("/regionstyrelsen/2023-01-31/14/").content.decode()
    assert cited.count("citerat här") == 7  # the seven protocols of the basis; the motion and its answer are no steps
