"""Addresses and the common fields of every OParl object: absolute ids, type, created/modified, web."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.urls import reverse

SCHEMA = "https://schema.oparl.org/1.1/"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def oparl_type(name: str) -> str:
    return SCHEMA + name


def date_time(value: dt.datetime) -> str:
    """OParl's form `yyyy-mm-ddThh:mm:ss±hh:mm`, in Swedish time."""
    return value.astimezone(STOCKHOLM).replace(microsecond=0).isoformat()


def meeting_time(date: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(date, time, tzinfo=STOCKHOLM).replace(microsecond=0).isoformat()


class Links:
    """Absolute URLs of OParl objects and portal pages, for one request."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def oparl(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", args=args))

    def web(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def portal(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"portal:{name}", args=args))


def common(type_name: str, id_url: str, record, web: str | None = None) -> dict:
    """The fields every object has; `record` carries `created` and `modified`."""
    data = {"id": id_url, "type": oparl_type(type_name), "deleted": False}
    if record is not None:
        data["created"] = date_time(record.created)
        data["modified"] = date_time(record.modified)
    if web:
        data["web"] = web
    return data


def compact(data: dict) -> dict:
    """OParl: leave out properties without data (None, "", []) rather than print them empty."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}
