"""TOTP devices of staff (`paragraf totp`): what the admin asks for when PARAGRAF_ADMIN_TOTP is on."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


def add_device(username: str, name: str, replace: bool = False) -> TOTPDevice:
    """A new confirmed TOTP device of the user; with `replace`, the user's other TOTP devices are deleted."""
    user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    if user is None:
        raise LookupError(f"no user {username!r} (create one with `paragraf manage createsuperuser`)")
    with transaction.atomic():
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        return TOTPDevice.objects.create(user=user, name=name, confirmed=True)
