"""Logging in and out of the secretariat (secretaries, administrators, delegates, members). django-axes counts
each failed login of a user name from an address, as for the admin; with PARAGRAF_ADMIN_TOTP staff give
a code too."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django_otp.forms import OTPAuthenticationForm

from paragraf.secretariat.permissions import delegate_bodies


class LoginView(auth_views.LoginView):
    template_name = "secretariat/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Staff to the secretariat; a delegate to their body's delegated decisions; a member to the portal (no `next`)."""
        if self.request.user.has_perm("secretariat.use"):
            return reverse("secretariat:start")
        bodies = delegate_bodies(self.request.user)
        if bodies:
            return reverse("secretariat:delegated_decisions", kwargs={"body": bodies[0].pk})
        return reverse("portal:start")

    def get_form_class(self):
        return OTPAuthenticationForm if settings.PARAGRAF_ADMIN_TOTP else AuthenticationForm


class LogoutView(auth_views.LogoutView):
    next_page = "portal:start"
