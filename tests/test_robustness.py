"""The parser never crashes or loops on damaged packets: corpus excerpts with lines
deleted, pages swapped, headers injected, text cut mid-§, and plain garbage."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paragraf.ingest import InputError, parse_bytes, parse_text
from tests.conftest import CORPUS

EXCERPT = (CORPUS / "003_09654b114c25dc54.txt").read_text(encoding="utf-8").split("\n")[:2300]
HEADER = [" PROTOKOLL", "", "Regionstyrelsen §§ 1-47", "", "Tid: 2023-01-31 kl. 13:00", "", "Plats: Sal A", ""]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pages(lines: list[str]) -> list[list[str]]:
    pages: list[list[str]] = []
    for line in lines:
        if line.strip() in ("PROTOKOLL", "KALLELSE 1(2)", "KALLELSE 2(2)") or not pages:
            pages.append([])
        pages[-1].append(line)
    return pages


def _assert_contract(packet: dict, lines: list[str] | None = None) -> None:
    assert packet["schema"] == "paragraf.packet/1"
    if lines is not None and _has_minutes_header(lines) and packet["meetings"]:
        # a minutes page header survived: the meeting it names is found
        assert any(m["body"] and m["date"] for m in packet["meetings"])
    for meeting in packet["meetings"]:
        # a meeting the text does not name is kept for its §, and says which option names it
        for field, option in (("body", "--body"), ("date", "--date")):
            if not meeting[field]:
                assert meeting["paragraphs"] and any(option in warning for warning in meeting["warnings"])
        for paragraph in meeting["paragraphs"]:
            assert 1 <= paragraph["first_line"] <= paragraph["last_line"] <= packet["source"]["lines"]
    for document in packet["documents"]:
        assert 1 <= document["first_line"] <= document["last_line"] <= packet["source"]["lines"]


def _has_minutes_header(lines: list[str]) -> bool:
    """The header block of the excerpt's minutes pages, whole: label, body with § range, Tid."""
    stripped = [line.strip() for line in lines if line.strip()]
    return any(a == "PROTOKOLL" and "§§" in b and c.startswith("Tid:") for a, b, c in zip(stripped, stripped[1:], stripped[2:]))


@SETTINGS
@given(st.data())
def test_lines_deleted(data):
    lines = list(EXCERPT)
    for _ in range(data.draw(st.integers(1, 200))):
        del lines[data.draw(st.integers(0, len(lines) - 1))]
    _assert_contract(parse_text("\n".join(lines)), lines)


@SETTINGS
@given(st.data())
def test_pages_swapped_and_headers_injected(data):
    pages = _pages(EXCERPT)
    order = data.draw(st.permutations(range(len(pages))))
    lines = [line for index in order for line in pages[index]]
    for _ in range(data.draw(st.integers(0, 10))):
        at = data.draw(st.integers(0, len(lines)))
        lines[at:at] = HEADER
    _assert_contract(parse_text("\n".join(lines)))


@SETTINGS
@given(st.integers(100, len("\n".join(EXCERPT))))
def test_truncated_mid_text(cut):
    text = "\n".join(EXCERPT)[:cut]
    _assert_contract(parse_text(text), text.split("\n"))


@SETTINGS
@given(st.lists(st.sampled_from(EXCERPT[150:1700] + ["§ 12", "§§", "Beslut", "JA –", "Tid: 2023-01-31", "Mätetal Målvärde Resultat Analys", "1", "(", "ers."]), max_size=400))
def test_shuffled_corpus_lines(lines):
    text = "\n".join(lines)
    if not text.strip():
        with pytest.raises(InputError, match="empty"):
            parse_text(text)
        return
    _assert_contract(parse_text(text))


@SETTINGS
@given(st.binary(max_size=2000))
def test_garbage_bytes_give_a_packet_or_a_clear_error(data):
    try:
        packet = parse_bytes(data, "garbage.bin")
    except InputError as error:
        assert "garbage.bin" in str(error)
    else:
        _assert_contract(packet)


def test_unknown_template_yields_warnings():
    packet = parse_text("Detta är ett brev.\nMed vänliga hälsningar\nAnna Berg\n")
    assert packet["meetings"] == [] and packet["warnings"]


@pytest.mark.parametrize("data,problem", [(b"", "empty"), (b"   \n\n", "empty"), (b"\xff\xfe\x00a\x00b", "not UTF-8")])
def test_clear_errors(data, problem):
    with pytest.raises(InputError, match=problem):
        parse_bytes(data, "x.txt")
