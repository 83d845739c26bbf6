"""The native JSON API on the corpus (Django test client, real database): votes with every ballot,
attendance with substitutions, source line spans, navigation by url, pages, HTTP validators, CORS, errors."""
from __future__ import annotations

import pytest
from django.test import Client

from paragraf.records.models import Case, Meeting, Paragraph, Person, SourceFile

pytestmark = pytest.mark.django_db
API = "/api/v1"


def get(client, url: str, status: int = 200, **headers) -> dict:
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def error_of(client, url: str, status: int = 400) -> dict:
    return get(client, url, status)["error"]


def rs_meeting(client) -> dict:
    page = get(client, f"{API}/meetings/?body=regionstyrelsen&date_from=2023-01-31&date_to=2023-01-31")
    assert [m["date"] for m in page["results"]] == ["2023-01-31"] and page["next"] is None
    return get(client, page["results"][0]["url"])


def rs_paragraph_14(client) -> dict:
    line = next(p for p in rs_meeting(client)["paragraphs"] if p["number"] == 14)
    return get(client, line["url"])


def test_vote_9_6_with_every_ballot_and_both_pontus_lundgren(client):
    paragraph = rs_paragraph_14(client)
    assert paragraph["title"].startswith("Motion - Bättre vård för patienter med Lipödem")
    assert paragraph["meeting"]["body"]["slug"] == "regionstyrelsen" and paragraph["case"]["number"] == "RJL 2022/1409"
    [vote] = paragraph["votes"]
    assert (vote["method"], vote["yes"], vote["no"], vote["abstain"]) == ("open", 9, 6, 0)
    ballots = vote["ballots"]
    assert len(ballots) == 15
    assert sum(b["choice"] == "yes" for b in ballots) == 9 and sum(b["choice"] == "no" for b in ballots) == 6
    pontus = {b["party"]: b["person"]["id"] for b in ballots if b["name"] == "Pontus Lundgren"}
    assert set(pontus) == {"M", "BA"} and pontus["M"] != pontus["BA"]
    assert get(client, f"{API}/people/{pontus['BA']}/")["party"] == "BA"
    assert get(client, f"{API}/people/{pontus['M']}/")["ballots"]["yes"] >= 1
    assert any(p["by"] == "Maria Frisk" and p["party"] == "KD" for p in paragraph["proposals"])
    assert paragraph["dissents"] and "reserverar" in paragraph["dissents"][0]["text"]


def test_attendance_names_the_member_a_serving_substitute_replaces(client):
    attendance = rs_meeting(client)["attendance"]
    substitute = next(a for a in attendance if a["name"] == "Pontus Lundgren" and a["party"] == "BA")
    replaced = Person.objects.get(name="Martin Nedergaard-Hansen")
    assert substitute["group"] == "beslutande"
    assert substitute["replaces"]["person"]["id"] == replaced.pk
    assert substitute["replaces"]["name"] == "Martin Nedergaard-Hansen"
    assert get(client, substitute["replaces"]["person"]["url"])["name"] == "Martin Nedergaard-Hansen"
    assert next(a for a in attendance if a["name"] == "Karin Hermansson")["paragraphs"] == "§§ 1-13"
    assert next(a for a in attendance if a["name"] == "Rachel De Basso")["replaces"] is None


def test_meeting_has_signatories_and_sources(client):
    meeting = rs_meeting(client)
    assert meeting["signatories"] == {
        "chair": "Rachel De Basso", "secretary": "Nathalie Bijelic Eriksson", "adjusters": ["Kerstin Hammar", "Håkan Karlsson Nyborg"],
    }
    assert (meeting["start_time"], meeting["end_time"]) == ("13:00:00", "15:40:00")
    assert len(meeting["paragraphs"]) == 47
    assert get(client, meeting["sources"]["minutes"]["url"])["name"] == "000_9183b8d70dd3de41.txt"


def test_source_line_spans_round_trip_to_the_source_text(client):
    paragraph = rs_paragraph_14(client)
    spans = [paragraph["source"], *paragraph["copies"], *(p["source"] for p in paragraph["proposals"]),
             *(v["source"] for v in paragraph["votes"])]
    for span in spans:
        text = SourceFile.objects.get(pk=span["source_file"]).text.split("\n")
        lines = get(client, span["url"])["lines"]
        assert [line["number"] for line in lines] == list(range(span["first_line"], span["last_line"] + 1))
        assert [line["text"] for line in lines] == text[span["first_line"] - 1 : span["last_line"]]
    first = get(client, paragraph["source"]["url"])["lines"][0]["text"]
    assert first.strip() == "§ 14"
    proposal = paragraph["proposals"][0]
    written = " ".join(line["text"] for line in get(client, proposal["source"]["url"])["lines"])
    assert " ".join(proposal["text"].split()[:3]) in " ".join(written.split())


def test_source_lines_mask_personal_data_and_stay_inside_the_file(client):
    file = SourceFile.objects.get(name="000_9183b8d70dd3de41.txt")
    line = 17098
    assert "karin.hermansson@rjl.se" in file.text.split("\n")[line - 1]
    [shown] = get(client, f"{API}/source-files/{file.pk}/?first_line={line}")["lines"]
    assert shown["number"] == line and "[e-post dold]" in shown["text"] and "@" not in shown["text"]
    assert get(client, f"{API}/source-files/{file.pk}/")["lines"] is None
    tail = get(client, f"{API}/source-files/{file.pk}/?first_line={file.line_count - 1}&last_line={file.line_count + 50}")["lines"]
    assert [n["number"] for n in tail] == [file.line_count - 1, file.line_count]
    assert get(client, f"{API}/source-files/{file.pk}/?first_line=9&last_line=3")["lines"] == []
    assert error_of(client, f"{API}/source-files/{file.pk}/?first_line=0")["parameter"] == "first_line"


def test_bad_parameters_are_400_naming_the_parameter(client):
    error = error_of(client, f"{API}/meetings/?date_from=31/01/2023")
    assert error == {"status": 400, "parameter": "date_from", "message": error["message"]} and "YYYY-MM-DD" in error["message"]
    assert error_of(client, f"{API}/meetings/?date_to=2023-02-30")["parameter"] == "date_to"
    assert error_of(client, f"{API}/meetings/?date_from=20230131")["parameter"] == "date_from"
    assert error_of(client, f"{API}/paragraphs/?modified_since=igår")["parameter"] == "modified_since"
    assert error_of(client, f"{API}/paragraphs/?limit=abc")["parameter"] == "limit"
    assert error_of(client, f"{API}/paragraphs/?limit=1000")["parameter"] == "limit"
    assert error_of(client, f"{API}/paragraphs/?meeting=2&meeting=3")["parameter"] == "meeting"
    assert error_of(client, f"{API}/meetings/?body=")["parameter"] == "body"
    assert error_of(client, f"{API}/meetings/?body=region styrelsen")["parameter"] == "body"
    assert error_of(client, f"{API}/indicators/?report=a%00b")["parameter"] == "report"
    assert error_of(client, f"{API}/meetings/x1/")["parameter"] == "id"
    assert error_of(client, f"{API}/paragraphs/99999999/", 404)["message"] == "no paragraph with id 99999999"
    assert error_of(client, f"{API}/no-such-thing/", 404)["status"] == 404


def test_unknown_slugs_match_nothing(client):
    assert get(client, f"{API}/meetings/?body=no-such-body") == {"results": [], "next": None}
    assert get(client, f"{API}/indicators/?organization=no-such-organisation") == {"results": [], "next": None}


def test_conditional_get_answers_304(client):
    url = f"{API}/paragraphs/{Paragraph.objects.order_by('pk').first().pk}/"
    response = client.get(url)
    assert response.status_code == 200 and response["ETag"] and response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    listing = client.get(f"{API}/meetings/")
    assert client.get(f"{API}/meetings/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_cors_on_get_and_read_only(client):
    response = client.get(f"{API}/meetings/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.options(f"{API}/meetings/").status_code == 204
    strict = Client(enforce_csrf_checks=True)
    refused = strict.post(f"{API}/meetings/")
    assert refused.status_code == 405 and refused.json()["error"]["status"] == 405 and "GET" in refused["Allow"]


def test_pages_follow_next_through_every_paragraph_once(client):
    url, seen = f"{API}/paragraphs/?limit=7", []
    while url:
        page = get(client, url)
        seen += [p["id"] for p in page["results"]]
        url = page["next"]
    assert seen == sorted(set(seen)) and len(seen) == Paragraph.objects.count()
    meeting = rs_meeting(client)
    of_meeting = get(client, f"{API}/paragraphs/?meeting={meeting['id']}&limit=100")["results"]
    assert len(of_meeting) == 47 and {p["meeting"]["id"] for p in of_meeting} == {meeting["id"]}
    assert get(client, f"{API}/paragraphs/?modified_since=2999-01-01T00:00:00Z")["results"] == []
    assert len(get(client, f"{API}/people/?party=SD&limit=200")["results"]) == Person.objects.filter(party__abbreviation="SD").count()
    region = get(client, f"{API}/people/?organization=region-jonkopings-lan&limit=200")["results"]
    assert len(region) == Person.objects.filter(organization__slug="region-jonkopings-lan").count() > 0
    assert {p["organization"]["name"] for p in region} == {"Region Jönköpings län"}
    assert get(client, f"{API}/people/?organization=no-such-organisation")["results"] == []


@pytest.mark.parametrize("query", ["paragraphs/?organization=region-jonkopings-lan", "paragraphs/?body=regionstyrelsen",
                                   "cases/?organization=region-jonkopings-lan"])
def test_filtered_pages_are_the_same_by_a_walk_of_ids_and_by_sorted_ids(client, monkeypatch, query):
    """§ of an organisation or body, cases of an organisation, are paged by a walk of the primary
    key, or (a small part of the table: `spread.SHARE`) by their ids sorted: the same pages."""
    from paragraf.api import spread

    seen = {}
    for share in (0.0, 2.0):  # always walk; never
        monkeypatch.setattr(spread, "SHARE", share)
        url, found = f"{API}/{query}&limit=9", []
        while url:
            page = get(client, url)
            found.append([p["id"] for p in page["results"]])
            url = page["next"]
        seen[share] = found
    assert seen[0.0] == seen[2.0] and len(seen[0.0]) > 2


def test_lists_and_details_take_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for url in [f"{API}/meetings/?limit=200", f"{API}/paragraphs/?limit=200", f"{API}/people/?limit=200",
                f"{API}/cases/?limit=200", f"{API}/indicators/?limit=200"]:
        with django_assert_max_num_queries(2):
            get(client, url)
    paragraph = rs_paragraph_14(client)
    with django_assert_max_num_queries(12):
        get(client, paragraph["url"])
    with django_assert_max_num_queries(6):
        get(client, paragraph["meeting"]["url"])


def test_case_path_in_date_order(client):
    case = Case.objects.get(year=2023, serial=217)
    data = get(client, f"{API}/cases/{case.pk}/")
    dates = [step["date"] for step in data["path"] if step["date"]]
    assert dates == sorted(dates) and len(data["path"]) >= 4
    assert {"paragraph", "agenda_item", "document"} <= {step["kind"] for step in data["path"]}
    step = next(s for s in data["path"] if s["kind"] == "paragraph")
    assert get(client, step["url"])["case"]["id"] == case.pk


def test_indicators_filter_by_report(client):
    first = get(client, f"{API}/indicators/?organization=region-jonkopings-lan&limit=1")["results"][0]
    report = get(client, f"{API}/indicators/?report={first['report']}&limit=200")["results"]
    assert report and {row["report"] for row in report} == {first["report"]}
    assert first["label"] and first["source"]["url"]


def test_the_schema_is_served_and_lists_every_collection(client):
    schema = get(client, f"{API}/openapi.json")
    assert schema["openapi"] == "3.1.0"
    index = get(client, f"{API}/")
    Meeting.objects.get(body__name="Styrgrupp för SBHSS").delete()  # so that `removed` has a row too
    for name, url in index["collections"].items():
        assert f"/{name}/" in schema["paths"] and get(client, url)["results"]
    assert schema["components"]["schemas"]["Error"]["properties"]["error"]["required"] == ["status", "message"]
