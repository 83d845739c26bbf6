"""Bulk export and import of all public records (`paragraf export`, `paragraf import-export`).

Reads and writes `records`; nothing in records depends on it.
"""
