"""Data classes for what the parser reads; `asdict` gives the contract JSON."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    kind: str
    title: str | None
    date: str | None
    case_number: str | None
    first_line: int
    last_line: int


@dataclass
class AgendaItem:
    number: int
    title: str
    case_number: str | None
    section: str | None
    presenter: str | None = None
    line: int = 0


@dataclass
class Invitee:
    name: str
    party: str | None
    group: str
    role: str | None
    line: int = 0


@dataclass
class Attendee:
    name: str
    party: str | None
    group: str
    role: str | None
    replaces: str | None
    paragraphs: str | None
    line: int = 0


@dataclass
class Signatories:
    secretary: str | None = None
    chair: str | None = None
    adjusters: list[str] = field(default_factory=list)


@dataclass
class Proposer:
    name: str
    party: str | None


@dataclass
class Proposal:
    by: str | None  # the first proposer, as written
    party: str | None
    text: str
    line: int = 0
    proposers: list[Proposer] = field(default_factory=list)  # everyone who made the proposal, the first included


@dataclass
class VoteOption:
    """One alternative of a ballot: a candidate (the name as written, the party apart,
    as everywhere in the contract) or a proposal (party None)."""

    label: str
    count: int
    party: str | None = None


@dataclass
class Ballot:
    """One named voter of an open vote, with the party as written beside the name."""

    name: str
    party: str | None
    choice: str  # yes | no | abstain


@dataclass
class Vote:
    method: str  # open | secret
    yes: int
    no: int
    abstain: int
    yes_names: list[str] = field(default_factory=list)
    no_names: list[str] = field(default_factory=list)
    abstain_names: list[str] = field(default_factory=list)
    options: list[VoteOption] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    line: int = 0
    yes_option: str | None = None  # an open vote: what a ja stood for (`avslag`), as written
    no_option: str | None = None


@dataclass
class Election:
    name: str
    party: str | None
    post: str | None
    organisation: str | None
    period: str | None
    line: int = 0
    # `organisation` is where the person sits; when that is a part of a larger one (the
    # utskott `Regional utveckling` of `Regionsamverkan Sydsverige – utskott`), `part_of` names it
    part_of: str | None = None


@dataclass
class Statement:
    by: str | None
    text: str
    line: int = 0


@dataclass
class Paragraph:
    number: int
    title: str | None
    case_number: str | None
    decision: str | None
    summary: str | None = None
    basis: list[str] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    procedure: str | None = None
    votes: list[Vote] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    nominations: list[Election] = field(default_factory=list)  # proposed to another body's choice: no election
    reservations: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    pages: int | None = None
    disqualifications: list[str] = field(default_factory=list)  # jäv: who left the case, as written
    signoff: str | None = None  # the § signed (justerad) at the meeting, as written
    first_line: int = 0
    last_line: int = 0


@dataclass
class Meeting:
    body: str | None  # None where the text does not say (see `paragraf parse --body`)
    date: str | None
    start_time: str | None = None
    end_time: str | None = None
    adjournment: str | None = None
    place: str | None = None
    sources: list[str] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    invited: list[Invitee] = field(default_factory=list)
    attendance: list[Attendee] = field(default_factory=list)
    signatories: Signatories | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the parser read but could not place


@dataclass
class Indicator:
    report: str | None
    perspective: str | None
    level: str | None
    label: str
    target: str | None
    result: str | None
    line: int
    year: int | None = None  # the year the report is for (`Verksamhetsberättelse 2022`)
    unit: str | None = None  # `%`, `st`, `tkr`, as written beside the values
    goal: str | None = None  # the strategic goal above the table (`Strategiska mål: …`)
    success_factor: str | None = None  # `Framgångsfaktorer: …`
    assignment: str | None = None  # `Uppdrag/mål: …`
    polarity: str | None = None  # `higher` or `lower` is better, None when unknown (ingest/polarity.py)


@dataclass
class DelegatedDecision:
    """A row of a delegation register: a decision taken by a delegate, reported to the board."""

    point: str | None  # the point of the delegation order (`FS 4.5.4`), as written
    title: str  # the matter (`Personuppgiftsincident`)
    case_number: str | None
    date: str | None  # the decision date
    delegate: str | None  # who decided, as written
    line: int


@dataclass
class InformationDocument:
    """An entry of an information register: a document the board is told of."""

    category: str | None  # `Inkomna handlingar`, `Utgående skrivelser`, `Regeringsbeslut`, …
    title: str
    case_number: str | None
    counterpart: str | None  # the sender (`inkom från …`) or the recipient (`expedierat till …`)
    direction: str | None  # `in`, `out`, or None when the entry does not say
    date: str | None
    line: int


@dataclass
class Register:
    """A register reported to a meeting (`Anmälan av delegationsbeslut`, `… informationshandlingar`)."""

    kind: str  # `delegationsbeslut` | `informationshandlingar`
    title: str
    body: str | None  # the body it is reported to, as the heading names it
    meeting_date: str | None  # the meeting it is reported to
    case_number: str | None  # the register's own case (the § that reports it has the same)
    first_line: int
    last_line: int
    delegated_decisions: list[DelegatedDecision] = field(default_factory=list)
    information_documents: list[InformationDocument] = field(default_factory=list)


@dataclass
class StatedFulfilment:
    """What a report states of its goal fulfilment: counts of indicators met, partly met, not met and
    measured, and the indicators it names as met or not (labels as written)."""

    report: str | None
    year: int | None
    line: int
    met: int | None = None
    partly: int | None = None
    not_met: int | None = None
    measured: int | None = None
    met_labels: list[str] = field(default_factory=list)
    partly_labels: list[str] = field(default_factory=list)
    not_met_labels: list[str] = field(default_factory=list)


@dataclass
class ControlPoint:
    """A control point (kontrollmoment) of an internal control report: what it noted and proposes."""

    number: int
    title: str
    line: int
    observations: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass
class InternalControlReport:
    """A report on the internal control plan of a year (uppföljning av intern kontrollplan)."""

    title: str | None
    year: int | None
    first_line: int
    last_line: int
    control_points: list[ControlPoint] = field(default_factory=list)


@dataclass
class PlannedControl:
    """A row of an internal control plan: what a control point will check, how, by whom and when, and the
    risk it answers (as written, and as consequence and probability 1–4 where the words say; docs/importer.md)."""

    title: str
    line: int
    purpose: str = ""  # the purpose and the questions asked, a paragraph a line
    method: str = ""  # how it is made, without who makes it and when it is reported
    responsible: str | None = None  # who `utförs av` names
    timing: str | None = None  # when it is reported (`Avrapportering i mars 2023`), as written
    areas: str = ""  # the areas concerned, one a line
    risk: str | None = None  # as written, spaces normalised (`Kännbar/möjlig`)
    consequence: int | None = None  # 1 försumbar … 4 allvarlig
    probability: int | None = None  # 1 osannolik … 4 sannolik


@dataclass
class InternalControlPlan:
    """A year's internal control plan (intern kontrollplan): the table of its control points."""

    title: str | None
    year: int | None
    first_line: int
    last_line: int
    controls: list[PlannedControl] = field(default_factory=list)


@dataclass
class DelegationPoint:
    """A point of a delegation scheme: who may decide a matter on the body's behalf, under which law, within
    which limits (as written)."""

    number: str  # `4.5.4`, `A.12`, `3.1`
    matter: str  # the matter (ärende), its wrapped lines joined
    delegate_role: str  # `Regiondirektör`, `Förvaltningschef`, `Ordförande`, `Au`
    law: str | None  # the lagrum (`KL 6:39`, `SoL 4 kap 1 §`)
    limits: str | None  # the remark, condition or limit (`upp till 5 mnkr`)
    line: int


@dataclass
class DelegationScheme:
    """A body's delegation scheme (delegationsordning) as printed in a packet: its title, the body, the date it
    applies from, and its points."""

    title: str
    body: str | None  # the body whose power is delegated, as the title names it
    valid_from: str | None  # `gäller från 2023-02-01`, as an ISO date
    case_number: str | None  # when printed (`Dnr RS 2022/123`)
    first_line: int
    last_line: int
    points: list[DelegationPoint] = field(default_factory=list)
