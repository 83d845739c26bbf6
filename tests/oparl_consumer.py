"""An OParl 1.1 client written from the specification (https://oparl.org/spezifikation/), not from
Paragraf's serializers: what a consumer such as Meine Stadt Transparent does with a server.

- Full import: the System, its Bodies, and every object of every external list of each Body
  (`organization`, `person`, `meeting`, `paper`, `agendaItem`, `consultation`, `file`, `membership`,
  `locationList`, `legislativeTermList`), page by page through `links.next`.
- Incremental update (§ 2.6 Filter, § 4.7 Gelöschte Objekte): the same lists asked with
  `modified_since` = the time the last sync began; an object there replaces the copy, one with
  `deleted: true` leaves it.

The copy maps each object's `id` to the object as a list gave it.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit, parse_qsl

LIST_PROPERTIES = ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership",
                   "locationList", "legislativeTermList")


def get(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    return json.loads(body)


def with_params(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


@dataclass
class Consumer:
    system_url: str
    objects: dict[str, dict] = field(default_factory=dict)
    last_sync: dt.datetime | None = None
    requests: int = 0

    def fetch(self, url: str) -> dict:
        self.requests += 1
        return get(url)

    def full_import(self) -> None:
        self.objects.clear()
        self._sync(since=None)

    def update(self) -> None:
        assert self.last_sync is not None, "an update follows an import"
        self._sync(since=self.last_sync)

    def _sync(self, since: dt.datetime | None) -> None:
        started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=1)
        system = self.fetch(self.system_url)
        self.objects[system["id"]] = system
        for body in self._pages(system["body"], None):  # a body's lists change without the body
            self._take(body)
            if body.get("deleted"):
                continue
            for name in LIST_PROPERTIES:
                if isinstance(body.get(name), str):
                    for item in self._pages(body[name], since):
                        self._take(item)
        self.last_sync = started

    def _pages(self, url: str, since: dt.datetime | None):
        url = with_params(url, modified_since=since.isoformat()) if since else url
        while url:
            page = self.fetch(url)
            yield from page["data"]
            url = page.get("links", {}).get("next")

    def _take(self, item: dict) -> None:
        if item.get("deleted"):
            self.objects.pop(item["id"], None)
        else:
            self.objects[item["id"]] = item

    def of_type(self, name: str) -> list[dict]:
        return [item for item in self.objects.values() if item["type"].endswith("/" + name)]
