"""Indicators (mätetal): rows of `Mätetal Målvärde Resultat Analys` tables."""
from __future__ import annotations

from paragraf.ingest.model import Indicator


def read_indicators(segments) -> list[Indicator]:
    return []
