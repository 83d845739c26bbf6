"""The rules, one module each: `RULE` (code, Swedish title, legal source) and `check(facts)`, which
yields findings. A rule is added or corrected here without touching the others."""
from __future__ import annotations

from paragraf.review.rules import (
    agenda, delegation, jav, justering, numbering, posting, practice, quorum, reservations, secret_ballot, substitutes, votes,
)

RULES = (quorum, votes, substitutes, reservations, jav, justering, posting, secret_ballot, numbering, agenda, practice, delegation)
