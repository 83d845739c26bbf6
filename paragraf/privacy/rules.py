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
from paragraf.records.models import OrganizationSettings

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
    unmasked = {key for action, key, _ in rows if action == MaskingRule.UNMASK} | public_addresses()
    protected = [value for action, _, value in rows if action == MaskingRule.PROTECT]
    return Masker(unmasked=unmasked, protected=protected)


def public_addresses() -> set[str]:
    """The addresses the public is meant to write to: each organisation's contact address (its
    settings) and the OParl contact (PARAGRAF_OPARL_CONTACT_EMAIL). No personal data: never masked."""
    addresses = [*OrganizationSettings.objects.exclude(contact_email="").values_list("contact_email", flat=True),
                 settings.PARAGRAF_OPARL_CONTACT_EMAIL]
    return {value_key(EMAIL, address) for address in addresses if address}


def rule_changed(sender, instance: MaskingRule, **kwargs) -> None:
    forget()
    masking_rule_changed.send(sender=MaskingRule, value=instance.value)


def contact_changed(sender, instance, **kwargs) -> None:
    """An organisation's settings were saved: its contact address may be new (masked no more)."""
    forget()
    if instance.contact_email:
        masking_rule_changed.send(sender=MaskingRule, value=instance.contact_email)


def source_files_holding(value: str):
    """The packets whose text holds a value: their search entries are masked anew."""
    from paragraf.records.models import SourceFile

    return SourceFile.objects.filter(text__icontains=value).defer("data")
