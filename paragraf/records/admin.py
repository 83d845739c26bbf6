"""The staff admin (Swedish labels from the models' verbose names).

Editing an imported record stores each changed field as an `Override`, which
the importer applies again on every re-import.
"""
from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from paragraf.records import locks
from paragraf.records import models as m
from paragraf.records.overrides import record_override
from paragraf.records.resolve import Parties, People
from paragraf.records.serving import store_seats
from paragraf.records.speakers import Speakers, resolve_dissents


class CorrectionsAdmin(admin.ModelAdmin):
    """Changes to an imported record are kept as corrections that survive re-import. A record of a
    justerad meeting is shown read only (records/locks.py; the database refuses a change anyway), and a
    change tried all the same is logged. A person is picked by searching, never from a list of every
    organisation's people (the register is kept per organisation; each is shown with theirs)."""

    def get_autocomplete_fields(self, request):
        own = tuple(super().get_autocomplete_fields(request))
        people = tuple(f.name for f in self.model._meta.get_fields()
                       if f.concrete and (f.many_to_one or f.many_to_many) and f.related_model is m.Person
                       and f.name not in own and f.name not in self.readonly_fields)
        return own + people

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(request, obj)

    def _locked(self, request, obj) -> bool:
        if obj is None or not locks.is_locked(locks.meeting_id_of(obj)):
            return False
        if request.method == "POST":
            locks.LOG.warning("refused: %s changing %s %s in the admin (justerad)", request.user.get_username(),
                              obj._meta.verbose_name, obj.pk)
        return True

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            return
        for name in form.changed_data:
            field = obj._meta.get_field(name)
            if field.concrete and not field.many_to_many:
                record_override(obj, name, form.initial.get(name), user=request.user.get_username())


class ReadOnlySourceMixin:
    readonly_fields = ("source_file", "first_line", "last_line")


class SourcedAdmin(ReadOnlySourceMixin, CorrectionsAdmin):
    pass


class AgendaItemInline(admin.TabularInline):
    model = m.AgendaItem
    extra = 0
    fields = ("number", "title", "case_number", "section", "presenter")
    show_change_link = True


class ParagraphInline(admin.TabularInline):
    model = m.Paragraph
    extra = 0
    fields = ("number", "title", "case_number")
    show_change_link = True


@admin.register(m.Meeting)
class MeetingAdmin(CorrectionsAdmin):
    list_display = ("body", "date", "start_time", "place")
    list_filter = ("body__organization", "body")
    date_hierarchy = "date"
    search_fields = ("body__name", "place")
    readonly_fields = ("notice_source", "minutes_source", "sources")
    inlines = [AgendaItemInline, ParagraphInline]


class ProposalInline(admin.TabularInline):
    model = m.Proposal
    extra = 0
    fields = ("by", "party", "text")


class DissentInline(admin.TabularInline):
    model = m.Dissent
    extra = 0
    fields = ("text",)


@admin.register(m.Paragraph)
class ParagraphAdmin(ReadOnlySourceMixin, CorrectionsAdmin):
    list_display = ("__str__", "meeting", "case_number")
    list_filter = ("meeting__body",)
    search_fields = ("title", "decision", "case_number")
    # who had jäv and which documents the basis names are derived on import from the text
    readonly_fields = ("source_file", "first_line", "last_line", "richness", "disqualified", "documents")
    inlines = [ProposalInline, DissentInline]


@admin.register(m.Case)
class CaseAdmin(CorrectionsAdmin):
    list_display = ("number", "title", "organization")
    search_fields = ("number", "title")


class PersonAliasInline(admin.TabularInline):
    model = m.PersonAlias
    extra = 0


@admin.register(m.Person)
class PersonAdmin(CorrectionsAdmin):
    list_display = ("name", "party", "organization")
    list_filter = ("organization", "party")
    search_fields = ("name", "aliases__name")
    inlines = [PersonAliasInline]


class BodyAliasInline(admin.TabularInline):
    model = m.BodyAlias
    extra = 0


@admin.register(m.Body)
class BodyAdmin(CorrectionsAdmin):
    list_display = ("name", "kind", "parent", "organization")
    list_filter = ("organization", "kind")
    search_fields = ("name",)
    inlines = [BodyAliasInline]


@admin.register(m.Document)
class DocumentAdmin(ReadOnlySourceMixin, CorrectionsAdmin):
    list_display = ("kind", "title", "date", "case_number", "source_file")
    list_filter = ("kind",)
    search_fields = ("title", "case_number")


@admin.register(m.SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "line_count", "parser_version", "imported_at", "updated_at")
    exclude = ("data", "text")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data", "text")
    readonly_fields = ("name", "sha256", "kind", "line_count", "parser_version", "warnings")


@admin.register(m.Override)
class OverrideAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "field", "value", "imported_value", "corrected_by", "corrected_at")
    readonly_fields = ("content_type", "object_id", "field", "imported_value", "corrected_by", "corrected_at")


for model in (m.AgendaItem, m.Vote, m.Election, m.RecordedStatement, m.Indicator, m.CitedStep):
    admin.site.register(model, SourcedAdmin)


class SeatsFollowAdmin(SourcedAdmin):
    """A corrected attendance or notice changes who served: the meeting's seats (what the
    person and party facts count) and who its reservations mean are derived again at once."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        derive_again([obj.meeting_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        derive_again([obj.meeting_id])

    def delete_queryset(self, request, queryset):
        meetings = list(queryset.values_list("meeting_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        derive_again(meetings)


def derive_again(meeting_ids: list[int]) -> None:
    store_seats(meeting_ids)
    parties, speakers = Parties(), {}
    for meeting in m.Meeting.objects.filter(pk__in=meeting_ids).select_related("body__organization"):
        organization = meeting.body.organization
        if organization.pk not in speakers:
            speakers[organization.pk] = Speakers(People(parties, organization))
        resolve_dissents(meeting, speakers[organization.pk])


for model in (m.Attendance, m.Invitation):
    admin.site.register(model, SeatsFollowAdmin)


# Who a proposal or a reservation means is derived on every import from its text and the
# attendance (`serving.py`): staff correct those, not the list, and the next import follows.
@admin.register(m.Proposal)
class ProposalAdmin(SourcedAdmin):
    readonly_fields = ("source_file", "first_line", "last_line", "proposers")


@admin.register(m.Dissent)
class DissentAdmin(SourcedAdmin):
    readonly_fields = ("source_file", "first_line", "last_line", "people")


for model in (m.Organization, m.Term, m.Party, m.Membership, m.Ballot):
    admin.site.register(model, CorrectionsAdmin)

admin.site.site_header = _("Paragraf – administration")
admin.site.site_title = _("Paragraf")
admin.site.index_title = _("Records")


class DelegationPointInline(admin.TabularInline):
    model = m.DelegationPoint
    extra = 3


@admin.register(m.DelegationScheme)
class DelegationSchemeAdmin(admin.ModelAdmin):
    """A body's delegation scheme, its points edited by staff (the review checks reported decisions against it)."""

    list_display = ("title", "body", "valid_from", "source_file")
    list_filter = ("body__organization",)
    raw_id_fields = ("decided_in",)
    readonly_fields = ("source_file",)
    inlines = [DelegationPointInline]

    def save_related(self, request, form, formsets, change):
        """Saved by staff, the scheme or its points: theirs from now on, never written anew by a re-import."""
        super().save_related(request, form, formsets, change)
        m.DelegationScheme.objects.filter(pk=form.instance.pk).update(source_file=None)


class PlannedControlInline(admin.StackedInline):
    model = m.PlannedControl
    extra = 0
    fields = ("position", "title", "purpose", "method", "responsible", "timing", "areas", "risk", "consequence", "probability", "first_line")
    readonly_fields = ("first_line",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("consequence", "probability"):  # a number of the scale, 1–4 (docs/importer.md)
            kwargs.update(min_value=1, max_value=4)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(m.InternalControlPlan)
class InternalControlPlanAdmin(SourcedAdmin):
    """A year's internal control plan with its controls; staff correct a control's consequence and probability
    (1–4) where the plan's words do not give them. Every change is kept as a correction that a re-import applies again."""

    list_display = ("title", "year", "body", "organization")
    list_filter = ("organization", "year")
    inlines = [PlannedControlInline]

    def save_formset(self, request, form, formset, change):
        initial = {f.instance.pk: f.initial for f in formset.forms if f.instance.pk}
        changed = {f.instance.pk: f.changed_data for f in formset.forms if f.instance.pk and f.has_changed()}
        super().save_formset(request, form, formset, change)
        for obj in formset.queryset.filter(pk__in=changed):
            for name in changed[obj.pk]:
                record_override(obj, name, initial[obj.pk].get(name), user=request.user.get_username())
