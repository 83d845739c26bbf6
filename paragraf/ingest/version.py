"""The parser version: the package version plus a digest of the importer's own source.

Records store it with every imported file, so a changed parser (any edit to
`paragraf/ingest/`) is noticed and the next import updates the records in place.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from paragraf import __version__


@functools.cache
def parser_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
