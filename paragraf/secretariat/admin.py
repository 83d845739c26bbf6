"""The secretariat's rows in the admin: who is secretary or delegate of which body, members' accounts, the case
series, a body's standard items, the published notices (read only)."""
from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from paragraf.secretariat import models as m


class ReadOnly:
    """Shown, never added or changed in the admin: what the secretariat's own flow writes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.BodySecretary)
class BodySecretaryAdmin(admin.ModelAdmin):
    list_display = ("user", "body")
    list_filter = ("body__organization",)
    autocomplete_fields = ("body",)
    search_fields = ("user__username", "body__name")


@admin.register(m.Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ("user", "body", "role")
    list_filter = ("body__organization",)
    autocomplete_fields = ("body",)
    search_fields = ("user__username", "body__name", "role")


@admin.register(m.MemberAccount)
class MemberAccountAdmin(admin.ModelAdmin):
    list_display = ("user", "names")
    autocomplete_fields = ("people",)
    search_fields = ("user__username", "people__name")

    @admin.display(description=_("people"))
    def names(self, account) -> str:
        return ", ".join(f"{p.name} ({p.organization})" if p.organization_id else p.name
                         for p in account.people.select_related("organization"))


@admin.register(m.CaseSeries)
class CaseSeriesAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "last_serial")


@admin.register(m.StandardItem)
class StandardItemAdmin(admin.ModelAdmin):
    list_display = ("body", "position", "title", "section")
    list_filter = ("body",)


@admin.register(m.NoticeVersion)
class NoticeVersionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("meeting", "version", "published", "published_by", "withheld")
    fields = ("meeting", "version", "published", "published_by", "changes", "withheld")
    readonly_fields = fields


@admin.register(m.MinutesDraft)
class MinutesDraftAdmin(ReadOnly, SimpleHistoryAdmin):
    """The minutes being recorded, read only here: its history (who saved what, when, before and
    after) is the audit log an auditor reads."""

    list_display = ("meeting", "revision", "updated", "updated_by")
    fields = ("meeting", "revision", "updated", "updated_by", "content")
    readonly_fields = fields
    history_list_display = ("revision", "updated_by")


@admin.register(m.Justering)
class JusteringAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ("meeting", "deadline", "completed")
    fields = ("meeting", "signers", "deadline", "completed")
    readonly_fields = fields


@admin.register(m.Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ("meeting", "posted", "appeal_last_day", "taken_down")
    readonly_fields = ("meeting", "posted", "appeal_last_day", "taken_down")


@admin.register(m.Correction)
class CorrectionAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ("meeting", "number", "created", "completed")
    fields = ("meeting", "number", "text", "reason", "created_by", "signers", "completed")
    readonly_fields = fields
