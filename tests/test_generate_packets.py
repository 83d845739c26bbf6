"""`paragraf bench generate-packets` (benchmarks/packets.py): packets that parse and import as the meetings generated."""
from __future__ import annotations

import functools
import hashlib
import json

import pytest
from click.testing import CliRunner

from benchmarks import packets
from paragraf.cli import main
from paragraf.ingest.packet import parse_source_with_text
from paragraf.ingest.source import read_bytes

N = 12
SEED = 2  # its 12 packets include a corpus packet
# Real names of the harder shapes: two words before `kommun` or after `Region`, a region named in one word, and
# hyphenated names, which a letterhead in capitals writes `MALUNG-SÄLENS KOMMUN`.
HARD_NAMES = {"Upplands Väsby kommun", "Östra Göinge kommun", "Lilla Edets kommun", "Västra Götalandsregionen",
              "Region Jämtland Härjedalen", "Malung-Sälens kommun", "Upplands-Bro kommun", "Dals-Eds kommun"}


@functools.lru_cache(maxsize=None)
def generated(seed: int, tmp_root: str) -> tuple[dict, dict[str, bytes]]:
    """The manifest rows and the bytes of N packets of a seed, written by the command."""
    from pathlib import Path

    out = Path(tmp_root) / f"seed-{seed}"
    result = CliRunner().invoke(main, ["bench", "generate-packets", str(N), "--out", str(out), "--seed", str(seed)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return {row["file"]: row for row in rows}, {path.name: path.read_bytes() for path in sorted(out.glob("*.txt"))}


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory):
    return str(tmp_path_factory.mktemp("packets"))


def test_same_seed_same_bytes_other_seed_other_packets(tmp_root, tmp_path):
    manifest, files = generated(SEED, tmp_root)
    assert len(files) == N == len(manifest)
    again = tmp_path / "again"
    result = CliRunner().invoke(main, ["bench", "generate-packets", str(N), "--out", str(again), "--seed", str(SEED)])
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in sorted(again.glob("*.txt"))} == files
    _, other = generated(SEED + 1, tmp_root)
    assert len(other) == N
    assert not set(hashlib.sha256(d).digest() for d in other.values()) & set(hashlib.sha256(d).digest() for d in files.values())


def test_packets_are_distinct_and_spread_over_templates_and_organisations(tmp_root):
    manifest, files = generated(SEED, tmp_root)
    assert len({hashlib.sha256(data).hexdigest() for data in files.values()}) == N
    assert {row["sha256"] for row in manifest.values()} == {hashlib.sha256(d).hexdigest() for d in files.values()}
    assert len({row["template"] for row in manifest.values()}) >= 3
    assert len({row["organization"] for row in manifest.values()}) >= 3
    assert len({(row["organization"], row["body"], row["date"]) for row in manifest.values()}) == N
    known = {org.name for org in packets.organisations()}
    assert {row["organization"] for row in manifest.values()} <= known
    assert {row["template"] for row in manifest.values()} & {"corpus-000", "corpus-003"}


def test_the_list_of_organisations():
    orgs = packets.organisations()
    assert len(orgs) == 311 == len({o.name for o in orgs})
    assert sum(o.kind == "region" for o in orgs) == 21
    names = {o.name for o in orgs}
    assert {"Stockholms kommun", "Uppsala kommun", "Falu kommun", "Borås kommun", "Region Jönköpings län", "Region Skåne",
            "Kalix kommun", "Upplands Väsby kommun"} <= names


def _parse(name: str, data: bytes) -> dict:
    packet, _ = parse_source_with_text(read_bytes(data, name))
    return packet


def test_each_packet_parses_as_generated(tmp_root):
    manifest, files = generated(SEED, tmp_root)
    for name, data in files.items():
        row = manifest[name]
        packet = _parse(name, data)
        assert packet["organization"] == row["organization"], name
        first = packet["meetings"][0]
        assert (first["body"], first["date"]) == (row["body"], row["date"]), name
        numbers = [p["number"] for m in packet["meetings"] for p in m["paragraphs"]]
        assert numbers and min(numbers) == row["first_paragraph"], name


@pytest.fixture(scope="module")
def generator():
    return packets.Generator(SEED)


def _one_of_each_template(generator):
    """A packet of every template (the corpus packets too), at its first organisation of that kind."""
    by_template = {}
    for index in range(311 * 3):
        packet = generator.packet(index)
        by_template.setdefault(packet.seed.name, packet)
    return by_template


def test_every_template_keeps_its_structure(generator):
    """A packet has the meetings, §, attendance, votes, yrkanden and reservations of its seed, with other names and numbers."""
    from paragraf.ingest import parse_path

    seeds = {seed.name: seed for seed in generator.seeds}
    assert {"corpus-000", "corpus-003"} <= set(seeds) and len(seeds) >= 8
    by_template = _one_of_each_template(generator)
    assert set(by_template) == set(seeds)
    for name, packet in by_template.items():
        text = packet.text()
        original = parse_path(seeds[name].path)
        made = _parse(packet.file_name, text.encode("utf-8"))
        assert _shape(made) == _shape(original), name
        assert made["organization"] == packet.org.name != original["organization"], name
        assert made["meetings"][0]["date"] == packet.date.isoformat() != original["meetings"][0]["date"], name
        old_people = {a["name"] for m in original["meetings"] for a in m["attendance"]}
        new_people = {a["name"] for m in made["meetings"] for a in m["attendance"]}
        assert len(new_people) == len(old_people) and not (old_people and old_people <= new_people), name


def _shape(packet: dict) -> list[tuple]:
    return [(len(m["paragraphs"]), len(m["agenda"]), len(m["attendance"]), len(m["invited"]),
             sum(len(p["votes"]) for p in m["paragraphs"]), sum(len(b["ballots"]) for p in m["paragraphs"] for b in p["votes"]),
             sum(len(p["proposals"]) for p in m["paragraphs"]), sum(len(p["reservations"]) for p in m["paragraphs"]),
             sum(bool(p["case_number"]) for p in m["paragraphs"])) for m in packet["meetings"]]


@pytest.mark.django_db
def test_importing_the_packets_gives_one_new_meeting_each(tmp_root):
    from paragraf.records.importer import import_bytes
    from paragraf.records.models import Meeting

    manifest, files = generated(SEED, tmp_root)
    results = [import_bytes(data, name) for name, data in files.items()]
    assert [r.status for r in results] == ["imported"] * N, [r.message for r in results]
    stored = {(m.body.organization.name, m.body.name, m.date.isoformat())
              for m in Meeting.objects.select_related("body__organization")}
    expected = {(row["organization"], row["body"], row["date"]) for row in manifest.values()}
    assert len(expected) == N and expected <= stored


def test_names_of_the_harder_shapes_are_read_in_every_template(generator):
    """Every template of the organisation's kind, the capitals letterhead (templates-05) among them, names it."""
    assert HARD_NAMES <= {org.name for org in generator.order}
    misread, read = [], 0
    for seed in generator.seeds:
        for index, org in enumerate(generator.order):
            if org.name in HARD_NAMES and org.kind == seed.kind:
                packet = generator.packet(index, seed)
                parsed = _parse(packet.file_name, packet.text().encode("utf-8"))["organization"]
                read += 1
                if parsed != org.name:
                    misread.append((seed.name, org.name, parsed))
    assert misread == []
    assert read >= 3 * len(HARD_NAMES)
