"""The search page (filters, highlighted snippets, relevance or date, pages) and the feed of a saved search."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from paragraf.portal import params as read
from paragraf.portal.views.feeds import XmlSafeAtom1Feed
from paragraf.privacy.layer import masker_for
from paragraf.records.models import Body, Organization, Party
from paragraf.search import search as run_search
from paragraf.search.contract import FACET_CAP, KINDS, MAX_PAGE, SearchHit, SearchQuery, SearchTimeout
from paragraf.portal import crumbs
from paragraf.portal.facets import facet_list
from paragraf.portal.shortcuts import shortcuts

KIND_LABELS = {"paragraph": "Paragraf (§)", "agenda_item": "Ärende på dagordning", "document": "Handling"}
SORT_LABELS = {"relevance": "Relevans", "date": "Datum, nyast först"}


def query_from(params) -> tuple[SearchQuery | None, list[str]]:
    """The query the form asks for, and the problems with its values (said in Swedish, never a 500;
    a page beyond MAX_PAGE is a 404). Control characters in text are read as spaces."""
    problems = []
    text = read.text(params, "q")

    def date(name: str, label: str) -> dt.date | None:
        value = params.get(name, "").strip()
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            problems.append(f"{label} ska vara ett datum som 2023-01-31.")
            return None

    date_from, date_to = date("fran", "Från och med"), date("till", "Till och med")
    kind = params.get("typ") or None
    if kind not in (None, *KINDS):
        problems.append("Okänd typ av träff.")
        kind = None
    sort = params.get("ordning") or "relevance"
    if sort not in SORT_LABELS:
        sort = "relevance"
    page = read.number(params, "sida", maximum=MAX_PAGE)
    if not text:
        return None, problems
    query = SearchQuery(
        text=text,
        organization=read.text(params, "organisation", 100) or None,
        body=read.text(params, "organ", 100) or None,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        party=read.text(params, "parti", 100) or None,
        sort=sort,
        page=page,
        facets=True,
    )
    return query, problems


def public_parameters(request):
    """The query parameters with personal data in the words masked for the public: the index
    holds no personal data to find, and the page does not show what was typed back."""
    masker = masker_for(request)
    if masker is None or not request.GET.get("q"):
        return request.GET
    params = request.GET.copy()
    params["q"] = " ".join(masker.mask(params["q"], labels=False).split())
    return params


def hit_url(hit: SearchHit) -> str:
    key = hit.url_key
    if hit.kind == "paragraph":
        return reverse("portal:paragraph", args=[key["body"], key["date"], key["paragraph"]])
    if hit.kind == "agenda_item":
        return reverse("portal:meeting", args=[key["body"], key["date"]]) + "#dagordning"
    return reverse("portal:document", args=[hit.record_id])


TOO_LONG = "Sökningen tog för lång tid. Försök med fler ord, ett organ eller en period."


def search(request):
    get = public_parameters(request)
    query, problems = query_from(get)
    timed_out = False
    try:
        results = run_search(query) if query else None
    except SearchTimeout:
        results, problems, timed_out = None, [*problems, TOO_LONG], True
    hits = [(hit, hit_url(hit), KIND_LABELS[hit.kind]) for hit in results.hits] if results else []
    params = {k: v for k, v in get.items() if k != "sida" and v}
    context = {
        "q": get.get("q", ""),
        "query": query,
        "results": results,
        "hits": hits,
        "problems": problems,
        "params": get,
        "organizations": Organization.objects.order_by("name"),
        "bodies": Body.objects.order_by("name").only("slug", "name"),
        "parties": Party.objects.order_by("abbreviation"),
        "kinds": KIND_LABELS.items(),
        "sorts": SORT_LABELS.items(),
        "page_url": lambda n: "?" + urlencode({**params, "sida": n}),
        "crumbs": crumbs.page("Sök"),
        "shortcuts": shortcuts(query.text) if query else [],
        "facets": facet_list(results.facets, params, KIND_LABELS) if results and results.facets else [],
        "facets_complete": bool(results and results.facets and results.facets.complete),
        "facets_counted": FACET_CAP,
        "feed_url": reverse("portal:search_feed") + "?" + urlencode({k: v for k, v in params.items() if k != "ordning"}),
        "follow_query": urlencode(sorted((k, v) for k, v in params.items() if k != "ordning")),  # a saved search
    }
    if results:
        context["previous_url"] = "?" + urlencode({**params, "sida": results.page - 1}) if results.page > 1 else None
        context["next_url"] = "?" + urlencode({**params, "sida": results.page + 1}) if results.page < results.pages else None
    return render(request, "portal/search.html", context, status=503 if timed_out else 200)


class SearchFeed(Feed):
    """A saved search as an Atom feed: its newest hits first."""

    feed_type = XmlSafeAtom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except SearchTimeout:
            return HttpResponse(TOO_LONG, status=503, content_type="text/plain; charset=utf-8")

    def get_object(self, request):
        query, _ = query_from(public_parameters(request))
        return query

    def title(self, query: SearchQuery | None) -> str:
        return f"Paragraf – sökning: {query.text}" if query else "Paragraf – sökning"

    def link(self, query: SearchQuery | None) -> str:
        return reverse("portal:search") + ("?" + urlencode({"q": query.text}) if query else "")

    def items(self, query: SearchQuery | None):
        if query is None:
            return []
        newest = SearchQuery(**{**query.__dict__, "sort": "date", "page": 1, "per_page": 50, "facets": False})
        return run_search(newest).hits

    def item_title(self, hit: SearchHit) -> str:
        return hit.title

    def item_description(self, hit: SearchHit) -> str:
        return hit.snippet_html

    def item_link(self, hit: SearchHit) -> str:
        return hit_url(hit)

    def item_guid(self, hit: SearchHit) -> str:
        return f"{hit.kind}-{hit.record_id}"

    def item_pubdate(self, hit: SearchHit):
        return dt.datetime.combine(hit.date, dt.time(9, 0), dt.timezone.utc) if hit.date else None
