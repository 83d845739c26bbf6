"""Who may do what in the secretariat (docs/roles.md), as django-rules predicates over Django's users.

Roles: the administrator (a superuser, or in the group `Administratör`); the secretary of a body (a
`BodySecretary` row, the user in the group `Sekreterare`); a delegate of a body (a `Delegate` row: records
the decisions delegated to them); a member of a body (a `MemberAccount` whose person has a `Membership`
of the body); the public (anyone else, logged in or not).
Each permission is asked with `user.has_perm(name, obj)`; the views ask nothing else.
"""
from __future__ import annotations

import rules
from django.db.models import Q

from paragraf.records.models import Body, Meeting, Membership, Organization

ADMINISTRATORS = "Administratör"
SECRETARIES = "Sekreterare"


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists())


@rules.predicate
def is_secretary(user) -> bool:
    return user.is_active and user.secretary_of.exists()


def _secretary_of(user, body: Body) -> bool:
    return user.is_active and user.secretary_of.filter(body=body).exists()


def member_bodies(user) -> set[int]:
    """The ids of the bodies the user's person is (or was) a member or substitute of."""
    if not (user.is_authenticated and user.is_active and hasattr(user, "member_account")):
        return set()
    people = user.member_account.people.values("pk")
    return set(Membership.objects.filter(person__in=people).values_list("body_id", flat=True))


@rules.predicate
def is_secretary_of_body(user, body: Body) -> bool:
    return user.is_authenticated and _secretary_of(user, body)


@rules.predicate
def is_delegate_of_body(user, body: Body) -> bool:
    return user.is_authenticated and user.is_active and user.delegate_for.filter(body=body).exists()


def delegate_bodies(user) -> list[Body]:
    """The bodies a user records delegated decisions of as their delegate."""
    if not (user.is_authenticated and user.is_active):
        return []
    return list(Body.objects.filter(delegates__user=user).select_related("organization").order_by("name"))


@rules.predicate
def is_secretary_in_organization(user, organization: Organization) -> bool:
    """Secretary of one of the organisation's bodies."""
    return user.is_authenticated and user.is_active and user.secretary_of.filter(body__organization=organization).exists()


@rules.predicate
def is_secretary_of_meeting(user, meeting: Meeting) -> bool:
    return user.is_authenticated and _secretary_of(user, meeting.body)


@rules.predicate
def is_member_of_published_meeting(user, meeting: Meeting) -> bool:
    return meeting.published and meeting.body_id in member_bodies(user)


@rules.predicate
def is_public_document(user, document) -> bool:
    """Public, and on the agenda of a meeting whose notice is published."""
    return not document.confidential and document.agenda_links.filter(agenda_item__meeting__published=True).exists()


@rules.predicate
def is_member_reading_document(user, document) -> bool:
    """A member reads a document (confidential ones too) on the agenda of a published meeting of their body."""
    bodies = member_bodies(user)
    return bool(bodies) and document.agenda_links.filter(
        Q(agenda_item__meeting__published=True) & Q(agenda_item__meeting__body_id__in=bodies)).exists()


staff = is_administrator | is_secretary
rules.add_perm("secretariat.use", staff)
rules.add_perm("secretariat.manage_cases", staff)
rules.add_perm("secretariat.create_meeting", is_administrator | is_secretary_of_body)
rules.add_perm("secretariat.edit_meeting", is_administrator | is_secretary_of_meeting)
rules.add_perm("secretariat.publish_notice", is_administrator | is_secretary_of_meeting)
rules.add_perm("secretariat.edit_standard_items", is_administrator | is_secretary_of_body)
rules.add_perm("secretariat.record_delegated_decisions", is_administrator | is_secretary_of_body | is_delegate_of_body)
rules.add_perm("secretariat.edit_delegation_scheme", is_administrator | is_secretary_of_body)
rules.add_perm("secretariat.register_information_documents", is_administrator | is_secretary_of_body)
rules.add_perm("secretariat.edit_organization_settings", is_administrator | is_secretary_in_organization)
rules.add_perm("secretariat.view_unpublished_meeting", is_administrator | is_secretary_of_meeting)
rules.add_perm("secretariat.view_confidential_documents", staff | is_member_of_published_meeting)
rules.add_perm("secretariat.view_document", staff | is_public_document | is_member_reading_document)


def grant_administrators(**_kwargs) -> None:
    """After every migrate: the group `Administratör` holds every permission of the admin (users,
    groups, the records, the secretariat), so an administrator need not be a superuser."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    Group.objects.get_or_create(name=SECRETARIES)
    group.permissions.set(Permission.objects.all())


def signing_person(user, meeting: Meeting):
    """The user's person who may sign for this meeting: the member account's person of the meeting's
    organisation (a signer is named by name only, and the same name in another organisation is someone
    else), or one no record has placed in an organisation, taken at its name."""
    if not (user.is_authenticated and user.is_active and hasattr(user, "member_account")):
        return None
    return user.member_account.person_in(meeting.body.organization_id)


@rules.predicate
def is_pending_signer(user, meeting: Meeting) -> bool:
    """The user's person is the chair or an adjuster of the meeting's justering and has not signed yet."""
    person = signing_person(user, meeting)
    justering = getattr(meeting, "justering", None)
    return bool(person and justering and any(e["name"] == person.name and not e["signed"] for e in justering.signers))


@rules.predicate
def is_signer(user, meeting: Meeting) -> bool:
    person = signing_person(user, meeting)
    justering = getattr(meeting, "justering", None)
    return bool(person and justering and any(e["name"] == person.name for e in justering.signers))


rules.add_perm("secretariat.record_meeting", is_administrator | is_secretary_of_meeting)
rules.add_perm("secretariat.view_justering", is_administrator | is_secretary_of_meeting | is_signer)
rules.add_perm("secretariat.sign_minutes", is_pending_signer)


@rules.predicate
def is_pending_correction_signer(user, correction) -> bool:
    person = signing_person(user, correction.meeting)
    return bool(person and any(e["name"] == person.name and not e["signed"] for e in correction.signers))


rules.add_perm("secretariat.sign_correction", is_pending_correction_signer)
