"""*Hämta delegationsbeslut* and *Hämta informationshandlingar* on a meeting page: one view for both
registers (`registers.py`), told which by its address, that reports what is unreported and says what
became of it."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_POST

from paragraf.records.models import Meeting
from paragraf.secretariat import delegation, information, registers
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.meetings import _meeting


@dataclass(frozen=True)
class Reporting:
    kind: registers.RegisterKind
    nothing: Promise  # `%(body)s`, `%(date)s`: there was nothing to report
    added: Promise  # `%(added)d` (its plural), `%(total)d`, `%(number)d`: the item


REPORTING = {
    "delegation": Reporting(
        delegation.DELEGATION,
        gettext_lazy("%(body)s has no unreported delegated decisions taken by %(date)s."),
        ngettext_lazy("%(added)d delegated decision added; %(total)d are reported under item %(number)d, the register attached as a PDF.",
                      "%(added)d delegated decisions added; %(total)d are reported under item %(number)d, the register attached as a PDF.",
                      "added")),
    "information": Reporting(
        information.INFORMATION,
        gettext_lazy("%(body)s has no unreported information documents dated by %(date)s."),
        ngettext_lazy("%(added)d information document added; %(total)d are reported under item %(number)d, the register attached as a PDF.",
                      "%(added)d information documents added; %(total)d are reported under item %(number)d, the register attached as a PDF.",
                      "added")),
}


@require_POST
@permission("secretariat.edit_meeting", _meeting)
def report(request, meeting: Meeting, pk: int, register: str):
    """Report the register's unreported entries at the meeting, back to its page with a message."""
    reporting = REPORTING[register]
    try:
        done = registers.report_at(reporting.kind, meeting, request.user)
    except registers.NotInPreparation:
        messages.error(request, _("The meeting is justerad (or its justering has begun): what was reported at it does not change."))
        return redirect("secretariat:meeting", pk=meeting.pk)
    if done.item is None:
        messages.info(request, reporting.nothing % {"body": meeting.body.name, "date": formats.date_format(meeting.date, "j F Y")})
    else:
        messages.success(request, reporting.added % {"added": done.added, "total": done.total, "number": done.item.number})
    return redirect("secretariat:meeting", pk=meeting.pk)
