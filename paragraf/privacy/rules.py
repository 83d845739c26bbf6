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
    """An organisation's contact address is a function's, not a person's: a rule shows it (once; staff may
    remove the rule of an address no longer used)."""
    if instance.contact_email:
        MaskingRule.objects.get_or_create(
            action=MaskingRule.UNMASK, kind=EMAIL, key=value_key(EMAIL, instance.contact_email),
            defaults={"value": instance.contact_email,
                      "reason": f"Kontaktadress för {instance.organization} (organisationens inställningar)"})


def source_files_holding(value: str):
    """The packets whose text holds a value: their search entries are masked anew."""
    return SourceFile.objects.filter(text__icontains=value).defer("data")
