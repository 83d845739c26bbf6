"""The search of another checkout, for `paragraf bench portal --compare-code DIR --compare-database URL`:
run as a file (`python benchmarks/search_worker.py`) with PYTHONPATH=DIR and DATABASE_URL set, so that
`paragraf` is that checkout's. Reads a JSON line `{"text": …, "facets": …}` per search and answers with
a JSON line `{"seconds": …, "total": …}`: the time of `search()` alone, as the bench times its own."""
from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
    import django

    django.setup()
    from paragraf.search import SearchQuery, search

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        asked = json.loads(line)
        start = time.perf_counter()
        page = search(SearchQuery(text=asked["text"], facets=asked["facets"]))
        print(json.dumps({"seconds": time.perf_counter() - start, "total": page.total}), flush=True)


if __name__ == "__main__":
    main()
