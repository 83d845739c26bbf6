"""The admin site: Django's, and with PARAGRAF_ADMIN_TOTP on, staff must also be verified by a TOTP device."""
from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm


class TOTPLoginForm(OTPAdminAuthenticationForm):
    """User name, password and the code of the user's TOTP device (the only one, or the one chosen)."""

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("Wrong code. Enter the code your authenticator app shows now."),
        "n_failed_attempts": _("Too many wrong codes: wait a while and try again."),
        "verification_not_allowed": _("Too many wrong codes: wait a while and try again."),
        "device_required": _("Choose the device to take the code from."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        token = self.fields["otp_token"]
        token.label = _("Code from the authenticator app")
        token.widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")
        self.fields["otp_device"].label = _("Device")

    def _chosen_device(self, user):
        # django-otp asks which device to check; a user with one device need not say.
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class StaffAdminSite(admin.AdminSite):
    """`admin.site` (paragraf.staff.apps.AdminConfig). Whether TOTP is asked is read from the settings on
    each request."""

    @property
    def login_form(self):
        return TOTPLoginForm if settings.PARAGRAF_ADMIN_TOTP else None

    @property
    def login_template(self):
        return "staff/totp_login.html" if settings.PARAGRAF_ADMIN_TOTP else None

    def has_permission(self, request):
        return super().has_permission(request) and (not settings.PARAGRAF_ADMIN_TOTP or verified(request.user))


def verified(user) -> bool:
    """Verified by a device in this session. OTPMiddleware sets `otp_device` on the request's user
    (None when not verified), django_otp.login on the user just logged in; a user it never saw is not
    verified."""
    return getattr(user, "otp_device", None) is not None
