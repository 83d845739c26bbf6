"""The registers reported to meetings (issue 20), as the importer reads them (`ingest/registers.py`):
003's scored against the gold written by hand (samples/eval/registers-gold-003.json), 000's printed
from the case system read record by record, and invented registers of other shapes."""
from __future__ import annotations

import copy
import json

import pytest

from paragraf.ingest import parse_path, parse_text
from tests.conftest import CORPUS, SAMPLES, load_scorer


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((SAMPLES / "eval" / "registers-gold-003.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packet_003() -> dict:
    return parse_path(CORPUS / "003_09654b114c25dc54.txt")


def test_003s_registers_score_at_least_097_on_the_gold(gold, packet_003):
    result = load_scorer().combined(gold, packet_003)
    assert result["register_entries"]["f1"] >= 0.97
    assert result["score"] >= 0.97, result


def test_the_scorer_counts_a_missing_entry_and_a_wrong_delegate(gold, packet_003):
    broken = copy.deepcopy(packet_003)
    decisions = next(r for r in broken["registers"] if r["kind"] == "delegationsbeslut")["delegated_decisions"]
    decisions.pop()
    decisions[0]["delegate"] = "Någon Annan"
    result = load_scorer().combined(gold, broken)
    assert result["register_entries"]["recall"] < 1.0
    assert result["fields"]["delegated_decisions.delegate"] < 1.0


def test_000s_delegation_register_printed_as_records():
    packet = parse_path(CORPUS / "000_9183b8d70dd3de41.txt")
    [register] = [r for r in packet["registers"] if r["kind"] == "delegationsbeslut"]
    assert (register["body"], register["meeting_date"]) == ("Regionstyrelsen", "2023-03-07")
    decisions = register["delegated_decisions"]
    assert len(decisions) == 14
    first, second = decisions[:2]
    # The first has no case number; its delegation point stands on a line of its own.
    assert (first["point"], first["case_number"], first["date"], first["delegate"]) == ("RS 4.7.2", None, "2023-01-12", "Jane Ydman")
    assert first["title"] == "Beslut om bevarandetider och gallring tagna under 2022 på vidaredelegering från regiondirektören"
    # The delegate is written after the description and at the end of the date line, after the sender.
    assert (second["title"], second["case_number"], second["point"], second["delegate"]) == (
        "Delgivningskvitto", "RJL 2023/318", "RS 4.4.1", "Nina Granström")
    assert {d["delegate"] for d in decisions} == {
        "Jane Ydman", "Nina Granström", "Carina Mattsson Sandberg", "Johan Cederlund", "Charlotta Larsdotter", "Martin Takac"}


def test_000s_information_register_keeps_entries_without_a_case_number():
    packet = parse_path(CORPUS / "000_9183b8d70dd3de41.txt")
    [register] = [r for r in packet["registers"] if r["kind"] == "informationshandlingar"]
    minutes = [d for d in register["information_documents"] if d["category"] == "Protokoll"]
    assert [(d["title"], d["date"], d["case_number"]) for d in minutes][:2] == [
        ("Regionstyrelsens arbetsutskott", "2023-02-28", None), ("Upphandlingsdelegationen", "2023-02-08", None)]
    assert len(minutes) == 5


INVENTED = """PROTOKOLL
Socialnämnden
Sammanträdesdatum 2024-05-14

§ 41 Anmälan av delegationsbeslut
Dnr SN 2024/12
Beslut
Socialnämnden lägger delegationsbesluten till handlingarna.

Förteckning över delegationsbeslut till Socialnämnden 2024-05-14
SN 2024/12
Punkt Ärende Diarienummer Beslutsdatum Delegat
3.2 Beslut om bistånd i form av boendestöd SN 2024/301 2024-04-02 Eva Ek
3.4.1 Beslut om avgift SN 2024/318 2024-04-09 Olle Ström
Lista över inkomna meddelanden till Socialnämnden 2024-05-14
Inkomna skrivelser
• SN 2024/290 Skrivelse om färdtjänst, inkom från Pensionärsrådet 2024-04-03
Domar
• SN 2023/877 Dom i mål om bistånd,
2024-04-20
"""


def test_invented_registers_of_another_shape():
    registers = parse_text(INVENTED, "sn.txt")["registers"]
    decisions, documents = registers
    assert (decisions["kind"], decisions["body"], decisions["meeting_date"], decisions["case_number"]) == (
        "delegationsbeslut", "Socialnämnden", "2024-05-14", "SN 2024/12")
    assert [(d["point"], d["title"], d["case_number"], d["date"], d["delegate"]) for d in decisions["delegated_decisions"]] == [
        ("3.2", "Beslut om bistånd i form av boendestöd", "SN 2024/301", "2024-04-02", "Eva Ek"),
        ("3.4.1", "Beslut om avgift", "SN 2024/318", "2024-04-09", "Olle Ström"),
    ]
    assert documents["kind"] == "informationshandlingar"
    assert [(d["category"], d["title"], d["counterpart"], d["direction"], d["date"]) for d in documents["information_documents"]] == [
        ("Inkomna skrivelser", "Skrivelse om färdtjänst", "Pensionärsrådet", "in", "2024-04-03"),
        ("Domar", "Dom i mål om bistånd", None, None, "2024-04-20"),
    ]
