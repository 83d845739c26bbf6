"""What the secretariat keeps beside the records: who serves which body (secretaries, delegates), the case series, the
documents (handlingar) uploaded to cases, each agenda item's documents, a body's standard items and
every published version of a notice with its PDFs."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from paragraf.records.models import AgendaItem, Body, Case, Invitation, Meeting, Organization, Person


# The audit log of a meeting before justering (who changed what, when, before and after): the
# records the secretariat writes are tracked here, in this app's tables, so `records` knows nothing
# of it. The importer adds new rows in bulk (not tracked) and updates few in place.
for tracked in (Meeting, AgendaItem, Invitation, Case):
    register(tracked, app="paragraf.secretariat", table_name=f"secretariat_history_{tracked._meta.model_name}",
             verbose_name=_("history"), excluded_fields=["sources"] if tracked is Meeting else None)


class BodySecretary(models.Model):
    """A user who is secretary of a body: prepares its meetings (docs/roles.md)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="secretary_of")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="secretaries")

    class Meta:
        verbose_name = _("secretary of a body")
        verbose_name_plural = _("secretaries of bodies")
        constraints = [models.UniqueConstraint(fields=["user", "body"], name="body_secretary_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"


class Delegate(models.Model):
    """A user to whom a body has delegated power (delegat): records the decisions they take on the
    body's behalf (`records.DelegatedDecision`), and sees the body's register of them (docs/roles.md).
    `role` is the title the delegation scheme names them by (`Regiondirektör`, `Förvaltningschef`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="delegate_for")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="delegates")
    role = models.CharField(_("delegate's role"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("delegate of a body")
        verbose_name_plural = _("delegates of bodies")
        constraints = [models.UniqueConstraint(fields=["user", "body"], name="body_delegate_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"


class MemberAccount(models.Model):
    """The login of an elected member: which people of the records the user is, one in each organisation
    they sit in (the register is kept per organisation: a member of a region and of one of its
    municipalities is a person in each). Their bodies are those people's memberships (records.Membership)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="member_account")
    people = models.ManyToManyField(Person, verbose_name=_("people"), related_name="accounts")

    class Meta:
        verbose_name = _("member account")
        verbose_name_plural = _("member accounts")

    def __str__(self) -> str:
        return str(self.user)

    def person_in(self, organization_id: int) -> Person | None:
        """The user's person in this organisation; else one no record has placed in an organisation (made by
        hand), which is taken at its name; None when the user is not of this organisation."""
        people = list(self.people.filter(Q(organization_id=organization_id) | Q(organization__isnull=True)))
        return min(people, key=lambda p: (p.organization_id is None, p.pk)) if people else None


class CaseSeries(models.Model):
    """The last serial issued in an organisation's case series of a year, and the series prefix
    (`RS` in `RS 2023/217`). Serials are one series per organisation and year, as `records.Case` is."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    last_serial = models.PositiveIntegerField(_("last serial number issued"))

    class Meta:
        verbose_name = _("case series")
        verbose_name_plural = _("case series")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="case_series_unique_year")]


class WithoutData(models.Manager):
    """Documents without their bytes: lists and links never load a PDF."""

    def get_queryset(self):
        return super().get_queryset().defer("data")


class CaseDocument(models.Model):
    """A document (handling) uploaded to a case: a PDF, public or confidential (sekretess)."""

    class Kind(models.TextChoices):
        STAFF_REPORT = "tjansteskrivelse", _("staff report")
        BASIS = "beslutsunderlag", _("decision basis")
        EXTRACT = "protokollsutdrag", _("extract of minutes")
        MOTION = "motion", _("motion")
        LETTER = "skrivelse", _("letter")
        REPORT = "rapport", _("report")
        APPENDIX = "bilaga", _("appendix")
        OTHER = "ovrigt", _("other")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="uploaded_documents")
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    confidential = models.BooleanField(_("confidential (sekretess)"), default=False)
    file_name = models.CharField(_("file name"), max_length=255)
    pages = models.PositiveIntegerField(_("pages"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)
    data = models.BinaryField(_("PDF"))
    history = HistoricalRecords(verbose_name=_("history"), excluded_fields=["data"])

    objects = WithoutData()
    with_data = models.Manager()

    class Meta:
        base_manager_name = "objects"
        verbose_name = _("document of a case")
        verbose_name_plural = _("documents of cases")
        ordering = ["case", "date", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaDocument(models.Model):
    """A document that goes with an agenda item, in the order of the packet."""

    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="attached")
    document = models.ForeignKey(CaseDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="agenda_links")
    position = models.PositiveIntegerField(_("position"))
    history = HistoricalRecords(verbose_name=_("history"))

    class Meta:
        verbose_name = _("document of an agenda item")
        verbose_name_plural = _("documents of agenda items")
        ordering = ["agenda_item", "position"]
        constraints = [models.UniqueConstraint(fields=["agenda_item", "document"], name="agenda_document_once")]


class StandardItem(models.Model):
    """An item every meeting of a body starts its agenda with (`Upprop och val av protokollsjusterare` …)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="standard_items")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    section = models.CharField(_("section"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("standard item")
        verbose_name_plural = _("standard items")
        ordering = ["body", "position"]


class Preparation(models.Model):
    """A meeting prepared in the secretariat (not read from a packet)."""

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="preparation")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("prepared meeting")
        verbose_name_plural = _("prepared meetings")


class WithoutPdfs(models.Manager):
    def get_queryset(self):
        return super().get_queryset().defer("notice_pdf", "packet_pdf")


class NoticeVersion(models.Model):
    """One published notice of a meeting: the first, then each amended one (`Ändrad kallelse`) with what
    changed; its content as published (JSON), the notice PDF and the packet PDF (public documents only)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="notice_versions")
    version = models.PositiveIntegerField(_("version"))
    published = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.SET_NULL, null=True, related_name="+")
    changes = models.JSONField(_("changes"), default=list, blank=True)
    content = models.JSONField(_("content"))
    withheld = models.PositiveIntegerField(_("confidential documents left out"), default=0)
    notice_pdf = models.BinaryField(_("notice PDF"))
    packet_pdf = models.BinaryField(_("packet PDF"))

    objects = WithoutPdfs()
    with_pdfs = models.Manager()

    class Meta:
        base_manager_name = "objects"
        verbose_name = _("published notice")
        verbose_name_plural = _("published notices")
        ordering = ["meeting", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="notice_version_unique")]

    @property
    def amended(self) -> bool:
        return self.version > 1


class MinutesDraft(models.Model):
    """The minutes of a meeting as the secretary records them, before justering: one typed document
    (`content`, the `typeset.minutes_model.Minutes` of the meeting as JSON), saved with the revision it
    was edited from (optimistic locking: a save from an older revision is refused, nothing is lost).
    Every save is kept in its history (django-simple-history: who, when, before and after)."""

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes_draft")
    content = models.JSONField(_("content"), default=dict)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords(verbose_name=_("history of the minutes"))

    class Meta:
        verbose_name = _("minutes being recorded")
        verbose_name_plural = _("minutes being recorded")


class Justering(models.Model):
    """The sign-off of a meeting's minutes: the PDF made from the recorded minutes, signed in turn by
    the chair and the adjusters (PAdES, each an incremental update of `signed_pdf`); complete when all
    have signed, then the meeting is justerad and can no longer change."""

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="justering")
    signers = models.JSONField(_("signers"), default=list)  # [{"role", "name", "signed": ISO time or None}]
    deadline = models.DateField(_("deadline"))
    signed_pdf = models.BinaryField(_("minutes PDF"))
    completed = models.DateTimeField(_("justerad"), null=True, blank=True)
    # Findings of the review (`fel`) the secretary accepted before justering: rule, §, text, reason, who.
    accepted = models.JSONField(_("findings accepted"), default=list, blank=True)
    history = HistoricalRecords(verbose_name=_("history of the justering"), excluded_fields=["signed_pdf"])

    class Meta:
        verbose_name = _("justering")
        verbose_name_plural = _("justeringar")


class Posting(models.Model):
    """The notice on the notice board (anslagstavlan) that a meeting's minutes are justerade."""

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="posting")
    posted = models.DateField(_("posted"))
    appeal_last_day = models.DateField(_("last day to appeal"))
    taken_down = models.DateField(_("taken down"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-posted", "meeting"]


class Correction(models.Model):
    """A rättelse of a § of justerade minutes: its own PDF naming the original, signed in turn by those
    who justerade the minutes. The minutes and their records never change; the correction is shown
    beside them."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="corrections")
    number = models.PositiveIntegerField(_("paragraph (§)"))
    text = models.TextField(_("corrected text"))
    reason = models.TextField(_("reason"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+")
    signers = models.JSONField(_("signers"), default=list)
    signed_pdf = models.BinaryField(_("correction PDF"))
    completed = models.DateTimeField(_("justerad"), null=True, blank=True)
    history = HistoricalRecords(verbose_name=_("history of the correction"), excluded_fields=["signed_pdf"])

    class Meta:
        verbose_name = _("correction (rättelse)")
        verbose_name_plural = _("corrections (rättelser)")
        ordering = ["meeting", "created"]
