"""The rules, one module each: `RULE` (code, Swedish title, legal source) and `check(facts)`, which
yields findings. A rule is added or corrected here without touching the others."""
from __future__ import annotations

from paragraf.review.rules import numbering, quorum, secret_ballot, votes

RULES = (quorum, votes, secret_ballot, numbering)
