"""django-axes has no Swedish: the strings it shows in the admin are marked here, so that `make messages`
puts them in paragraf/locale/sv, which Django reads before an app's own catalogue."""
from django.utils.translation import gettext_noop as _

AXES_ADMIN = [
    _("Form Data"),
    _("Meta Data"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("access failure"),
    _("access failures"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("access attempt"),
    _("access attempts"),
    _("Logout Time"),
    _("access log"),
    _("access logs"),
]
