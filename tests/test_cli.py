"""The `paragraf` command on good input: parse (json, text), version, bench."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from paragraf import __version__
from paragraf.cli import main
from tests.conftest import CORPUS
from tests.pdfs import render_pdf

PACKET = CORPUS / "003_09654b114c25dc54.txt"


def test_parse_json():
    result = CliRunner().invoke(main, ["parse", str(PACKET)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "paragraf.packet/1"
    assert doc["source"]["name"] == PACKET.name
    assert doc["source"]["lines"] == PACKET.read_text(encoding="utf-8").count("\n") + 1
    assert "Nämnd" in result.stdout or not doc["meetings"]  # ensure_ascii=False: Swedish letters as they are


def test_parse_with_body_and_date_for_a_text_without_cover_page(tmp_path):
    path = tmp_path / "paragrafer.txt"
    path.write_text("§ 3\nVal av justerare\nBeslut\nAnna Berg (S) utses.\n", encoding="utf-8")
    bare = json.loads(CliRunner().invoke(main, ["parse", str(path)]).stdout)
    assert [(m["body"], m["date"], len(m["paragraphs"])) for m in bare["meetings"]] == [(None, None, 1)]
    result = CliRunner().invoke(main, ["parse", str(path), "--organization", "Ekby kommun", "--body", "Kommunstyrelsen",
                                       "--date", "2024-05-14"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["organization"] == "Ekby kommun"
    assert [(m["body"], m["date"], m["warnings"]) for m in doc["meetings"]] == [("Kommunstyrelsen", "2024-05-14", [])]
    wrong = CliRunner().invoke(main, ["parse", str(path), "--date", "14 maj"])
    assert wrong.exit_code == 2 and "is not a date in the form YYYY-MM-DD" in wrong.output


def test_parse_text_prints_kept_lines_with_source_line_numbers():
    result = CliRunner().invoke(main, ["parse", str(PACKET), "--format", "text"])
    assert result.exit_code == 0, result.output
    source_lines = PACKET.read_text(encoding="utf-8").split("\n")
    printed = result.stdout.rstrip("\n").split("\n")
    assert printed
    numbers = []
    for line in printed:
        match = re.fullmatch(r" *(\d+)  (.*)", line)
        assert match, line
        numbers.append(int(match.group(1)))
        assert 1 <= numbers[-1] <= len(source_lines)
    assert numbers == sorted(numbers)


def test_parse_pdf(tmp_path):
    path = render_pdf([["KALLELSE 1(2)", "Regionstyrelsen"], ["Tid: 2023-03-07 kl. 13:00"]], tmp_path / "kallelse.pdf")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source"]["name"] == "kallelse.pdf"
    assert doc["source"]["lines"] == 3
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Regionstyrelsen" in result.stdout or "2023-03-07" in result.stdout


def test_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(main, ["parse", str(PACKET), "--format", "xml"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_bench_parse_runs(tmp_path):
    """The benchmark end to end on a small packet (PDF part included, cache in tmp_path)."""
    from benchmarks import bench_parse

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = PACKET.read_text(encoding="utf-8").split("\n")[:300]
    (corpus / "small.txt").write_text("\n".join(lines), encoding="utf-8")
    out: list[str] = []
    bench_parse.main(repeat=1, corpus=corpus, pdf=True, echo=out.append, cache=tmp_path / "cache")
    text = "\n".join(out)
    assert "small.txt" in text
    assert "parse/baseline" in text
    assert "paragraf extract_text" in text
    assert list((tmp_path / "cache").glob("small-*.pdf"))


def test_bench_parse_command(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tiny.txt").write_text("§ 1 Upprop\n§ 2 Dagordning\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", "parse", "--repeat", "1", "--no-pdf", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "tiny.txt" in result.stdout


def test_the_readme_lists_every_command_and_no_other():
    """The README's `paragraf` block names each command of the CLI (and each `bench` command), and none it lacks."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The `paragraf` command", 1)[1].split("###", 1)[0]
    listed = set(re.findall(r"^    paragraf ([a-z-]+)", block, re.M))
    hidden = {name for name, command in main.commands.items() if command.hidden}
    assert listed == set(main.commands) - hidden
    bench_listed = {name for line in re.findall(r"^    paragraf bench ([a-z|-]+)", block, re.M) for name in line.split("|")}
    assert bench_listed == set(main.commands["bench"].commands)
