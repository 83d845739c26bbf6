"""URL converters: ISO dates in addresses (`/regionstyrelsen/2023-01-31/14/`)."""
from __future__ import annotations

import datetime as dt


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(value) from exc  # Django turns this into 404

    def to_url(self, value: dt.date | str) -> str:
        return value.isoformat() if isinstance(value, dt.date) else value
