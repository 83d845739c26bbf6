"""Bad input files give one clear InputError, and the CLI reports it without a traceback."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from paragraf.cli import main
from paragraf.ingest import InputError, parse_path
from tests.conftest import ROOT
from tests.pdfs import render_pdf

PAGES = [["PROTOKOLL 1(2)", "Regionstyrelsen", "§ 1 Upprop och val av justerare"], ["§ 2 Fastställande av dagordning"]]


def empty(path: Path) -> None:
    path.write_bytes(b"")


def blank(path: Path) -> None:
    path.write_bytes(b"  \n\n\t \r\n")


def garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 8)


def latin1(path: Path) -> None:
    path.write_bytes("Nämnd för folkhälsa och sjukvård\n§ 1 Upprop\n".encode("latin-1"))


def nul_bytes(path: Path) -> None:
    path.write_bytes(b"Regionstyrelsen\n\x00\x00\x00\x01binary")


def truncated_pdf(path: Path) -> None:
    render_pdf(PAGES, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def broken_pdf(path: Path) -> None:
    render_pdf(PAGES, path)
    data = path.read_bytes()
    # Header and end marker kept, everything between overwritten.
    path.write_bytes(data[:9] + b"x" * (len(data) - 16) + data[-7:])


def encrypted_pdf(path: Path) -> None:
    render_pdf(PAGES, path, encrypt="hemligt")


def image_only_pdf(path: Path) -> None:
    """A 'scan': two pages, each only a picture of text-like marks, no text layer."""
    image = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 180, 20):
        draw.rectangle((20, y, 360, y + 8), fill=0)
    png = io.BytesIO()
    image.save(png, format="PNG")
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 50, 500, width=400, height=200)
        c.showPage()
    c.save()


def missing(path: Path) -> None:
    pass


# (maker, file name, words the message must hold)
CASES = [
    (empty, "empty.txt", ["empty"]),
    (blank, "blank.txt", ["empty"]),
    (garbage, "garbage.bin", ["not UTF-8", "byte 0x80 at offset 128"]),
    (latin1, "latin1.txt", ["not UTF-8", "line 1"]),
    (nul_bytes, "nul.txt", ["binary", "line 2"]),
    (truncated_pdf, "truncated.pdf", ["truncated PDF", "%%EOF"]),
    (broken_pdf, "broken.pdf", ["broken PDF"]),
    (encrypted_pdf, "encrypted.pdf", ["encrypted PDF", "password"]),
    (image_only_pdf, "scan.pdf", ["no text layer", "OCR is not supported", "2 page"]),
    (missing, "missing.txt", ["cannot read file", "No such file"]),
]
IDS = [name for _, name, _ in CASES]


@pytest.fixture(params=CASES, ids=IDS)
def bad_file(request, tmp_path):
    maker, name, words = request.param
    path = tmp_path / name
    maker(path)
    return path, words


def test_parse_path_raises_input_error(bad_file):
    path, words = bad_file
    with pytest.raises(InputError) as info:
        parse_path(path)
    message = str(info.value)
    assert path.name in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cli_reports_error_and_exits_2(bad_file, fmt):
    path, words = bad_file
    result = CliRunner().invoke(main, ["parse", str(path), "--format", fmt])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("paragraf: error: ")
    assert path.name in result.stderr
    assert result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output


def test_cli_in_a_real_process(bad_file):
    """`python -m paragraf parse BAD`: exit 2, one error line, no traceback."""
    path, words = bad_file
    done = subprocess.run(
        [sys.executable, "-m", "paragraf", "parse", str(path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("paragraf: error: ")
    assert "Traceback" not in done.stderr
    assert all(word in done.stderr for word in words)


def test_console_script(tmp_path):
    """The installed `paragraf` command beside this Python behaves the same."""
    script = Path(sys.executable).parent / "paragraf"
    if not script.is_file():
        pytest.skip(f"no console script at {script} (paragraf not installed in this environment)")
    path = tmp_path / "encrypted.pdf"
    encrypted_pdf(path)
    done = subprocess.run([str(script), "parse", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == f"paragraf: error: encrypted.pdf: {_encrypted_problem()}\n"


def _encrypted_problem() -> str:
    from paragraf.ingest.pdf import _LOAD_ERRORS
    import pypdfium2.raw as pdfium_c

    return _LOAD_ERRORS[pdfium_c.FPDF_ERR_PASSWORD]


def test_owner_password_only_pdf_is_read(tmp_path):
    """Encrypted with permissions only (no user password): any reader opens it, so do we."""
    from reportlab.lib import pdfencrypt

    path = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="ägare", canCopy=0))
    c.setFont("Helvetica", 10)
    c.drawString(56, 780, "§ 5 Anmälan av delegationsbeslut")
    c.showPage()
    c.save()
    from paragraf.ingest.source import read_path

    assert read_path(path).text == "§ 5 Anmälan av delegationsbeslut"


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "locked.txt"
    path.write_text("§ 1")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read file"):
        parse_path(path)


def test_directory(tmp_path):
    with pytest.raises(InputError, match="cannot read file"):
        parse_path(tmp_path)
