"""Rules of the layout that a test can hold: the importer stands alone; the Swedish UI strings are compiled."""
from __future__ import annotations

import gettext
import re
import subprocess
import sys

from tests.conftest import CORPUS, ROOT

LOCALE = ROOT / "paragraf" / "locale" / "sv" / "LC_MESSAGES"


def test_the_importer_never_imports_django_or_the_apps():
    code = (
        "import sys, paragraf.ingest as i\n"
        f"i.parse_path({str(CORPUS / '003_09654b114c25dc54.txt')!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django' or m.startswith(('paragraf.records', 'paragraf.portal', 'paragraf.site')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_module_of_the_importer_mentions_django():
    for path in (ROOT / "paragraf" / "ingest").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+(django|paragraf\.(records|portal|site|api))", path.read_text(), re.M), path


def test_records_never_imports_the_apps_that_read_it():
    for path in (ROOT / "paragraf" / "records").rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+paragraf\.(search|portal|api|exchange|privacy|secretariat)", path.read_text(), re.M), path


def test_the_privacy_layer_reads_only_records_and_the_importer():
    for path in (ROOT / "paragraf" / "privacy").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+paragraf\.(search|portal|api|exchange|staff|site)\b", text, re.M), path
    masking = (ROOT / "paragraf" / "privacy" / "masking.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+(django|paragraf)\b", masking, re.M), "masking.py is pure Python"


def test_every_swedish_ui_string_is_translated_and_compiled():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    catalog = gettext.GNUTranslations(open(LOCALE / "django.mo", "rb"))
    singles = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', po, re.M)
    assert singles, "no messages in django.po"
    for msgid, msgstr in singles:
        assert msgstr, f"no Swedish for {msgid!r} (make messages)"
        assert catalog.gettext(msgid.replace('\\"', '"')) == msgstr.replace('\\"', '"'), f"django.mo is stale for {msgid!r} (make messages)"


def test_every_ui_string_in_the_code_has_a_swedish_entry():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    known = set(re.findall(r'^msgid "(.+)"$', po, re.M))
    used = set()
    for path in (ROOT / "paragraf").rglob("*.py"):
        used |= set(re.findall(r'\b_\("([^"]+)"\)', path.read_text(encoding="utf-8")))
    for path in (ROOT / "paragraf").rglob("*.html"):
        used |= set(re.findall(r'{%\s*translate\s+"([^"]+)"', path.read_text(encoding="utf-8")))
    missing = sorted(used - known)
    assert not missing, f"not in django.po (run make messages): {missing}"


def test_the_apps_that_read_records_never_import_each_other():
    """Except the one edge ARCHITECTURE.md names: the export download uses the API's HTTP layer."""
    apps = ("portal", "api", "exchange")
    allowed = {("exchange", "api")}
    for app in apps:
        others = "|".join(a for a in apps if a != app and (app, a) not in allowed)
        for path in (ROOT / "paragraf" / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(rf"^\s*(from|import)\s+paragraf\.({others})\b", text, re.M), path


def test_the_staff_login_imports_no_other_app():
    for path in (ROOT / "paragraf" / "staff").rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+paragraf\.(?!staff\b)", path.read_text(encoding="utf-8"), re.M), path


def test_the_secretariat_reads_only_records_and_its_typesetting_is_pure_python():
    """The portal may show what the secretariat published; the secretariat never imports the apps that
    show things to the public. Its typesetting (notice and packet PDFs) knows no Django."""
    for path in (ROOT / "paragraf" / "secretariat").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+paragraf\.(search|portal|api|exchange|privacy|staff)\b", text, re.M), path
    for path in (ROOT / "paragraf" / "secretariat" / "typeset").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(django|paragraf\.(?!secretariat\.typeset))", text, re.M), path


def test_the_review_reads_only_records_and_its_rules_are_small_units():
    """The secretariat runs the review before justering (secretariat → review); the review never imports
    the apps that use it, and each rule is a module with RULE and check."""
    for path in (ROOT / "paragraf" / "review").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+paragraf\.(secretariat|portal|api|exchange|search|privacy|staff)\b", text, re.M), path
    for path in (ROOT / "paragraf" / "review" / "rules").glob("*.py"):
        if path.name != "__init__.py":
            text = path.read_text(encoding="utf-8")
            assert "RULE = Rule(" in text and "def check(" in text, path


def test_the_alerts_read_records_search_privacy_and_the_portal_and_no_app_imports_them():
    """paragraf/alerts depends on records, search, privacy and the portal (its URL names, the search form's
    reading, the registry its form is shown through: portal/follow.py); only the site (settings, URLs,
    rate limits by URL name) names it, and no module imports it but its own."""
    alerts = ROOT / "paragraf" / "alerts"
    for path in alerts.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+paragraf\.(?!(alerts|records|search|privacy|portal)\b)", text, re.M), path
    others = [path for path in [*(ROOT / "paragraf").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")] if alerts not in path.parents]
    assert len(others) > 100
    for path in others:
        assert not re.search(r"^\s*(from|import)\s+paragraf\.alerts\b", path.read_text(encoding="utf-8"), re.M), path


def test_search_is_read_through_its_contract_and_written_only_by_its_index():
    """Outside paragraf/search (and tests, benchmarks), search is read only through `paragraf.search.search`
    and `paragraf.search.contract`, and written only through `paragraf.search.index` (a full reindex: the
    CLI, a restore); its models, backends and schema are its own."""
    search = ROOT / "paragraf" / "search"
    allowed = {"paragraf.search", "paragraf.search.contract", "paragraf.search.index"}
    seen = set()
    for path in (ROOT / "paragraf").rglob("*.py"):
        if search in path.parents:
            continue
        for module in re.findall(r"^\s*(?:from|import)\s+(paragraf\.search(?:\.\w+)*)", path.read_text(encoding="utf-8"), re.M):
            assert module in allowed, (path, module)
            seen.add(module)
    assert seen == allowed


def test_intake_reads_records_privacy_and_the_secretariat_and_only_the_site_imports_it():
    """ARCHITECTURE.md: intake → secretariat (roles, page), privacy (review), records (importer), ingest (hints)."""
    for path in (ROOT / "paragraf" / "intake").rglob("*.py"):
        imported = set(re.findall(r"^\s*(?:from|import)\s+paragraf\.(\w+)", path.read_text(encoding="utf-8"), re.M))
        assert imported <= {"intake", "secretariat", "privacy", "records", "ingest"}, (path, imported)
    for path in (ROOT / "paragraf").rglob("*.py"):
        if path.is_relative_to(ROOT / "paragraf" / "intake") or path.is_relative_to(ROOT / "paragraf" / "site"):
            continue
        if path.name == "cli.py":  # `paragraf serve` starts the worker thread, `paragraf worker` runs it
            continue
        assert not re.search(r"^\s*(from|import)\s+paragraf\.intake\b", path.read_text(encoding="utf-8"), re.M), path
