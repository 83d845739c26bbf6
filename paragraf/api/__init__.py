"""Open data API: OParl 1.1 (`api.oparl`) and the native JSON API (`api.native`), over one HTTP layer (`api.http`).

Reads `records` (and `search`); nothing depends on it.
"""
