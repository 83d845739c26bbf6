"""Every public address fuzzed on the corpus: no answer is a server error (status >= 500).

The URL patterns are read from the resolver, so a new route is fuzzed without a change here (the staff
admin is left out). Each path converter is filled with values of the corpus (a real body, date, §,
person, case …) or hostile ones (control characters, NUL, huge and negative numbers, other scripts'
digits, empty strings); the query parameters each view reads (found in the source of its module and the
project modules that imports, else the common ones) get the same, alone, together or all at once. Bounded and derandomised in `make test`; PARAGRAF_FUZZ_EXAMPLES=500 searches deeper
at random. The native API is also held to its schema by tests/test_api_schemathesis.py."""
from __future__ import annotations

import os
import re
from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter, StringConverter
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.text import slugify
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paragraf.portal.converters import IsoDateConverter
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db
DEEP = os.environ.get("PARAGRAF_FUZZ_EXAMPLES")
EXAMPLES = int(DEEP or 30)
NOT_PUBLIC = ("admin",)  # namespaces of staff-only routes

# Parameters for a view whose source names none (`read_parameters`).
COMMON = {"q", "sida", "page", "fran", "till", "limit", "after", "body", "year", "typ", "ordning", "organisation",
          "organ", "parti", "created_since", "created_until", "modified_since", "modified_until", "omit_internal",
          "first_line", "last_line", "meeting", "date_from", "date_to"}
HOSTILE = [
    "", " ", "\x00", "a\x00b", "\x01\x02", "\x0b\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\ufffe", "\uffff", "\ud7ff",
    "𝔓𝔞𝔯𝔞𝔤𝔯𝔞𝔣", "٣", "１２", "½", "0", "-0", "1", "-1", "2", "1_000", " 7", "7 ", "1e9", "NaN", "inf", "0x10",
    "461168601842738791", str(2**31), str(2**63 - 1), str(2**63), str(2**64), str(10**30), "-" + str(10**30), "9" * 400,
    "2023-01-31", "2023-02-30", "0000-00-00", "0001-01-01", "9999-12-31", "31-01-2023",
    "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2023-01-31T25:00:00", "true", "false", "yes",
    "0-1", "1-" + "9" * 30, "9" * 30 + "-1", "--", "%00", "%", "'", '"', "<script>", "../..", "sjukresor", "nämnd", "*",
]
PLAIN = ["sjukresor", "regionstyrelsen", "budget", "1", "2", "20", "2023-01-31", "date", "paragraph", "true", "SD"]
SPECIAL_INTS = [0, 1, 2, 3, 7, 14, 47, 2023, 217, 2**31, 461168601842738791, 2**63 - 1, 2**63, 2**64, 10**30]


def public_routes() -> list[tuple[str, list, list[str]]]:
    """(name, parts, query parameters) of every public URL pattern: parts are literal text, a converter
    (name, converter) or a regex (str)."""
    found = []

    def walk(resolver, parts, namespace):
        for entry in resolver.url_patterns:
            here = parts + _parts(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, here, entry.namespace or namespace)
            elif namespace not in NOT_PUBLIC:
                found.append((f"{namespace}:{entry.name}" if namespace else str(entry.name), here, parameters(entry.callback)))

    walk(get_resolver(), [], "")
    return found


def _parts(pattern) -> list:
    if isinstance(pattern, RoutePattern):
        route, parts, at = str(pattern), [], 0
        for m in re.finditer(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>", route):
            parts += [route[at:m.start()], (m.group("name"), pattern.converters[m.group("name")])]
            at = m.end()
        return parts + [route[at:]]
    assert isinstance(pattern, RegexPattern), pattern
    return [("regex", pattern._regex.removeprefix("^").removesuffix("$"))]


def read_parameters(module: str) -> set[str]:
    """Query parameters a view module and the project modules it imports read by name:
    `request.GET.get("x")`, `params.get("x")`, `f(request, "x")` …"""
    modules = {module}
    for package, imported in re.findall(r"^from (paragraf[\w.]*) import \(?([\w, ]+)", _source(module), re.M):
        modules |= {package} | {f"{package}.{name.strip()}" for name in imported.split(",")}
    names = set()
    for name in modules:
        text = _source(name)
        names |= set(re.findall(r'\b(?:GET|params)\.get(?:list)?\(\s*"([a-z_]+)"', text))
        names |= set(re.findall(r'\((?:request|request\.GET|params),\s*"([a-z_]+)"', text))
        names |= set(re.findall(r'\bdate\(\s*"([a-z_]+)"', text))  # the search form's date fields
    return names


def _source(module: str) -> str:
    path = ROOT.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def parameters(callback) -> list[str]:
    """The parameters to fuzz on a route: those its view reads, else the common ones."""
    return sorted(read_parameters(callback.__module__) or COMMON)


ROUTES = public_routes()


@pytest.fixture(scope="module")
def real(django_db_setup, django_db_blocker) -> dict[str, list]:
    """Values of the corpus for each name a route gives a converter: addresses that exist."""
    from paragraf.records.models import Case, Indicator, Meeting, Organization, Paragraph, Party, Person

    with django_db_blocker.unblock():
        paragraph = Paragraph.objects.select_related("meeting__body").order_by("pk").first()
        case = Case.objects.select_related("organization").order_by("pk").first()
        organization = Organization.objects.order_by("pk").first()
        return {
            "body": [paragraph.meeting.body.slug, *Meeting.objects.values_list("body__slug", flat=True)[:3]],
            "date": [paragraph.meeting.date.isoformat()],
            "number": [paragraph.number, 1],
            "org": [organization.slug],
            "organization": [organization.pk],
            "year": [case.year],
            "serial": [case.serial],
            "slug": [*Person.objects.values_list("slug", flat=True)[:3]],
            "abbreviation": [*Party.objects.values_list("abbreviation", flat=True)[:3]],
            "report": [slugify(r) or "utan-namn" for r in Indicator.objects.values_list("report", flat=True).distinct()[:3]],
            "pk": [1, 2, 3, 5, 10, 40],
        }


def hostile_text() -> st.SearchStrategy[str]:
    control = st.characters(codec="utf-8", max_codepoint=0x9F, categories=["Cc"])
    anything = st.characters(exclude_categories=["Cs"])
    return st.one_of(st.sampled_from(HOSTILE), st.text(control, min_size=1, max_size=3).map(lambda c: f"nämnd{c}x"),
                     st.text(anything, max_size=12))


def converter_values(name: str, converter, real: dict) -> st.SearchStrategy[str]:
    """Text for one path converter: a real value, or one it matches that exists nowhere, or anything at all."""
    known = st.sampled_from([str(v) for v in real[name]]) if real.get(name) else st.nothing()
    if isinstance(converter, IntConverter):
        other = st.one_of(st.sampled_from(SPECIAL_INTS), st.integers(0, 10**40)).map(str)
    elif isinstance(converter, IsoDateConverter):
        other = st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z").filter(lambda s: "\n" not in s)
    elif isinstance(converter, SlugConverter):
        other = st.from_regex(r"\A[-a-zA-Z0-9_]{1,20}\Z").filter(lambda s: "\n" not in s)
    elif isinstance(converter, StringConverter):
        other = hostile_text().filter(lambda s: s and "/" not in s)
    else:
        other = st.from_regex(rf"\A(?:{converter.regex})\Z")
    return st.one_of(known, known, other, hostile_text())


@st.composite
def address(draw, parts: list, real: dict) -> str:
    path = ""
    for part in parts:
        if isinstance(part, str):
            path += part
        elif part[0] == "regex":
            path += draw(st.one_of(st.from_regex(rf"\A(?:{part[1]})\Z"), hostile_text()))
        else:
            path += draw(converter_values(*part, real))
    return "/" + quote(path, safe="/-._~")


def query(names: list[str]) -> st.SearchStrategy[dict]:
    """A few of the parameters, about half of them, or all with one value; each once or twice, hostile or plain."""
    numbers = st.one_of(st.sampled_from(SPECIAL_INTS), st.integers(-(10**20), 10**20), st.integers(-(10**20), 10**20).map(abs))
    one = st.one_of(hostile_text(), hostile_text(), st.sampled_from(PLAIN), numbers.map(str), numbers.map(lambda n: str(-n)))
    value = st.one_of(one, st.lists(one, min_size=2, max_size=2))
    return st.one_of(st.dictionaries(st.sampled_from(names), value, max_size=3),
                     st.fixed_dictionaries({}, optional={name: value for name in names}),
                     one.map(lambda v: dict.fromkeys(names, v)))


def test_the_routes_and_parameters_are_found():
    read = {name: names for name, _, names in ROUTES}
    assert {"portal:search", "portal:search_feed", "portal:source", "oparl:body_files", "native:meetings"} <= set(read)
    assert not any(name.startswith("admin:") for name in read)
    assert {"q", "sida", "fran", "till", "ordning", "organisation"} <= set(read["portal:search"])
    assert {"fran"} <= set(read["portal:source"]) and {"sida"} <= set(read["portal:party"])
    assert {"limit", "after", "page"} <= set(read["oparl:body_files"]) and {"first_line"} <= set(read["native:source_file"])


@pytest.mark.parametrize("name, parts, names", ROUTES, ids=[name for name, _, _ in ROUTES])
def test_no_public_address_answers_a_server_error(client, real, name, parts, names):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not DEEP, database=None,
              suppress_health_check=list(HealthCheck))
    @given(path=address(parts, real), params=query(names))
    def run(path, params):
        try:
            response = client.get(path, params)
            if response.streaming:
                b"".join(response.streaming_content)  # a streamed body fails while it is read
        except Exception as error:  # the test client raises what the view raised
            raise AssertionError(f"GET {path} {params!r}: {error!r}") from error
        assert response.status_code < 500, (path, params, response.status_code)

    run()
