"""The masker as staff's rules make it, and what a changed rule must bring up to date.

The rules are read at most every `RULES_SECONDS` per process (not on every request); the
process where staff change a rule forgets its copy at once (`rule_changed`, connected in
apps.py), others within `RULES_SECONDS`."""
from __future__ import annotations

import threading
import time

from django.conf import settings
from django.dispatch import Signal

from paragraf.privacy.masking import EMAIL, Masker, value_key
from paragraf.privacy.models import MaskingRule
from paragraf.records.models import OrganizationSettings, SourceFile

RULES_SECONDS = 10.0
# Sent with `value` when staff add, change or remove a rule: what was masked by it changes
# (the search index listens and masks the entries of the packets holding the value anew).
masking_rule_changed = Signal()
_lock = threading.Lock()
_cached: tuple[float, Masker] | None = None


def current_masker() -> Masker:
    global _cached
    with _lock:
        if _cached is None or time.monotonic() - _cached[0] > RULES_SECONDS:
            _cached = (time.monotonic(), _build())
        return _cached[1]


def forget() -> None:
    """Read the rules again at the next call (a rule changed)."""
    global _cached
    with _lock:
        _cached = None


def _build() -> Masker:
    rows = list(MaskingRule.objects.values_list("action", "key", "value"))
    unmasked = {key for action, key, _ in rows if action == MaskingRule.UNMASK}
    if settings.PARAGRAF_OPARL_CONTACT_EMAIL:  # whom to write about the API: no personal data
        unmasked.add(value_key(EMAIL, settings.PARAGRAF_OPARL_CONTACT_EMAIL))
    protected = [value for action, _, value in rows if action == MaskingRule.PROTECT]
    return Masker(unmasked=unmasked, protected=protected)


def rule_changed(sender, instance: MaskingRule, **kwargs) -> None:
    forget()
    masking_rule_changed.send(sender=MaskingRule, value=instance.value)


def contact_changed(sender, instance: OrganizationSettings, **kwargs) -> None:
    _keep_contact_rule(instance.organization, instance.contact_email)


def contact_removed(sender, instance: OrganizationSettings, **kwargs) -> None:
    _keep_contact_rule(instance.organization, "")


def _keep_contact_rule(organization, contact_email: str) -> None:
    """An organisation's contact address is a function's, not a person's: a rule shows it. The rule of an
    address it no longer uses goes with it, unless another organisation gives the same address (then the rule
    becomes that one's); a rule staff wrote for the address stays as they wrote it."""
    current = value_key(EMAIL, contact_email) if contact_email else ""
    for rule in MaskingRule.objects.filter(contact_of=organization).exclude(key=current):
        other = _other_organization_with_contact(rule.key, organization)
        if other is None:
            rule.delete()  # the masker and the search index hear of it (rule_changed)
        else:
            rule.contact_of = other
            rule.save(update_fields=["contact_of"])
    if current:
        MaskingRule.objects.get_or_create(
            action=MaskingRule.UNMASK, kind=EMAIL, key=current,
            defaults={"value": contact_email, "contact_of": organization,
                      "reason": f"Kontaktadress för {organization} (organisationens inställningar)"})


def _other_organization_with_contact(key: str, organization):
    for other in OrganizationSettings.objects.exclude(organization=organization).exclude(contact_email="").select_related("organization"):
        if value_key(EMAIL, other.contact_email) == key:
            return other.organization
    return None


def source_files_holding(value: str):
    """The packets whose text holds a value: their search entries are masked anew."""
    return SourceFile.objects.filter(text__icontains=value).defer("data")
