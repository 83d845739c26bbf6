import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = SAMPLES / "corpus"
GENEROUS_RATE = "1000000/m"  # requests a client may make, in tests


@pytest.fixture
def corpus_lines():
    """The lines of a corpus packet, by file name."""

    def read(name: str) -> list[str]:
        return (CORPUS / name).read_text(encoding="utf-8").split("\n")

    return read


KNOWN_GAPS = ROOT / "tests" / "templates" / "known_gaps.txt"


def pytest_collection_modifyitems(config, items):
    """Template tests the importer does not pass yet are listed in
    tests/templates/known_gaps.txt and run as strict xfail: one that starts to pass
    fails the run until it is taken off the list."""
    gaps = {line.strip() for line in KNOWN_GAPS.read_text(encoding="utf-8").splitlines() if line.strip()}
    for item in items:
        if item.nodeid.startswith("tests/test_templates.py::") and item.name in gaps:
            item.add_marker(pytest.mark.xfail(reason="other-template feature not read yet (known_gaps.txt)", strict=True))


@pytest.fixture(autouse=True, scope="session")
def generous_rate_limits():
    """The suite sends many requests from one address: rates far above them (tests/test_bounded.py
    shows a limit at work). `live_portal` passes the same to its server through the environment."""
    from django.conf import settings

    settings.PARAGRAF_RATE_LIMITS = {group: GENEROUS_RATE for group in settings.PARAGRAF_RATE_LIMITS}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (SQLite, or PostgreSQL when DATABASE_URL says so) holds both corpus packets."""
    from paragraf.records.importer import import_path

    with django_db_blocker.unblock():
        for packet in sorted(CORPUS.glob("*.txt")):
            result = import_path(packet)
            assert result.ok, result.message


@pytest.fixture(autouse=True)
def fresh_masking_rules():
    """Each process reads the masking rules at most every few seconds; a test's rules are rolled
    back with its transaction, so every test starts by reading them again."""
    from paragraf.privacy import rules

    rules.forget()
    yield
    rules.forget()


def load_scorer():
    """The project's scorer (samples/eval/score.py), a script, as a module."""
    spec = importlib.util.spec_from_file_location("score", SAMPLES / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
