"""Recording a meeting: the roll call, each § (decision, proposals, procedure, vote, elections,
reservations, notes, recipients), autosaved with the revision it was read at; the justering."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from paragraf.records import locks
from paragraf.records.models import Meeting
from paragraf.secretariat import justering as signoff
from paragraf.secretariat import recording
from paragraf.review.findings import Severity
from paragraf.secretariat.minutes_pdf import extract_of, for_signing
from paragraf.secretariat.review_check import findings_before_justering
from paragraf.secretariat.models import Correction, Justering, MinutesDraft
from paragraf.secretariat.permissions import signing_person
from paragraf.secretariat.recording import Attending, RecordedElection, RecordedVote
from paragraf.secretariat.rollcall import RecordingError
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.pdf import pdf_response

CHOICES = (("yes", "Ja"), ("no", "Nej"), ("abstain", "Avstår"))
JUSTERAD = "Protokollet är justerat och kan inte ändras. En rättelse är ett nytt beslut som justeras för sig."


def _meeting(pk: int, **_ignored) -> Meeting:
    return get_object_or_404(Meeting.all_objects.select_related("body__organization"), pk=pk, preparation__isnull=False)


def _revision(request) -> int:
    try:
        return int(request.POST.get("revision", "-1"))
    except ValueError:
        return -1


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _locked(request, meeting: Meeting):
    """A change to the minutes of a justerad meeting: refused (403) and logged."""
    locks.LOG.warning("refused: %s changing the minutes of %s (justerad)", request.user.get_username(), meeting)
    if request.headers.get("X-Autosave") == "1":
        return JsonResponse({"error": JUSTERAD}, status=403)
    return render(request, "403.html", {"reason": JUSTERAD}, status=403)


def _saved(request, draft, minutes, done: str, back: str):
    """Save, or say why not: a conflict or a refused fact (400/409), as JSON to the autosave."""
    autosave = request.headers.get("X-Autosave") == "1"
    try:
        draft = recording.save(draft, minutes, _revision(request), request.user)
    except recording.Conflict as error:
        if autosave:
            return JsonResponse({"error": str(error)}, status=409)
        messages.error(request, str(error))
        return redirect(back)
    if autosave:
        return JsonResponse({"revision": draft.revision})
    messages.success(request, done)
    return redirect(back)


@permission("secretariat.record_meeting", _meeting)
def minutes(request, meeting: Meeting, pk: int):
    draft = recording.draft_of(meeting)
    rec = recording.from_json(draft.content)
    if request.method == "POST" and meeting.locked:
        return _locked(request, meeting)
    if request.method == "POST":
        present = set(request.POST.getlist("present"))
        serves_for = {e.key: request.POST.get(f"serves_for_{i}", "") for i, e in enumerate(rec.roll)}
        for i, entry in enumerate(rec.roll):
            entry.first = _number(request.POST.get(f"first_{i}"))
            entry.last = _number(request.POST.get(f"last_{i}"))
        rec = recording.roll_call(rec, present, serves_for)
        rec.chair = request.POST.get("chair", rec.chair).strip()
        rec.adjusters = [name for name in (request.POST.get("adjuster_1", ""), request.POST.get("adjuster_2", "")) if name.strip()]
        rec.secretary = request.POST.get("secretary", rec.secretary).strip()
        rec.end_time = request.POST.get("end_time", rec.end_time).strip()
        rec.adjournment = request.POST.get("adjournment", rec.adjournment).strip()
        rec.attending = ([_attending(line, "adjungerad") for line in _lines(request.POST.get("co_opted", ""))]
                         + [_attending(line, "övriga") for line in _lines(request.POST.get("others", ""))])
        return _saved(request, draft, rec, "Uppropet är sparat.", request.path)
    absent = [e.key for e in rec.roll if e.ordinary and not e.present]
    justering = Justering.objects.filter(meeting=meeting).defer("signed_pdf").first()
    attending = {group: "\n".join(_attending_line(a) for a in rec.attending if a.group == group) for group in ("adjungerad", "övriga")}
    context = {"meeting": meeting, "draft": draft, "rec": rec, "roll": list(enumerate(rec.roll)), "absent": absent,
               "co_opted": attending["adjungerad"], "others": attending["övriga"],
               "people": [e.key for e in rec.roll if e.present], "justering": justering,
               "waiting": signoff.waiting(justering) if justering else [],
               "corrections": Correction.objects.filter(meeting=meeting).defer("signed_pdf"),
               "findings": [] if meeting.locked else findings_before_justering(meeting, rec)}
    return render(request, "secretariat/minutes.html", context)


def _attending(line: str, group: str) -> Attending:
    """`Namn (Parti), titel, §§ 1-13`: the party, the title and the § restriction may be left out."""
    parts = [part.strip() for part in line.split(",")]
    name, party = parts[0], ""
    if name.endswith(")") and "(" in name:
        name, _open, party = name[:-1].rpartition("(")
    paragraphs = parts.pop() if len(parts) > 1 and parts[-1].startswith("§") else ""
    return Attending(name=name.strip(), party=party.strip(), role=", ".join(parts[1:]), group=group, paragraphs=paragraphs)


def _attending_line(a: Attending) -> str:
    name = f"{a.name} ({a.party})" if a.party else a.name
    return ", ".join(part for part in (name, a.role, a.paragraphs) if part)


def _number(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@permission("secretariat.record_meeting", _meeting)
def paragraph(request, meeting: Meeting, pk: int, number: int):
    draft = recording.draft_of(meeting)
    rec = recording.from_json(draft.content)
    try:
        para = rec.paragraph(number)
    except RecordingError:
        raise Http404("Paragrafen finns inte.") from None
    serving = rec.serving(number)
    back = request.path
    if request.method == "POST" and meeting.locked:
        return _locked(request, meeting)
    if request.method == "POST" and request.POST.get("jav_only"):
        said = recording.record_jav(rec, number, request.POST.getlist("jav"))
        return _saved(request, draft, rec, " ".join(said) or f"Ingen har jäv vid § {number}.", back)
    if request.method == "POST":
        try:
            _apply(request.POST, rec, number, serving)
        except RecordingError as error:
            if request.headers.get("X-Autosave") == "1":
                return JsonResponse({"error": str(error)}, status=400)
            return _paragraph_page(request, meeting, draft, rec, para, serving, error=str(error), status=400)
        return _saved(request, draft, rec, f"§ {number} är sparad.", back)
    return _paragraph_page(request, meeting, draft, rec, para, serving)


def _apply(data, rec: recording.Recording, number: int, serving: list[str]) -> None:
    para = rec.paragraph(number)
    para.decision = data.get("decision", "").strip()
    para.summary = data.get("summary", "").strip()
    para.basis = _lines(data.get("basis", ""))
    para.disqualifications = _lines(data.get("disqualifications", ""))
    para.proposals = _lines(data.get("proposals", ""))
    para.procedure = data.get("procedure", "").strip()
    para.notes = _lines(data.get("notes", ""))
    para.recipients = _lines(data.get("recipients", ""))
    para.elections = [_election(line) for line in _lines(data.get("elections", ""))]
    para.nominations = [_election(line) for line in _lines(data.get("nominations", ""))]
    method = data.get("vote", "")
    para.vote = None
    if method == "open":
        ballots = {name: data.get(f"ballot_{i}", "") for i, name in enumerate(serving) if data.get(f"ballot_{i}")}
        recording.record_open_vote(rec, number, ballots, data.get("yes_option", "").strip(), data.get("no_option", "").strip(),
                                   data.get("chair_choice") or None, data.get("vote_outcome", "").strip())
    elif method == "secret":
        options = []
        for line in _lines(data.get("options", "")):
            name, _colon, count = line.rpartition(":")
            if not name or not count.strip().isdigit():
                raise RecordingError(f"Skriv varje kandidat som 'Namn: antal röster' ({line!r}).")
            options.append((name.strip(), int(count)))
        recording.record_secret_ballot(rec, number, options, _number(data.get("blank")) or 0, data.get("vote_outcome", "").strip())
    para.reservations = []
    reserving = data.getlist("reserving")
    if reserving:
        recording.record_reservation(rec, number, reserving, data.get("reservation_text", "").strip())


def _election(line: str) -> RecordedElection:
    """`Namn (Parti) | uppdrag | organisation | period`."""
    parts = [part.strip() for part in line.split("|")] + ["", "", ""]
    name, party = parts[0], ""
    if name.endswith(")") and "(" in name:
        name, _open, party = name[:-1].rpartition("(")
        name = name.strip()
    return RecordedElection(name=name, party=party.strip(), post=parts[1], organisation=parts[2], period=parts[3])


def _elections_text(elections) -> str:
    return "\n".join(" | ".join([f"{e.name} ({e.party})" if e.party else e.name, e.post, e.organisation, e.period]) for e in elections)


def _paragraph_page(request, meeting, draft, rec, para, serving, error: str = "", status: int = 200):
    vote = para.vote or RecordedVote("")
    ballots = [(i, name, vote.ballots.get(name, "")) for i, name in enumerate(serving)]
    members = [e for e in rec.roll if e.ordinary and e.present and e.presence().here_at(para.number)]
    context = {"meeting": meeting, "draft": draft, "para": para, "serving": serving, "ballots": ballots, "choices": CHOICES,
               "jav": [(i, e.key, para.number in e.disqualified) for i, e in enumerate(members)],
               "vote": vote, "error": error,
               "texts": {name: "\n".join(getattr(para, name)) for name in ("proposals", "basis", "notes", "recipients", "disqualifications")},
               "reserving": {n for r in para.reservations for n in r.names},
               "reservation_text": para.reservations[0].text if para.reservations else "",
               "options_text": "\n".join(f"{name}: {count}" for name, count in vote.options),
               "elections_text": _elections_text(para.elections), "nominations_text": _elections_text(para.nominations),
               "previous": para.number - 1 if para.number > 1 else None,
               "next": para.number + 1 if any(p.number == para.number + 1 for p in rec.paragraphs) else None}
    return render(request, "secretariat/paragraph.html", context, status=status)


@require_POST
@permission("secretariat.record_meeting", _meeting)
def start_justering(request, meeting: Meeting, pk: int):
    rec = recording.from_json(recording.draft_of(meeting).content)
    if not rec.chair or len(rec.adjusters) < 1:
        messages.error(request, "Ange ordförande och justerare i uppropet först.")
        return redirect("secretariat:minutes", pk=meeting.pk)
    errors = [f for f in findings_before_justering(meeting, rec) if f.severity is Severity.ERROR]
    reason = request.POST.get("accept_reason", "").strip()
    if errors and not reason:
        messages.error(request, f"Granskningen fann {len(errors)} fel. Rätta dem, eller godta dem med ett skäl, innan protokollet justeras.")
        return redirect("secretariat:minutes", pk=meeting.pk)
    accepted = [{"rule": f.rule.code, "paragraph": f.paragraph, "finding": f.explanation, "reason": reason,
                 "by": request.user.get_username()} for f in errors]
    pdf, boxes = for_signing(meeting, rec)
    signoff.start(meeting, pdf, rec.name_of(rec.chair), [rec.name_of(key) for key in rec.adjusters], boxes, accepted)
    messages.success(request, "Protokollet är klart för justering: ordföranden och justerarna kan nu signera det.")
    return redirect("secretariat:minutes", pk=meeting.pk)


@require_POST
@permission("secretariat.sign_minutes", _meeting)
def sign(request, meeting: Meeting, pk: int):
    name = signing_person(request.user, meeting).name
    try:
        signoff.sign(meeting.justering, name, signoff.configured_signer())
    except signoff.JusteringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{name} har justerat protokollet.")
    return redirect("secretariat:justering", pk=meeting.pk)


@permission("secretariat.view_justering", _meeting)
def justering_page(request, meeting: Meeting, pk: int):
    corrections = Correction.objects.filter(meeting=meeting, completed__isnull=True).defer("signed_pdf")
    return render(request, "secretariat/justering.html", {"meeting": meeting, "justering": meeting.justering, "corrections": corrections})


def extract(request, body: str, date, number: int):
    """A protokollsutdrag of one § of justerade minutes, certified by the meeting's secretary."""
    meeting = get_object_or_404(Meeting.objects.select_related("body__organization"), body__slug=body, date=date, locked=True)
    draft = get_object_or_404(MinutesDraft, meeting=meeting)
    rec = recording.from_json(draft.content)
    if not any(p.number == number for p in rec.paragraphs):
        raise Http404("Paragrafen finns inte.")
    on = meeting.justering.completed.date()
    return pdf_response(extract_of(meeting, rec, [number], rec.secretary, on), f"protokollsutdrag-{body}-{date.isoformat()}-{number}.pdf")


@require_POST
@permission("secretariat.record_meeting", _meeting)
def correct(request, meeting: Meeting, pk: int):
    try:
        number = int(request.POST.get("number", ""))
        signoff.correct(meeting, number, request.POST.get("text", ""), request.POST.get("reason", ""), request.user)
    except (ValueError, signoff.JusteringError) as error:
        messages.error(request, str(error) if isinstance(error, signoff.JusteringError) else "Välj paragrafen som rättas.")
    else:
        messages.success(request, f"Rättelsen av § {number} väntar på att justeras av dem som justerade protokollet.")
    return redirect("secretariat:minutes", pk=meeting.pk)


def _correction(pk: int, correction: int) -> Correction:
    return get_object_or_404(Correction.objects.select_related("meeting__body").defer("signed_pdf"), pk=correction, meeting_id=pk)


@require_POST
@permission("secretariat.sign_correction", _correction)
def sign_correction(request, correction: Correction, pk: int, **_kwargs):
    name = signing_person(request.user, correction.meeting).name
    try:
        signoff.sign_correction(correction, name, signoff.configured_signer())
    except signoff.JusteringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{name} har justerat rättelsen av § {correction.number}.")
    return redirect("secretariat:justering", pk=pk)


def correction_pdf(request, pk: int):
    """A justerad rättelse, signed, as public as the minutes it corrects."""
    data = Correction.objects.filter(pk=pk, completed__isnull=False, meeting__published=True).values_list("signed_pdf", flat=True).first()
    if data is None:
        raise Http404("Ingen justerad rättelse med det numret.")
    return pdf_response(data, f"rattelse-{pk}.pdf")
