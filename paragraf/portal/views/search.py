"""Search page and saved-search feed (filled in by the search module)."""
from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed


def search(request):
    return render(request, "portal/search.html", {"q": request.GET.get("q", "")})


class SearchFeed(Feed):
    feed_type = Atom1Feed
    title = "Paragraf – sökning"
    link = "/sok/"

    def items(self):
        return []
