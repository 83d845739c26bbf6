"""The API's HTTP layer: ETag/Last-Modified with 304, CORS, read-only methods, JSON errors naming the parameter."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import RequestFactory
from django.utils.http import http_date

from paragraf.api.http import ApiError, ApiResponse, api_view, datetime_param, int_param

# The API masks personal data in every response with the rules staff keep in the database.
pytestmark = pytest.mark.django_db

MODIFIED = dt.datetime(2023, 1, 31, 12, 0, tzinfo=dt.timezone.utc)
rf = RequestFactory()


@api_view
def thing(request):
    since = datetime_param(request, "modified_since")
    limit = int_param(request, "limit", 20, maximum=100)
    return ApiResponse({"since": since, "limit": limit, "name": "Regionstyrelsen"}, last_modified=MODIFIED)


def test_json_with_validators_and_cors():
    response = thing(rf.get("/x"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == {"since": None, "limit": 20, "name": "Regionstyrelsen"}
    assert response["ETag"].startswith('"') and response["Last-Modified"] == http_date(MODIFIED.timestamp())
    assert response["Access-Control-Allow-Origin"] == "*"


def test_conditional_requests_get_304():
    etag = thing(rf.get("/x"))["ETag"]
    assert thing(rf.get("/x", HTTP_IF_NONE_MATCH=etag)).status_code == 304
    assert thing(rf.get("/x", HTTP_IF_NONE_MATCH='"other"')).status_code == 200
    assert thing(rf.get("/x", HTTP_IF_MODIFIED_SINCE=http_date(MODIFIED.timestamp()))).status_code == 304
    earlier = http_date((MODIFIED - dt.timedelta(days=1)).timestamp())
    assert thing(rf.get("/x", HTTP_IF_MODIFIED_SINCE=earlier)).status_code == 200


def test_bad_parameters_are_400_naming_the_parameter():
    response = thing(rf.get("/x", {"modified_since": "igår"}))
    assert response.status_code == 400
    error = json.loads(response.content)["error"]
    assert error["parameter"] == "modified_since" and "ISO 8601" in error["message"]
    response = thing(rf.get("/x", {"limit": "1000"}))
    assert response.status_code == 400 and json.loads(response.content)["error"]["parameter"] == "limit"


def test_read_only_methods_and_preflight():
    assert thing(rf.post("/x")).status_code == 405
    preflight = thing(rf.options("/x"))
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    head = thing(rf.head("/x"))
    assert head.status_code == 200 and head.content == b"" and int(head["Content-Length"]) > 0


def test_errors_are_json():
    @api_view
    def missing(request):
        raise ApiError(404, "no meeting with id 7")

    response = missing(rf.get("/x"))
    assert response.status_code == 404 and json.loads(response.content) == {"error": {"status": 404, "message": "no meeting with id 7"}}
