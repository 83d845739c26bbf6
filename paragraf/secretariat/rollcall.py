"""Who serves at each § of a meeting being recorded: the roll call (who of the called is present), the
substitutes Paragraf proposes for absent ordinary members (the body's order of service, the same party
first), arrivals and departures from a given §, and jäv at one §. Pure Python: the views keep the
entries, these rules answer.

The order of service of a body is the order its substitutes are called in (the notice lists them so).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Called:
    """Someone called to the meeting: an ordinary member or a substitute, in the notice's order."""

    name: str
    party: str
    ordinary: bool

    @property
    def key(self) -> str:
        """Who it is in the roll call: `Name (S)`. Two called of one name are of two parties (a member of
        M and a substitute of BA may share a name), so the party tells them apart."""
        return f"{self.name} ({self.party})" if self.party else self.name


@dataclass(frozen=True)
class Presence:
    """One called person at the meeting: present or not, from which § to which § (None: the whole
    meeting), serving for whom (a substitute), and the § they leave for jäv."""

    called: Called
    present: bool = True
    serves_for: str = ""  # the key (`Name (S)`) of the absent ordinary member a substitute serves for
    first: int | None = None  # arrives at this §
    last: int | None = None  # leaves after this §
    disqualified: frozenset[int] = field(default_factory=frozenset)  # § with jäv
    stands_in: tuple[tuple[int, str], ...] = ()  # (§, key): a substitute serving at that § only (for a member with jäv)

    def here_at(self, number: int) -> bool:
        return self.present and (self.first is None or number >= self.first) and (self.last is None or number <= self.last)


def propose_substitutes(entries: Sequence[Presence]) -> list[Presence]:
    """Each absent ordinary member replaced by the first present substitute of the same party in the
    order of service, else by the first present substitute left; substitutes already serving keep
    whom they serve for (the secretary's choice)."""
    taken = {e.called.key for e in entries if e.serves_for}
    served = {e.serves_for for e in entries if e.serves_for}
    absent = [e.called for e in entries if e.called.ordinary and not e.present and e.called.key not in served]
    result = list(entries)
    for member in absent:
        free = [i for i, e in enumerate(result) if not e.called.ordinary and e.present and e.called.key not in taken]
        same_party = [i for i in free if result[i].called.party == member.party]
        chosen = (same_party or free or [None])[0]
        if chosen is not None:
            result[chosen] = replace(result[chosen], serves_for=member.key)
            taken.add(result[chosen].called.key)
    return result


def serving_at(entries: Iterable[Presence], number: int) -> list[str]:
    """The keys (`Name (S)`) of those who serve (decide) at § `number`: present ordinary members and substitutes
    serving for an ordinary member not here at that §, neither with jäv there. A member with jäv at a
    § is replaced there by the substitute serving for them, or by one who is free."""
    entries = list(entries)
    here = [e for e in entries if e.here_at(number) and number not in e.disqualified]
    serving = [e.called.key for e in here if e.called.ordinary]
    away = {e.called.key for e in entries if e.called.ordinary and e.called.key not in serving}
    for e in here:
        if e.called.ordinary:
            continue
        stands_in = dict(e.stands_in).get(number)
        for member in (e.serves_for, stands_in):
            if member in away:
                serving.append(e.called.key)
                away.discard(member)
                break
    return serving


def substitute_for_jav(entries: Sequence[Presence], number: int, member: str, party: str) -> Presence | None:
    """The substitute who serves at § `number` for `member` (with jäv there): one already serving for
    them, else the first present substitute not serving there, the same party first; None if none is free."""
    serving = set(serving_at(entries, number))
    for e in entries:
        if not e.called.ordinary and (e.serves_for == member or dict(e.stands_in).get(number) == member):
            return e
    free = [e for e in entries if not e.called.ordinary and e.here_at(number) and e.called.key not in serving
            and number not in e.disqualified]
    same = [e for e in free if e.called.party == party]
    return (same or free or [None])[0]


class RecordingError(ValueError):
    """A recorded fact the rules refuse, with the reason in Swedish (shown to the secretary)."""


def check_open_vote(serving: Sequence[str], ballots: dict[str, str]) -> tuple[int, int, int]:
    """The totals (ja, nej, avstår) of an open vote whose ballots are name → 'yes'|'no'|'abstain';
    every serving member votes once, nobody else."""
    strangers = sorted(set(ballots) - set(serving))
    if strangers:
        raise RecordingError(f"Tjänstgör inte vid paragrafen och kan inte rösta: {', '.join(strangers)}.")
    missing = [name for name in serving if name not in ballots]
    if missing:
        raise RecordingError(f"Röst saknas för: {', '.join(missing)}.")
    choices = list(ballots.values())
    return choices.count("yes"), choices.count("no"), choices.count("abstain")


def decided_by_vote(yes: int, no: int, chair_choice: str | None) -> str:
    """'yes' or 'no': the majority, on a tie the chair's vote (utslagsröst, Kommunallagen (2017:725) 5 kap.
    56 §, for nämnder through 6 kap. 33 §; in an election or a hiring the lot decides a tie instead)."""
    if yes != no:
        return "yes" if yes > no else "no"
    if chair_choice not in ("yes", "no"):
        raise RecordingError("Lika röstetal: ordförandens röst avgör, men ordföranden har inte röstat ja eller nej.")
    return chair_choice


def check_reservation(serving: Sequence[str], names: Iterable[str]) -> None:
    """Only a member who took part in the decision at that § may reserve themselves (KL 4 kap. 27 §)."""
    refused = [name for name in names if name not in serving]
    if refused:
        raise RecordingError(f"Deltog inte i beslutet och kan inte reservera sig: {', '.join(refused)}.")
