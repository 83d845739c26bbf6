"""Staff see who follows what (to answer a person who asks what is kept about their address) and may
delete an address with everything of it. Nothing is edited here: subscriptions are made by their links."""
from __future__ import annotations

from django.contrib import admin

from paragraf.alerts.models import Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["kind", "body", "case", "person", "search", "requested", "confirmed"]
    readonly_fields = fields
    extra = 0
    can_delete = True
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "created"]
    search_fields = ["email"]
    fields = ["email", "created"]
    readonly_fields = ["email", "created"]
    inlines = [SubscriptionInline]

    def has_add_permission(self, request) -> bool:
        return False
