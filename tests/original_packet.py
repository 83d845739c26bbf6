"""A PDF packet for the tests of original pages: the minutes of corpus packet 003 (§§ 4-25 of
Nämnd för folkhälsa och sjukvård 2022-01-25) rendered page by page as the region's PDF has them,
the meeting day as given, with a personal number written on the first page (PERSONAL_NUMBER) for the masking to find."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import CORPUS
from tests.pdfs import render_pdf

PERSONAL_NUMBER = "19121212-1212"
MARKED_LINE = f"Kontakt i ärendet nås via personnummer {PERSONAL_NUMBER} hos registrator"


def minutes_pages() -> list[list[str]]:
    lines = (CORPUS / "003_09654b114c25dc54.txt").read_text(encoding="utf-8").split("\n")[157:1611]
    pages: list[list[str]] = []
    for line in lines:
        if line.strip() == "PROTOKOLL" or not pages:
            pages.append([])
        pages[-1].append(line)
    return pages


def write_minutes_pdf(path: Path, date: str = "2022-01-25") -> Path:
    """The minutes as a PDF at `path`; `date` another meeting day (a meeting the corpus does not hold)."""
    pages = [[line.replace("Tid: 2022-01-25", f"Tid: {date}") for line in page] for page in minutes_pages()]
    pages[0] = [*pages[0][:3], MARKED_LINE, *pages[0][3:]]
    return render_pdf(pages, path)
