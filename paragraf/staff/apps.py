"""The staff app, and the admin, django-axes and django-otp TOTP apps under Swedish names (listed in
INSTALLED_APPS in place of the originals)."""
from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import apps as totp_apps


class StaffConfig(AppConfig):
    name = "paragraf.staff"


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with `admin.site` a `StaffAdminSite`."""

    default = False
    default_site = "paragraf.staff.site.StaffAdminSite"


class AxesConfig(axes_apps.AppConfig):
    default = False
    verbose_name = _("Login security")


class TOTPConfig(totp_apps.DefaultConfig):
    default = False
    verbose_name = _("Two-step login (TOTP)")
