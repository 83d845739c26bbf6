"""The records: what Paragraf knows about organisations, bodies, meetings and cases.

Names follow GLOSSARY.md. Every imported record points to the SourceFile it came
from and to its line span there (`Sourced`), so any value can be traced back to
the lines of the packet it was read from.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from paragraf.records.names import first_token, folded_name


class WithoutContent(models.Manager):
    """Source files without their text and original bytes (tens of megabytes a packet): the base
    manager, so that a record's `source_file` (a link, a name in the admin) never loads them."""

    def get_queryset(self):
        return super().get_queryset().defer("text", "data")


class SourceFile(models.Model):
    """One imported packet: its original bytes, the text the parser read, and the parser version.
    The text is read in pieces (`records/texts.py`); `source.text` loads it whole."""

    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    kind = models.CharField(_("file kind"), max_length=8)  # text | pdf
    line_count = models.PositiveIntegerField(_("lines"))
    parser_version = models.CharField(_("parser version"), max_length=32)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Last in the row (migration 0006): on SQLite a column after a value of many pages is found only
    # by walking that value's overflow pages. Read the text in pieces: records/texts.py.
    text = models.TextField(_("text read"))
    data = models.BinaryField(_("original bytes"))

    objects = models.Manager()
    without_content = WithoutContent()

    class Meta:
        base_manager_name = "without_content"
        verbose_name = _("source file")
        verbose_name_plural = _("source files")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        # A deferred field (`source.text`) is loaded through the base manager, which defers it again:
        # Django would then read every column and overwrite the instance. Load it by the full one.
        super().refresh_from_db(using, fields, SourceFile.objects.all() if from_queryset is None else from_queryset)


class PublishedMeetings(models.Manager):
    """Meetings the public may see: every imported one; one the secretariat prepares once its notice is
    published (`Meeting.published`). The default manager, so that every public reader leaves drafts out;
    the secretariat and the importer use `Meeting.all_objects`."""

    def get_queryset(self):
        return super().get_queryset().filter(published=True)


class OfPublishedMeetings(models.Manager):
    """Rows of a meeting the public may see (agenda items, the called): the default manager of each."""

    def get_queryset(self):
        return super().get_queryset().filter(meeting__published=True)


class Timestamped(models.Model):
    """When a record was first stored and last changed (OParl `created`/`modified`, HTTP Last-Modified)."""

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Sourced(Timestamped):
    """Provenance: the source file and the 1-based line span a record was read from."""

    source_file = models.ForeignKey(
        SourceFile, verbose_name=_("source file"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    first_line = models.PositiveIntegerField(_("first line"), null=True, blank=True)
    last_line = models.PositiveIntegerField(_("last line"), null=True, blank=True)

    class Meta:
        abstract = True


class Organization(Timestamped):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationSettings(models.Model):
    """What staff set for one organisation: how it is named and reached, where its minutes are kept,
    its case series, whether its uploaded packets wait for review. Empty means the site's default."""

    organization = models.OneToOneField(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                        primary_key=True, related_name="settings")
    short_name = models.CharField(_("short name"), max_length=100, blank=True,
                                  help_text=_("As in OParl; empty: the name without Region or kommun."))
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact"), max_length=200, blank=True,
                                    help_text=_("The office the public contacts, e.g. the registry."))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    minutes_kept_at = models.CharField(_("where the minutes are kept"), max_length=300, blank=True,
                                       help_text=_("Shown with every posting on the notice board (Kommunallagen 8:12, 6:40)."))
    case_prefix = models.CharField(_("case series prefix"), max_length=12, blank=True,
                                   help_text=_("Given to new cases when the form leaves it empty, e.g. RS in RS 2023/217."))
    review_imports = models.BooleanField(_("review uploaded packets before publishing"), null=True, blank=True,
                                         help_text=_("Empty: the site's setting PARAGRAF_REVIEW_IMPORTS."))
    history = HistoricalRecords(verbose_name=_("history of the settings"))

    class Meta:
        verbose_name = _("organisation settings")
        verbose_name_plural = _("organisation settings")

    def __str__(self) -> str:
        return str(self.organization)

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.organization.save(update_fields=["modified"])  # OParl: the Body changed (its name, website, contact)

    @classmethod
    def of(cls, organization: Organization) -> OrganizationSettings:
        """The organisation's settings; the defaults (unsaved) when staff never set any."""
        try:
            return organization.settings
        except cls.DoesNotExist:
            return cls(organization=organization)


class Body(Timestamped):
    class Kind(models.TextChoices):
        ASSEMBLY = "fullmaktige", _("assembly (fullmäktige)")
        EXECUTIVE = "styrelse", _("executive board (styrelse)")
        BOARD = "namnd", _("board (nämnd)")
        COMMITTEE = "utskott", _("committee (utskott)")
        PRESIDIUM = "presidium", _("presidium")
        DRAFTING = "beredning", _("drafting committee (beredning)")
        OTHER = "annat", _("other")

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=300)
    # Unique across organisations: public addresses are /<body>/<date>/<§>/.
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["organization__name", "name"]

    def __str__(self) -> str:
        return self.name


class BodyAlias(models.Model):
    """A spelling of a body's name seen in a packet, and why it was taken to mean this body."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name as written"), max_length=300)
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("body alias")
        verbose_name_plural = _("body aliases")
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="body_alias_unique")]

    def __str__(self) -> str:
        return self.name


class Term(Timestamped):
    """A four-year term of office (mandatperiod)."""

    name = models.CharField(_("name"), max_length=20, unique=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["start"]

    def __str__(self) -> str:
        return self.name


class Party(Timestamped):
    abbreviation = models.CharField(_("abbreviation"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["abbreviation"]

    def __str__(self) -> str:
        return self.abbreviation


class Person(Timestamped):
    """An elected member or official as the minutes of one organisation name them. The register is kept per
    organisation: two municipalities' `Anna Andersson (S)` are two people (docs/Design.md, "People per
    organisation"); one who sits in a region and a municipality is a person in each."""

    name = models.CharField(_("name"), max_length=200)
    party = models.ForeignKey(Party, verbose_name=_("party"), on_delete=models.SET_NULL, null=True, blank=True, related_name="people")
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    # Null only for a person no record places (a row made by hand); every import sets it.
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="people")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        """`Anna Berg (S), Ekby kommun`: the same name in two organisations is two people."""
        return f"{self.name_and_party}, {self.organization}" if self.organization_id else self.name_and_party

    @property
    def name_and_party(self) -> str:
        """`Anna Berg (S)`, as running text names a person."""
        return f"{self.name} ({self.party})" if self.party_id else self.name


class PersonAlias(models.Model):
    """A way a person's name was written, and why it was taken to mean this person."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name as written"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300)
    # The name's parts casefolded (`names.first_token`, `names.folded_name`): an import finds the
    # people a written name may mean by them, without reading the whole register (`resolve.People`).
    # Set on save; not exported (derived again on restore).
    first_token = models.CharField(max_length=200, db_index=True, editable=False, default="")
    folded_name = models.CharField(max_length=210, editable=False, default="")

    class Meta:
        verbose_name = _("person alias")
        verbose_name_plural = _("person aliases")
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="person_alias_unique")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.first_token, self.folded_name = first_token(self.name), folded_name(self.name)
        super().save(*args, **kwargs)


class Membership(Timestamped):
    """A role a person was seen holding in a body, with the first and last meeting date it was seen."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        SUBSTITUTE = "substitute", _("substitute")
        CHAIR = "chair", _("chair")
        FIRST_VICE_CHAIR = "first_vice_chair", _("first vice chair")
        SECOND_VICE_CHAIR = "second_vice_chair", _("second vice chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        CO_OPTED = "co_opted", _("co-opted")
        COMMISSIONER = "commissioner", _("commissioner")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    party = models.ForeignKey(Party, verbose_name=_("party"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    first_seen = models.DateField(_("first seen"))
    last_seen = models.DateField(_("last seen"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "term", "role", "person__name"]
        constraints = [models.UniqueConstraint(fields=["person", "body", "term", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.body}"


class Case(Timestamped):
    """One case (ärende) of an organisation, identified by the year/number core of its case number."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PREPARED = "prepared", _("prepared")
        DECIDED = "decided", _("decided")
        CLOSED = "closed", _("closed")

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="cases")
    year = models.PositiveIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("case number"), max_length=40)
    prefixes = models.JSONField(_("series prefixes seen"), default=list, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    # Kept by the secretariat (paragraf/secretariat); an imported case is open until staff say otherwise.
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    office = models.CharField(_("responsible office"), max_length=200, blank=True)
    prepared_for = models.ForeignKey(
        "Body", verbose_name=_("ready for"), on_delete=models.SET_NULL, null=True, blank=True, related_name="prepared_cases"
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["organization", "-year", "-serial"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "serial"], name="case_unique_number")]

    def __str__(self) -> str:
        return self.number


class Meeting(Timestamped):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    adjournment = models.CharField(_("adjournment"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    sources = models.JSONField(_("read from"), default=list, blank=True)
    # Which packet the notice (agenda, invited) and the minutes (header, attendance, sign-off) were taken from.
    notice_source = models.ForeignKey(
        SourceFile, verbose_name=_("notice from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes_source = models.ForeignKey(
        SourceFile, verbose_name=_("minutes from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    adjusters = models.JSONField(_("adjusters"), default=list, blank=True)
    # False while the secretariat prepares the meeting: no public reader sees it (PublishedMeetings).
    published = models.BooleanField(_("public"), default=True, db_index=True)
    # Justerad in the secretariat: the meeting and everything of its minutes can no longer change
    # (records/locks.py; triggers in the database refuse it whatever the path).
    locked = models.BooleanField(_("justerad (locked)"), default=False)
    # When the minutes were justerade and the justering posted on the notice board: set by the
    # secretariat; an imported packet does not say (the review says so instead of guessing).
    justered_on = models.DateField(_("justerad on"), null=True, blank=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)

    objects = PublishedMeetings()
    all_objects = models.Manager()

    class Meta:
        base_manager_name = "all_objects"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "body__name"]
        constraints = [models.UniqueConstraint(fields=["body", "date"], name="meeting_unique_body_date")]
        # The few justerade meetings: the triggers of records/locks.py ask first whether there is any.
        indexes = [models.Index(fields=["id"], condition=models.Q(locked=True), name="meeting_locked")]

    def __str__(self) -> str:
        return f"{self.body} {self.date.isoformat()}"


class AgendaItem(Sourced):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(_("position"))
    number = models.PositiveIntegerField(_("number"))
    title = models.TextField(_("title"))
    case_number = models.CharField(_("case number as written"), max_length=40, blank=True)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items")
    section = models.CharField(_("section"), max_length=300, blank=True)
    presenter = models.CharField(_("presenter"), max_length=300, blank=True)

    objects = OfPublishedMeetings()
    all_objects = models.Manager()

    class Meta:
        base_manager_name = "all_objects"
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Invitation(Sourced):
    """A person on the invited list of a notice (kallelse)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations")
    position = models.PositiveIntegerField(_("position"))
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations")
    name = models.CharField(_("name as written"), max_length=200)
    party = models.CharField(_("party"), max_length=12, blank=True)
    group = models.CharField(_("group"), max_length=30)
    role = models.CharField(_("role"), max_length=200, blank=True)

    objects = OfPublishedMeetings()
    all_objects = models.Manager()

    class Meta:
        base_manager_name = "all_objects"
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.name


class Attendance(Sourced):
    """A person present at a meeting, under the heading the minutes list them (beslutande, ersättare …)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances")
    position = models.PositiveIntegerField(_("position"))
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="attendances")
    name = models.CharField(_("name as written"), max_length=200)
    party = models.CharField(_("party"), max_length=12, blank=True)
    group = models.CharField(_("group"), max_length=30)
    role = models.CharField(_("role"), max_length=200, blank=True)
    replaces = models.ForeignKey(
        Person, verbose_name=_("serves for"), on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    replaces_name = models.CharField(_("serves for (as written)"), max_length=200, blank=True)
    paragraphs = models.CharField(_("§ restriction"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A person's part in a meeting as `records/serving.py` derives it from the minutes' attendance
    and the notice; stored so that the counts of a person or a party over many meetings are one
    query. Rebuilt on every import of the meeting and every correction of its attendance or notice."""

    class Status(models.TextChoices):
        SERVING = "serving", _("served")
        SUBSTITUTE = "substitute", _("served as a substitute")
        REPLACED = "replaced", _("absent, replaced")
        ABSENT = "absent", _("absent")
        PRESENT = "present", _("present without serving")
        CALLED = "called", _("called (minutes not read)")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="seats")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    paragraphs = models.CharField(_("§ restriction"), max_length=100, blank=True)
    serves_for = models.CharField(_("serves for (as written)"), max_length=200, blank=True)
    replaced_by = models.JSONField(_("replaced by (as written)"), default=list, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["meeting", "person"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_seat_per_person_and_meeting")]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"


class Paragraph(Sourced):
    """One numbered § of a meeting's minutes; its content comes from the richest copy imported."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveIntegerField(_("number"))
    title = models.TextField(_("title"), blank=True)
    case_number = models.CharField(_("case number as written"), max_length=40, blank=True)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.SET_NULL, null=True, blank=True, related_name="paragraphs")
    decision = models.TextField(_("decision"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    basis = models.JSONField(_("basis"), default=list, blank=True)
    procedure = models.TextField(_("procedure"), blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    pages = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    disqualifications = models.JSONField(_("disqualifications (jäv), as written"), default=list, blank=True)
    disqualified = models.ManyToManyField(
        "Person", verbose_name=_("disqualified (jäv)"), blank=True, related_name="disqualifications")
    signoff = models.TextField(_("signed at the meeting (justering)"), blank=True)
    documents = models.ManyToManyField(
        "Document", verbose_name=_("documents of the basis"), blank=True, related_name="paragraphs")
    richness = models.PositiveIntegerField(_("richness of the copy"), default=0)

    class Meta:
        verbose_name = _("paragraph (§)")
        verbose_name_plural = _("paragraphs (§)")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="paragraph_unique_number")]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class ParagraphCopy(Sourced):
    """Where a § appears: the full minutes, an extract, another packet."""

    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="copies")

    class Meta:
        verbose_name = _("copy of a paragraph")
        verbose_name_plural = _("copies of paragraphs")
        constraints = [models.UniqueConstraint(fields=["paragraph", "source_file"], name="paragraph_copy_unique")]


class Proposal(Sourced):
    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveIntegerField(_("position"))
    by = models.CharField(_("proposed by (as written)"), max_length=200, blank=True)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    party = models.CharField(_("party"), max_length=12, blank=True)
    text = models.TextField(_("text"))
    proposers = models.ManyToManyField(Person, verbose_name=_("proposers"), blank=True, related_name="proposals_made")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["paragraph", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class Vote(Sourced):
    class Method(models.TextChoices):
        OPEN = "open", _("open")
        SECRET = "secret", _("secret")

    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="votes")
    position = models.PositiveIntegerField(_("position"))
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    yes = models.PositiveIntegerField(_("yes"))
    no = models.PositiveIntegerField(_("no"))
    abstain = models.PositiveIntegerField(_("abstain"))
    options = models.JSONField(_("options"), default=list, blank=True)
    yes_option = models.TextField(_("what a ja stood for"), blank=True)
    no_option = models.TextField(_("what a nej stood for"), blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["paragraph", "position"]

    def __str__(self) -> str:
        return f"{self.yes}–{self.no}–{self.abstain}"


class Ballot(models.Model):
    """How one named voter voted in an open vote."""

    class Choice(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        ABSTAIN = "abstain", _("abstain")

    vote = models.ForeignKey(Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots")
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(_("name as written"), max_length=200)
    party = models.CharField(_("party"), max_length=12, blank=True)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="ballots")
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "position"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_choice_display()}"

    @property
    def option(self) -> str:
        """What the choice stood for in the vote (`avslag`), as written; "" when the minutes do not say."""
        return {"yes": self.vote.yes_option, "no": self.vote.no_option}.get(self.choice, "")


class Election(Sourced):
    """A person appointed at a § (`kind` election), or proposed for another body to appoint (`kind` nomination)."""

    class Kind(models.TextChoices):
        ELECTION = "election", _("election")
        NOMINATION = "nomination", _("nomination")

    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="elections")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ELECTION)
    sub_body = models.CharField(_("part of the organisation"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(_("name as written"), max_length=200)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="elections")
    party = models.CharField(_("party"), max_length=12, blank=True)
    post = models.CharField(_("post"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["paragraph", "position"]

    def __str__(self) -> str:
        return self.name


class Dissent(Sourced):
    """A reservation, as written: a person or a party group."""

    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="dissents")
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("text"))
    people = models.ManyToManyField(Person, verbose_name=_("people"), blank=True, related_name="dissents")

    class Meta:
        verbose_name = _("dissent")
        verbose_name_plural = _("dissents")
        ordering = ["paragraph", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class RecordedStatement(Sourced):
    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="statements")
    position = models.PositiveIntegerField(_("position"))
    by = models.CharField(_("by (as written)"), max_length=300, blank=True)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="statements")
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("recorded statement")
        verbose_name_plural = _("recorded statements")
        ordering = ["paragraph", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class Document(Sourced):
    class Kind(models.TextChoices):
        NOTICE = "kallelse", _("notice (kallelse)")
        MINUTES = "protokoll", _("minutes (protokoll)")
        EXTRACT = "protokollsutdrag", _("extract (protokollsutdrag)")
        STAFF_REPORT = "tjansteskrivelse", _("staff report (tjänsteskrivelse)")
        COVER_LETTER = "missiv", _("cover letter (missiv)")
        LETTER = "skrivelse", _("letter (skrivelse)")
        RULES = "reglemente", _("rules (reglemente)")
        STANDING_ORDERS = "arbetsordning", _("standing orders (arbetsordning)")
        PLAN = "plan", _("plan")
        ANNUAL_REPORT = "verksamhetsberattelse", _("annual report (verksamhetsberättelse)")
        LIST = "forteckning", _("list (förteckning)")
        REPORT = "rapport", _("report (rapport)")
        OTHER = "annat", _("other")

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.TextField(_("title"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    case_number = models.CharField(_("case number as written"), max_length=40, blank=True)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.SET_NULL, null=True, blank=True, related_name="documents")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["source_file", "position"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Indicator(Sourced):
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("position"))
    report = models.CharField(_("report"), max_length=300, blank=True)
    perspective = models.CharField(_("perspective"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=40, blank=True)
    label = models.TextField(_("label"))
    target = models.CharField(_("target"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the report"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    goal = models.TextField(_("strategic goal"), blank=True)
    success_factor = models.TextField(_("success factor"), blank=True)
    assignment = models.TextField(_("assignment"), blank=True)
    polarity = models.CharField(_("polarity"), max_length=6, blank=True)  # higher | lower | "" (unknown): ingest.polarity

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["source_file", "position"]

    def __str__(self) -> str:
        return self.label[:80]


class StatedFulfilment(Sourced):
    """What a report states of its own goal fulfilment: counts of indicators met, partly met, not met and
    measured, and the indicators it names as met, partly met or not met (labels as written)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="stated_fulfilments")
    position = models.PositiveIntegerField(_("position"))
    report = models.CharField(_("report"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the report"), null=True, blank=True)
    met = models.PositiveIntegerField(_("met"), null=True, blank=True)
    partly = models.PositiveIntegerField(_("partly met"), null=True, blank=True)
    not_met = models.PositiveIntegerField(_("not met"), null=True, blank=True)
    measured = models.PositiveIntegerField(_("measured"), null=True, blank=True)
    met_labels = models.JSONField(_("named as met"), default=list, blank=True)
    partly_labels = models.JSONField(_("named as partly met"), default=list, blank=True)
    not_met_labels = models.JSONField(_("named as not met"), default=list, blank=True)

    class Meta:
        verbose_name = _("stated fulfilment")
        verbose_name_plural = _("stated fulfilments")
        ordering = ["source_file", "position"]

    def __str__(self) -> str:
        return f"{self.report} {self.year or ''}".strip()


class InternalControlReport(Sourced):
    """A report on a year's internal control plan (uppföljning av intern kontrollplan)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="internal_control_reports")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("internal control report")
        verbose_name_plural = _("internal control reports")
        ordering = ["organization", "year", "position"]

    def __str__(self) -> str:
        return self.title or str(self.year or "")


class InternalControlPlan(Sourced):
    """A year's internal control plan (intern kontrollplan) of a body: the controls it will make."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="internal_control_plans")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="internal_control_plans")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("internal control plan")
        verbose_name_plural = _("internal control plans")
        ordering = ["organization", "year", "position"]

    def __str__(self) -> str:
        return self.title or str(self.year or "")


class PlannedControl(models.Model):
    """A control point as a plan sets it out: its purpose, method, who makes it and when it is reported,
    the areas it concerns, and the risk it answers (consequence × probability, each 1–4, and as written)."""

    plan = models.ForeignKey(InternalControlPlan, verbose_name=_("internal control plan"), on_delete=models.CASCADE,
                             related_name="controls")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    method = models.TextField(_("method"), blank=True)
    responsible = models.TextField(_("responsible"), blank=True)
    timing = models.CharField(_("reported"), max_length=300, blank=True)
    areas = models.TextField(_("areas concerned"), blank=True)
    risk = models.CharField(_("risk as written"), max_length=200, blank=True)
    consequence = models.PositiveSmallIntegerField(_("consequence (1–4)"), null=True, blank=True)
    probability = models.PositiveSmallIntegerField(_("probability (1–4)"), null=True, blank=True)
    first_line = models.PositiveIntegerField(_("first line"), null=True, blank=True)

    class Meta:
        verbose_name = _("planned control")
        verbose_name_plural = _("planned controls")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.title

    @property
    def risk_score(self) -> int | None:
        """Consequence × probability (1–16), when both are known."""
        if self.consequence is None or self.probability is None:
            return None
        return self.consequence * self.probability


class ControlPoint(models.Model):
    """A control point (kontrollmoment) of a report: what it noted and the actions it proposes."""

    report = models.ForeignKey(InternalControlReport, verbose_name=_("internal control report"), on_delete=models.CASCADE,
                               related_name="control_points")
    planned = models.ForeignKey(PlannedControl, verbose_name=_("planned as"), on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="reported_as")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    observations = models.JSONField(_("observations"), default=list, blank=True)
    actions = models.JSONField(_("proposed actions"), default=list, blank=True)
    first_line = models.PositiveIntegerField(_("first line"), null=True, blank=True)

    class Meta:
        verbose_name = _("control point")
        verbose_name_plural = _("control points")
        ordering = ["report", "number"]

    def __str__(self) -> str:
        return f"Kontrollmoment {self.number} – {self.title}"


class DelegatedDecision(Sourced):
    """A decision taken on a body's behalf by a delegate (delegationsbeslut), as the register reported to
    one of its meetings lists it (`Anmälan av delegationsbeslut`)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="delegated_decisions")
    # The body whose power was delegated: set when a delegate records the decision in the secretariat
    # (an imported one has the body of the meeting it was reported at).
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="delegated_decisions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reported_at = models.ForeignKey("Meeting", verbose_name=_("reported at"), on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="delegated_decisions")
    register_case = models.ForeignKey(Case, verbose_name=_("case of the register"), on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.SET_NULL, null=True, blank=True, related_name="delegated_decisions")
    position = models.PositiveIntegerField(_("position"))
    point = models.CharField(_("delegation point"), max_length=60, blank=True)
    title = models.TextField(_("matter"))
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    delegate = models.CharField(_("delegate"), max_length=200, blank=True)
    delegate_role = models.CharField(_("delegate's role"), max_length=200, blank=True)  # when the register says it

    class Meta:
        verbose_name = _("delegated decision")
        verbose_name_plural = _("delegated decisions")
        ordering = ["source_file", "position"]

    def __str__(self) -> str:
        return f"{self.point} {self.title}".strip()[:80]


class DelegationScheme(Timestamped):
    """A body's delegation scheme (delegationsordning): who may decide what on its behalf, from a date."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="delegation_schemes")
    title = models.CharField(_("title"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    decided_in = models.ForeignKey("Paragraph", verbose_name=_("decided in"), on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    # The packet it was read from while it is the import's own; empty once staff made or changed it (in the
    # admin or the secretariat): a re-import then leaves it as it is.
    source_file = models.ForeignKey(SourceFile, verbose_name=_("read from"), on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("delegation scheme")
        verbose_name_plural = _("delegation schemes")
        ordering = ["body", "-valid_from"]

    def __str__(self) -> str:
        return self.title


class DelegationPoint(models.Model):
    """A point of a delegation scheme: its number (`4.5.4`), the matter, the delegate's role and the limits."""

    scheme = models.ForeignKey(DelegationScheme, verbose_name=_("delegation scheme"), on_delete=models.CASCADE, related_name="points")
    position = models.PositiveIntegerField(_("position"), default=0)
    number = models.CharField(_("delegation point"), max_length=60)
    matter = models.TextField(_("matter"))
    delegate_role = models.CharField(_("delegate's role"), max_length=200)
    limits = models.TextField(_("limits"), blank=True)

    class Meta:
        verbose_name = _("delegation point")
        verbose_name_plural = _("delegation points")
        ordering = ["scheme", "position"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="delegation_point_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.matter}"[:80]


class InformationDocument(Sourced):
    """A document a body is told of (informationshandling), as the register reported to one of its
    meetings lists it (`Anmälan av informationshandlingar`)."""

    class Direction(models.TextChoices):
        IN = "in", _("received")
        OUT = "out", _("sent")

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="information_documents")
    # The body told of it: set when the secretary registers the document in the secretariat (an imported
    # one has the body of the meeting it was reported at).
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="information_documents")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reported_at = models.ForeignKey("Meeting", verbose_name=_("reported at"), on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="information_documents")
    register_case = models.ForeignKey(Case, verbose_name=_("case of the register"), on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.SET_NULL, null=True, blank=True, related_name="information_documents")
    position = models.PositiveIntegerField(_("position"))
    category = models.CharField(_("category"), max_length=300, blank=True)
    title = models.TextField(_("title"))
    counterpart = models.CharField(_("sender or recipient"), max_length=300, blank=True)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("information document")
        verbose_name_plural = _("information documents")
        ordering = ["source_file", "position"]

    def __str__(self) -> str:
        return self.title[:80]


class CitedStep(Sourced):
    """A step of a case's path that a document cites (`Protokollsutdrag regionfullmäktiges presidium
    2022-06-02` in the basis of a §): the body and date are as cited, not seen in any packet."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="cited_steps")
    paragraph = models.ForeignKey(Paragraph, verbose_name=_("cited in"), on_delete=models.CASCADE, related_name="cited_steps")
    position = models.PositiveIntegerField(_("position"))
    body_name = models.CharField(_("body as cited"), max_length=300)
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    date = models.DateField(_("date"))
    text = models.TextField(_("as written"))

    class Meta:
        verbose_name = _("cited step")
        verbose_name_plural = _("cited steps")
        ordering = ["case", "date"]

    def __str__(self) -> str:
        return f"{self.body_name} {self.date.isoformat()}"


class Override(models.Model):
    """A correction made by staff to one field of an imported record; re-imports apply it again."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=100)
    value = models.JSONField(_("corrected value"), null=True)
    imported_value = models.JSONField(_("value read by the importer"), null=True)
    corrected_by = models.CharField(_("corrected by"), max_length=150, blank=True)
    corrected_at = models.DateTimeField(_("corrected"), auto_now=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "field"], name="override_unique_field")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}.{self.field}"


class Tombstone(models.Model):
    """A public record that was removed (by a re-import, a staff action or a restore): OParl serves it
    as `deleted: true` with its id, type and `created`, and lists it to clients asking what changed
    since a time, so that their copies lose it too (`records/changes.py` writes these)."""

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("organisation")
        BODY = "body", _("body")
        PERSON = "person", _("person")
        MEMBERSHIP = "membership", _("membership")
        MEETING = "meeting", _("meeting")
        PARAGRAPH = "paragraph", _("paragraph (§)")
        AGENDA_ITEM = "agenda_item", _("agenda item")
        CASE = "case", _("case")
        DOCUMENT = "document", _("document")
        SOURCE_FILE = "source_file", _("source file")
        LOCATION = "location", _("meeting place")  # no meeting of its organisation is held there any more

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("record id"))  # a place: the meeting removed last of those held there
    place = models.CharField(_("place"), max_length=300, blank=True)  # a place: as the meeting wrote it
    organization_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)  # no key: it may be gone too
    had_case = models.BooleanField(_("carried a case"), default=False)  # a § or item with a case was a Consultation too
    created = models.DateTimeField(_("created"))
    deleted = models.DateTimeField(_("deleted"), db_index=True)

    class Meta:
        verbose_name = _("removed record")
        verbose_name_plural = _("removed records")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "place"], name="tombstone_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
