"""Staff's side of personal data: the report of what a packet's public text masks, unmasking a
false positive or protecting a name from it, and publishing a packet held for review."""
from __future__ import annotations

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from paragraf.privacy.masking import NAME, value_key
from paragraf.privacy.models import MaskingRule, PacketReview
from paragraf.privacy.review import held_text, publish, report
from paragraf.privacy.rules import current_masker
from paragraf.records.models import SourceFile


@admin.register(MaskingRule)
class MaskingRuleAdmin(admin.ModelAdmin):
    list_display = ("value", "action", "kind", "reason", "created_by", "created")
    list_filter = ("action", "kind")
    search_fields = ("value", "reason")
    readonly_fields = ("created_by", "created", "contact_of")

    def save_model(self, request, obj, form, change) -> None:
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path("report/<int:pk>/", self.admin_site.admin_view(self.source_report), name="privacy_source_report"),
            path("rule/", self.admin_site.admin_view(self.add_rule), name="privacy_add_rule"),
            *super().get_urls(),
        ]

    def source_report(self, request, pk: int):
        """The personal data report of a stored packet."""
        source = get_object_or_404(SourceFile.objects.defer("data"), pk=pk)
        return _report_page(request, self.admin_site, source.name, source.text, review=None)

    def add_rule(self, request):
        """Unmask one value of a report (no personal data) or protect a name (POST from the report)."""
        if request.method != "POST" or not self.has_add_permission(request):
            return redirect("admin:privacy_maskingrule_changelist")
        action, kind, value = (request.POST.get(k, "").strip() for k in ("action", "kind", "value"))
        if action in {MaskingRule.UNMASK, MaskingRule.PROTECT} and value and kind in dict(MaskingRule.KINDS):
            kind = NAME if action == MaskingRule.PROTECT else kind
            rule, _ = MaskingRule.objects.get_or_create(
                action=action, kind=kind, key=value_key(kind, value),
                defaults={"value": value, "reason": request.POST.get("reason", ""), "created_by": request.user})
            messages.success(request, f"Regeln är sparad: {rule}")
        back = request.POST.get("next", "")
        return redirect(back if back.startswith("/") and not back.startswith("//") else "admin:privacy_maskingrule_changelist")


@admin.register(PacketReview)
class PacketReviewAdmin(admin.ModelAdmin):
    list_display = ("name", "submitted", "submitted_by", "published", "published_by")
    readonly_fields = ("name", "sha256", "hints", "submitted", "submitted_by", "published", "published_by", "result")
    exclude = ("data",)

    def has_add_permission(self, request) -> bool:
        return False  # packets come by `paragraf import --review` (and, later, upload)

    def get_urls(self):
        return [
            path("<int:pk>/report/", self.admin_site.admin_view(self.review_report), name="privacy_review_report"),
            *super().get_urls(),
        ]

    def review_report(self, request, pk: int):
        review = get_object_or_404(PacketReview, pk=pk)
        if request.method == "POST" and request.POST.get("publish") and self.has_change_permission(request, review):
            if review.published:
                messages.info(request, "Paketet är redan publicerat.")
            else:
                result = publish(review, request.user)
                level = messages.SUCCESS if result.ok else messages.ERROR
                messages.add_message(request, level, f"{review.name}: {result.status} {result.message}".strip())
            return redirect(reverse("admin:privacy_review_report", args=[pk]))
        return _report_page(request, self.admin_site, review.name, held_text(review), review=review)


def _report_page(request, site, name: str, text: str, review: PacketReview | None):
    context = {
        **site.each_context(request),
        "title": f"Personuppgifter i {name}",
        "rows": report(text, current_masker()),
        "review": review,
        "unmasked": MaskingRule.objects.filter(action=MaskingRule.UNMASK).order_by("value"),
        "protected": MaskingRule.objects.filter(action=MaskingRule.PROTECT).order_by("value"),
    }
    return TemplateResponse(request, "privacy/report.html", context)
