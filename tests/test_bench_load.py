"""`paragraf bench load` on a live server: its discovery finds every page type, a short run of two clients
beside a re-import meets no error. Nothing here is timed: the figures are the benchmark's (docs/benchmarks.md)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from benchmarks import bench_load
from paragraf.cli import main
from tests.conftest import CORPUS
from tests.live_portal import serve_corpus


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("load")
    with serve_corpus(data) as url:
        yield urlsplit(url).port, f"sqlite:///{data / 'db.sqlite3'}"


def test_discovery_finds_every_page_type(served):
    port, _ = served
    site = bench_load.discover(port, per_kind=2)
    assert site.missing == [], site.missing
    assert site.failures == []
    assert {"portal:start", "portal:paragraph", "portal:source", "portal:search", bench_load.FILTERED, "portal:calendar",
            "portal:body_feed", "oparl:system", "oparl:body_files", "native:paragraphs", "organization_dump"} <= set(site.urls)
    assert all(len(urls) <= 2 for kind, urls in site.urls.items() if not kind.startswith("portal:search"))  # searches: all seeded


def test_two_clients_beside_an_import_meet_no_error(served):
    port, database_url = served
    site = bench_load.discover(port, per_kind=1)
    phase = bench_load.run_load(port, site.urls, clients=2, duration=2, label="test",
                                import_packets=[CORPUS / "003_09654b114c25dc54.txt"], database_url=database_url)
    assert phase.requests > 0
    assert phase.errors == []
    assert phase.imports >= 1 and phase.import_failures == []


def test_the_big_packet_is_one_valid_meeting_packet_of_another_organisation(tmp_path):
    from paragraf.ingest import parse_path

    path = tmp_path / "big.txt"
    size = bench_load.write_big_packet(path, 1.5)
    assert 1.5e6 <= size < 2.2e6
    packet = parse_path(path)
    assert packet["organization"] == "Region Storpacket"
    notices = [m for m in packet["meetings"] if m.get("agenda")]
    assert len(notices) == 1 and len(notices[0]["agenda"]) == 28


def test_the_command_is_in_the_bench_group():
    result = CliRunner().invoke(main, ["bench", "load", "--help"])
    assert result.exit_code == 0
    assert "--big-packet-mb" in result.output and "--check" in result.output
