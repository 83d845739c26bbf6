"""Records: the database of organisations, bodies, people, meetings, § and cases, and the import into it.

Depends on `paragraf.ingest` (the parser); the other apps depend on this one, never the reverse.
"""
