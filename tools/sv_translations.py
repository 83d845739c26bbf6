"""Swedish UI strings: fills msgstr in paragraf/locale/sv/LC_MESSAGES/django.po from SV below.

    python tools/sv_translations.py   # after `paragraf manage makemessages -l sv`; then msgfmt (see Makefile: make messages)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "paragraf" / "locale" / "sv" / "LC_MESSAGES" / "django.po"

SV = {
    "PDF": "PDF",
    "Secretariat": "Sekretariat",
    "appendix": "bilaga",
    "case series": "diarieserie",
    "changes": "ändringar",
    "closed": "avslutat",
    "confidential (sekretess)": "sekretess",
    "confidential documents left out": "handlingar med sekretess som inte ingår",
    "content": "innehåll",
    "decided": "beslutat",
    "decision basis": "beslutsunderlag",
    "document of a case": "handling i ärende",
    "documents of cases": "handlingar i ärenden",
    "document of an agenda item": "handling till punkt",
    "documents of agenda items": "handlingar till punkter",
    "extract of minutes": "protokollsutdrag",
    "last serial number issued": "senast utdelade löpnummer",
    "letter": "skrivelse",
    "member account": "ledamotskonto",
    "member accounts": "ledamotskonton",
    "motion": "motion",
    "notice PDF": "kallelse (PDF)",
    "packet PDF": "handlingar (PDF)",
    "pages": "sidor",
    "prepared": "berett",
    "prepared meeting": "förberett sammanträde",
    "prepared meetings": "förberedda sammanträden",
    "public": "offentligt",
    "published notice": "publicerad kallelse",
    "published notices": "publicerade kallelser",
    "ready for": "redo för",
    "responsible office": "ansvarig förvaltning",
    "secretaries of bodies": "sekreterare för organ",
    "secretary of a body": "sekreterare för organ",
    "size in bytes": "storlek i byte",
    "staff report": "tjänsteskrivelse",
    "standard item": "standardpunkt",
    "standard items": "standardpunkter",
    "uploaded": "uppladdad",
    "uploaded by": "uppladdad av",
    "user": "användare",
    "version": "version",
    "Personal data": "Personuppgifter",
    "action": "åtgärd",
    "created by": "skapad av",
    "e-mail address": "e-postadress",
    "hide: a protected name": "dölj: ett skyddat namn",
    "hints": "uppgifter vid inläsning",
    "masking rule": "regel för personuppgifter",
    "masking rules": "regler för personuppgifter",
    "packet for review": "paket att granska",
    "packets for review": "paket att granska",
    "personal identity number": "personnummer",
    "phone number": "telefonnummer",
    "published": "publicerat",
    "published by": "publicerat av",
    "result of publishing": "resultat av publiceringen",
    "show: no personal data": "visa: ingen personuppgift",
    "submitted": "inlämnat",
    "submitted by": "inlämnat av",
    "value as written": "värde som det står",
    "Portal": "Portal",
    "Meetings": "Sammanträden",
    "No meetings have been imported yet.": "Inga sammanträden har importerats ännu.",
    "Paragraf – administration": "Paragraf – administration",
    "Paragraf": "Paragraf",
    "Records": "Handlingar och beslut",
    "file name": "filnamn",
    "SHA-256": "SHA-256",
    "file kind": "filtyp",
    "original bytes": "originalfil",
    "text read": "inläst text",
    "lines": "rader",
    "parser version": "inläsarens version",
    "warnings": "varningar",
    "imported": "importerad",
    "updated": "uppdaterad",
    "source file": "källfil",
    "source files": "källfiler",
    "first line": "första rad",
    "last line": "sista rad",
    "name": "namn",
    "slug": "adressnamn",
    "organisation": "organisation",
    "organisations": "organisationer",
    "assembly (fullmäktige)": "fullmäktige",
    "executive board (styrelse)": "styrelse",
    "board (nämnd)": "nämnd",
    "committee (utskott)": "utskott",
    "presidium": "presidium",
    "drafting committee (beredning)": "beredning",
    "other": "annat",
    "kind": "slag",
    "parent body": "överordnat organ",
    "body": "organ",
    "bodies": "organ",
    "name as written": "namn som det skrivs",
    "reason": "skäl",
    "body alias": "annat namn på organ",
    "body aliases": "andra namn på organ",
    "start": "början",
    "end": "slut",
    "term": "mandatperiod",
    "terms": "mandatperioder",
    "abbreviation": "förkortning",
    "party": "parti",
    "parties": "partier",
    "person": "person",
    "people": "personer",
    "person alias": "annan namnform",
    "person aliases": "andra namnformer",
    "member": "ledamot",
    "substitute": "ersättare",
    "chair": "ordförande",
    "first vice chair": "1:e vice ordförande",
    "second vice chair": "2:e vice ordförande",
    "vice chair": "vice ordförande",
    "co-opted": "adjungerad",
    "commissioner": "regionråd/kommunalråd",
    "role": "roll",
    "first seen": "först sedd",
    "last seen": "senast sedd",
    "membership": "uppdrag",
    "memberships": "uppdrag",
    "year": "år",
    "serial number": "löpnummer",
    "case number": "diarienummer",
    "series prefixes seen": "förekommande serieprefix",
    "title": "rubrik",
    "case": "ärende",
    "cases": "ärenden",
    "date": "datum",
    "start time": "starttid",
    "end time": "sluttid",
    "adjournment": "ajournering",
    "place": "plats",
    "read from": "inläst ur",
    "notice from": "kallelse ur",
    "minutes from": "protokoll ur",
    "secretary": "sekreterare",
    "adjusters": "justerare",
    "meeting": "sammanträde",
    "meetings": "sammanträden",
    "position": "ordning",
    "number": "nummer",
    "case number as written": "diarienummer som det skrivs",
    "section": "avsnitt",
    "presenter": "föredragande",
    "agenda item": "ärende på dagordningen",
    "agenda items": "ärenden på dagordningen",
    "group": "grupp",
    "invitation": "kallad",
    "invitations": "kallade",
    "serves for": "tjänstgör för",
    "serves for (as written)": "tjänstgör för (som det skrivs)",
    "§ restriction": "närvarande vid §",
    "attendance": "närvaro",
    "attendances": "närvaro",
    "decision": "beslut",
    "summary": "sammanfattning",
    "basis": "beslutsunderlag",
    "procedure": "beslutsgång",
    "recipients": "beslutet skickas till",
    "number of pages": "beslutets antal sidor",
    "richness of the copy": "kopians fullständighet",
    "paragraph (§)": "paragraf (§)",
    "paragraphs (§)": "paragrafer (§)",
    "copy of a paragraph": "förekomst av paragraf",
    "copies of paragraphs": "förekomster av paragrafer",
    "proposed by (as written)": "yrkande av (som det skrivs)",
    "text": "text",
    "proposal": "yrkande",
    "proposals": "yrkanden",
    "open": "öppen",
    "secret": "sluten",
    "method": "omröstningssätt",
    "yes": "ja",
    "no": "nej",
    "abstain": "avstår",
    "options": "alternativ",
    "vote": "omröstning",
    "votes": "omröstningar",
    "choice": "röst",
    "ballot": "röst",
    "ballots": "röster",
    "post": "uppdrag",
    "period": "period",
    "election": "val",
    "elections": "val",
    "nomination": "nominering",
    "seat": "plats",
    "seats": "platser",
    "status": "status",
    "served": "tjänstgjorde",
    "served as a substitute": "tjänstgjorde som ersättare",
    "absent, replaced": "frånvarande, ersatt",
    "absent": "frånvarande",
    "present without serving": "närvarande utan att tjänstgöra",
    "called (minutes not read)": "kallad (protokollet inte inläst)",
    "replaced by (as written)": "ersatt av (som det skrivs)",
    "year of the report": "rapportens år",
    "unit": "enhet",
    "part of the organisation": "del av organisationen",
    "proposers": "förslagsställare",
    "what a ja stood for": "vad ja stod för",
    "what a nej stood for": "vad nej stod för",
    "disqualifications (jäv), as written": "jäv, som det skrivs",
    "disqualified (jäv)": "jäviga",
    "signed at the meeting (justering)": "justerad vid sammanträdet",
    "documents of the basis": "beslutsunderlagets handlingar",
    "cited in": "citerat i",
    "cited step": "citerat steg",
    "cited steps": "citerade steg",
    "body as cited": "organ som det citeras",
    "as written": "som det skrivs",
    "dissent": "reservation",
    "dissents": "reservationer",
    "by (as written)": "av (som det skrivs)",
    "recorded statement": "protokollsanteckning",
    "recorded statements": "protokollsanteckningar",
    "notice (kallelse)": "kallelse",
    "minutes (protokoll)": "protokoll",
    "extract (protokollsutdrag)": "protokollsutdrag",
    "staff report (tjänsteskrivelse)": "tjänsteskrivelse",
    "cover letter (missiv)": "missiv",
    "letter (skrivelse)": "skrivelse",
    "rules (reglemente)": "reglemente",
    "standing orders (arbetsordning)": "arbetsordning",
    "plan": "plan",
    "annual report (verksamhetsberättelse)": "verksamhetsberättelse",
    "list (förteckning)": "förteckning",
    "report (rapport)": "rapport",
    "document": "handling",
    "documents": "handlingar",
    "report": "rapport",
    "perspective": "perspektiv",
    "level": "nivå",
    "label": "mätetal",
    "target": "målvärde",
    "result": "resultat",
    "indicator": "mätetal",
    "indicators": "mätetal",
    "record type": "posttyp",
    "record id": "post-id",
    "field": "fält",
    "corrected value": "rättat värde",
    "value read by the importer": "inläst värde",
    "corrected by": "rättad av",
    "corrected": "rättad",
    "correction": "rättelse",
    "corrections": "rättelser",
    "created": "skapad",
    "Open data API": "Öppna data (API)",
    "modified": "ändrad",
    "Too many requests": "För många förfrågningar",
    "Too many requests from your address. Try again in a minute.":
        "För många förfrågningar från din adress. Försök igen om en minut.",
    "Busy": "Upptaget",
    "The database is busy (an import is running). Try again shortly.":
        "Databasen är upptagen (en import pågår). Försök igen om en stund.",
    "To the start page": "Till startsidan",
    "There is no such page.": "Sidan finns inte.",
    "No record has an id so large.": "Ingen post har ett så stort nummer.",
    "Lines %(first)s–%(last)s": "Rader %(first)s–%(last)s",
    "Pages of lines": "Sidor med rader",
    "Previous lines": "Föregående rader",
    "Next lines": "Nästa rader",
    # The staff login (paragraf/staff/): TOTP, lockout, and what django-axes shows in the admin
    "Login security": "Inloggningsskydd",
    "Two-step login (TOTP)": "Tvåstegsinloggning (TOTP)",
    "Enter the code from your authenticator app.": "Ange koden från din autentiseringsapp.",
    "Wrong code. Enter the code your authenticator app shows now.": "Fel kod. Ange koden som din autentiseringsapp visar nu.",
    "Too many wrong codes: wait a while and try again.": "För många felaktiga koder: vänta en stund och försök igen.",
    "Choose the device to take the code from.": "Välj enheten som koden kommer från.",
    "Code from the authenticator app": "Kod från autentiseringsappen",
    "Device": "Enhet",
    "Too many failed logins": "För många misslyckade inloggningar",
    "After %(limit)s failed logins this user name cannot log in from your address for %(minutes)s minutes. "
    "Try again later, or ask an administrator to lift the lockout.":
        "Efter %(limit)s misslyckade inloggningar kan det här användarnamnet inte logga in från din adress "
        "på %(minutes)s minuter. Försök igen senare, eller be en administratör häva spärren.",
    "After %(limit)s failed logins this user name cannot log in from your address until an administrator "
    "lifts the lockout.":
        "Efter %(limit)s misslyckade inloggningar kan det här användarnamnet inte logga in från din adress "
        "förrän en administratör häver spärren.",
    # Django's own Swedish, for the admin login template with a TOTP code (staff/totp_login.html)
    "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to "
    "login to a different account?":
        "Du är autentiserad som %(username)s men är inte behörig att komma åt denna sida. Vill du logga in "
        "med ett annat konto?",
    "Log in": "Logga in",
    "Form Data": "Formulärdata",
    "Meta Data": "Metadata",
    "User Agent": "Webbläsare (User-Agent)",
    "IP Address": "IP-adress",
    "Username": "Användarnamn",
    "HTTP Accept": "HTTP Accept",
    "Path": "Sökväg",
    "Attempt Time": "Tidpunkt",
    "Access lock out": "Utelåst",
    "access failure": "misslyckad inloggning",
    "access failures": "misslyckade inloggningar",
    "GET Data": "GET-data",
    "POST Data": "POST-data",
    "Failed Logins": "Misslyckade inloggningar",
    "access attempt": "spärrad eller misslyckad inloggning",
    "access attempts": "spärrade och misslyckade inloggningar",
    "Logout Time": "Utloggad",
    "access log": "inloggning",
    "access logs": "inloggningar",
}
# Plural entries: msgid -> (singular, plural)
SV_PLURAL = {
    "%(n)s paragraph": ("%(n)s paragraf", "%(n)s paragrafer"),
    "Please correct the error below.": ("Var god rätta felet nedan.", "Var god rätta felen nedan."),
}


def _unfuzzy(entry: str) -> str:
    """A guess of msgmerge (`#, fuzzy`: the Swedish of a similar string) is dropped, to be filled from SV."""
    if "#, fuzzy" not in entry or 'msgid ""\nmsgstr ""' in entry:
        return entry  # the header is marked fuzzy until filled below
    lines = [line for line in entry.split("\n") if not line.startswith(("#, fuzzy", "#|"))]
    return re.sub(r'^msgstr ".*"$', 'msgstr ""', "\n".join(lines), flags=re.M)


def fill(po: str) -> tuple[str, list[str]]:
    missing: list[str] = []
    entries = po.split("\n\n")
    out = []
    for entry in entries:
        entry = _unfuzzy(entry)
        single = re.search(r'^msgid "(.+)"\nmsgstr ""$', entry, re.M)
        plural = re.search(r'^msgid "(.+)"\nmsgid_plural ".+"\nmsgstr\[0\] ""\nmsgstr\[1\] ""$', entry, re.M)
        if single:
            key = single.group(1).replace('\\"', '"')
            if key in SV:
                entry = entry.replace(single.group(0), f'msgid "{single.group(1)}"\nmsgstr "{SV[key]}"')
            else:
                missing.append(key)
        elif plural:
            key = plural.group(1)
            if key in SV_PLURAL:
                one, many = SV_PLURAL[key]
                entry = entry.replace('msgstr[0] ""\nmsgstr[1] ""', f'msgstr[0] "{one}"\nmsgstr[1] "{many}"')
            else:
                missing.append(key)
        out.append(entry)
    text = "\n\n".join(out).replace("#, fuzzy\n", "", 1)
    text = text.replace('"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    text = text.replace('"Language: \\n"', '"Language: sv\\n"')
    return text, missing


if __name__ == "__main__":
    text, missing = fill(PO.read_text(encoding="utf-8"))
    PO.write_text(text, encoding="utf-8")
    if missing:
        print("no Swedish for:", *missing, sep="\n  ", file=sys.stderr)
        sys.exit(1)
