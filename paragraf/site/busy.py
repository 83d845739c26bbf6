"""A clear 503 instead of a 500 when SQLite stays locked: a long import holds the write lock, and a
write (a staff correction, a login) waited `PARAGRAF_SQLITE_TIMEOUT` seconds for it in vain."""
from __future__ import annotations

from django.db import OperationalError
from django.utils.translation import gettext as _

from paragraf.site.answers import Guard, refuse

RETRY_AFTER = 30  # seconds


class DatabaseBusyMiddleware(Guard):
    def process_exception(self, request, exception):
        if not (isinstance(exception, OperationalError) and "locked" in str(exception)):
            return None
        message = _("The database is busy (an import is running). Try again shortly.")
        return refuse(request, 503, _("Busy"), message, retry_after=RETRY_AFTER)
