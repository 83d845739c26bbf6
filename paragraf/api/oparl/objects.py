"""OParl System, Body, LegislativeTerm, Organization, Person, Membership and Paper objects as dicts.

Names differ: an OParl Body is our Organization (the region or municipality), an OParl
Organization is our Body (a board or committee).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings

from paragraf.api.oparl.files import embedded_file
from paragraf.api.oparl.links import SCHEMA, Links, common, compact, date_time
from paragraf.api.oparl.meetings import consultation
from paragraf.records.cases import MEETING_DOCUMENTS
from paragraf.records.models import Body, Case, Document, Membership, Organization, OrganizationSettings, Party, Person, Term

# The licence of the published data, the vendor's and product's pages and the contact are the
# operator's to state (settings PARAGRAF_OPARL_LICENSE, _VENDOR, _PRODUCT, _CONTACT_EMAIL); without a
# vendor or product page the portal's start page stands for both.
ROLES = {
    "member": "ledamot",
    "substitute": "ersättare",
    "chair": "ordförande",
    "first_vice_chair": "1:e vice ordförande",
    "second_vice_chair": "2:e vice ordförande",
    "vice_chair": "vice ordförande",
    "co_opted": "adjungerad",
    "commissioner": "regionråd",
}
VOTING = {"member": True, "chair": True, "first_vice_chair": True, "second_vice_chair": True, "vice_chair": True,
          "substitute": False, "co_opted": False}
BODY_KINDS = {
    "fullmaktige": "fullmäktige", "styrelse": "styrelse", "namnd": "nämnd", "utskott": "utskott",
    "presidium": "presidium", "beredning": "beredning", "annat": "annat organ",
}
BODY_LISTS = {
    "organization": "body_organizations", "person": "body_people", "meeting": "body_meetings", "paper": "body_papers",
    "agendaItem": "body_agenda_items", "consultation": "body_consultations", "file": "body_files",
    "locationList": "body_locations", "legislativeTermList": "body_legislative_terms", "membership": "body_memberships",
}


def system(links: Links, first_created: dt.datetime | None, last_modified: dt.datetime | None) -> dict:
    data = {
        "id": links.oparl("system"),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "name": "Paragraf",
        "body": links.oparl("bodies"),
        "license": license_url(),
        "website": links.portal("start"),
        "vendor": settings.PARAGRAF_OPARL_VENDOR or links.portal("start"),
        "product": settings.PARAGRAF_OPARL_PRODUCT or links.portal("start"),
        "contactEmail": settings.PARAGRAF_OPARL_CONTACT_EMAIL or None,
        "web": links.portal("start"),
        "deleted": False,
    }
    data = compact(data)
    if first_created and last_modified:
        data.update(created=date_time(first_created), modified=date_time(last_modified))
    return data


def license_url() -> str:
    return settings.PARAGRAF_OPARL_LICENSE


def body(links: Links, organization: Organization, terms: list[Term]) -> dict:
    data = common("Body", links.oparl("body", organization.pk), organization, links.portal("organization", organization.slug))
    own = OrganizationSettings.of(organization)
    data.update(
        system=links.oparl("system"),
        name=organization.name,
        shortName=own.short_name or short_name(organization.name),
        website=own.website or None,
        contactName=own.contact_name or None,
        contactEmail=own.contact_email or None,
        license=license_url(),
        classification="Region" if organization.name.startswith("Region") else "Kommun",
        **{key: links.oparl(name, organization.pk) for key, name in BODY_LISTS.items()},
    )
    data = compact(data)
    data["legislativeTerm"] = [legislative_term(links, organization.pk, term) for term in terms]  # required, even empty
    return data


def short_name(name: str) -> str:
    """The name without `Region` before it or `kommun`/`stad` after it (`Region Jönköpings län` →
    `Jönköpings län`, `Mölndals kommun` → `Mölndals`): the genitive stays, as `Alingsås` cannot be
    told from a genitive `s`."""
    for prefix in ("Region ",):
        if name.startswith(prefix):
            return name[len(prefix):]
    for suffix in (" kommun", " stad", " Stad"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def legislative_term(links: Links, organization_id: int, term: Term, standalone: bool = False) -> dict:
    data = common("LegislativeTerm", links.oparl("legislative_term", organization_id, term.pk), term)
    data.update(name=term.name, startDate=term.start.isoformat(), endDate=term.end.isoformat())
    if standalone:
        data["body"] = links.oparl("body", organization_id)
    return data


def organization(links: Links, body_: Body, membership_ids: list[int]) -> dict:
    data = common("Organization", links.oparl("organization", body_.pk), body_, links.portal("body", body_.slug))
    data.update(
        body=links.oparl("body", body_.organization_id),
        name=body_.name,
        organizationType="Gremium",
        classification=BODY_KINDS.get(body_.kind, body_.kind),
        subOrganizationOf=links.oparl("organization", body_.parent_id) if body_.parent_id else None,
        membership=[links.oparl("membership", pk) for pk in membership_ids],
        meeting=links.oparl("organization_meetings", body_.pk),
        consultation=links.oparl("organization_consultations", body_.pk),
    )
    return compact(data)


def person(links: Links, person_: Person, organization_id: int | None, memberships: list[Membership],
           counts: dict[str, int]) -> dict:
    """A person; `paragraf:facts` holds the counts the portal and the native API show (`records/facts.py`)."""
    data = common("Person", links.oparl("person", person_.pk), person_, links.portal("person", person_.slug))
    data.update(
        body=links.oparl("body", organization_id) if organization_id else None,
        name=person_.name,
        **name_parts(person_.name),
        membership=[membership(links, m) for m in memberships]
        + ([party_membership(links, organization_id, person_)] if _member_in(organization_id, person_, memberships) else []),
        **{"paragraf:party": person_.party.abbreviation if person_.party_id else None,
           "paragraf:facts": counts},
    )
    return compact(data)


def _member_in(organization_id: int | None, person_: Person, memberships: list[Membership]) -> bool:
    """A person is a member of their party's Organization in an OParl Body where they hold a membership."""
    return bool(organization_id and person_.party_id and any(m.body.organization_id == organization_id for m in memberships))


def name_parts(name: str) -> dict:
    """Swedish names: the first name, then the family name (`Rachel De Basso`: `Rachel`, `De Basso`;
    `Håkan Karlsson Nyborg`: `Håkan`, `Karlsson Nyborg`). A second given name cannot be told from a first
    family name in the records, so it goes with the family name; the whole name stays in `name`."""
    given, _, family = name.strip().partition(" ")
    return {"givenName": given, "familyName": family.strip()} if family.strip() else {}


def party_organization(links: Links, organization_id: int, party: Party, membership_ids: list[int]) -> dict:
    """A party (parti) as an OParl Organization of type `Partei`, within one OParl Body: its members
    there are the people with a membership of one of the organisation's bodies whose party it is
    (`party_membership`)."""
    data = common("Organization", links.oparl("party", organization_id, party.pk), party,
                  links.portal("party", party.abbreviation))
    data.update(
        body=links.oparl("body", organization_id),
        name=party.name or party.abbreviation,
        shortName=party.abbreviation,
        organizationType="Partei",
        classification="parti",
        membership=[links.oparl("party_membership", organization_id, pk) for pk in membership_ids],
    )
    return compact(data)


def party_membership(links: Links, organization_id: int, person_: Person, standalone: bool = False) -> dict:
    """A person's party, as a Membership of the party's Organization (its id: the person's)."""
    data = common("Membership", links.oparl("party_membership", organization_id, person_.pk), person_)
    data.update(organization=links.oparl("party", organization_id, person_.party_id), role="medlem")
    if standalone:
        data["person"] = links.oparl("person", person_.pk)
    return compact(data)


def membership(links: Links, membership_: Membership, standalone: bool = False) -> dict:
    data = common("Membership", links.oparl("membership", membership_.pk), membership_)
    data.update(
        organization=links.oparl("organization", membership_.body_id),
        role=ROLES.get(membership_.role, membership_.role),
        votingRight=VOTING.get(membership_.role),
        startDate=membership_.first_seen.isoformat(),
        endDate=membership_.last_seen.isoformat(),
        **{"paragraf:party": membership_.party.abbreviation if membership_.party_id else None},
    )
    if standalone:
        data["person"] = links.oparl("person", membership_.person_id)
    return compact(data)


def paper(links: Links, case: Case, documents: list[Document], items: list, first_date: dt.date | None,
          texts: dict[int, str]) -> dict:
    """A case: its documents (the first basis document is the main file), its consultations, its first date."""
    main, auxiliary = _main_file(documents)
    data = common("Paper", links.oparl("paper", case.pk), case, links.portal("case", case.organization.slug, case.year, case.serial))
    data.update(
        body=links.oparl("body", case.organization_id),
        name=case.title or case.number,
        reference=case.number,
        date=first_date.isoformat() if first_date else None,
        paperType=str(main.get_kind_display()) if main else "ärende",
        mainFile=embedded_file(links, main, texts) if main else None,
        auxiliaryFile=[embedded_file(links, doc, texts) for doc in auxiliary],
        consultation=[consultation(links, item, in_paper=True) for item in items],
    )
    return compact(data)


def _main_file(documents: list[Document]) -> tuple[Document | None, list[Document]]:
    basis = [doc for doc in documents if doc.kind not in MEETING_DOCUMENTS]
    main = basis[0] if basis else None
    return main, [doc for doc in documents if doc is not main]
