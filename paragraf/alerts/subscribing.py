"""Subscribing (double opt-in), confirming and ending a subscription. No account: the address gets a link
with an unguessable token, and only a confirmed subscription gets alerts."""
from __future__ import annotations

import datetime as dt
import enum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from paragraf.alerts import mails
from paragraf.alerts.models import Subscriber, Subscription, new_token
from paragraf.alerts.targets import Target

# A confirmation (or the note that the address follows it already) is mailed again for the same address and
# target only after this long: the form cannot be used to fill someone's mailbox.
RESEND_AFTER = dt.timedelta(minutes=15)


class State(enum.Enum):
    PENDING = "pending"  # waits for its link
    EXPIRED = "expired"  # its link was not followed in time
    CONFIRMED = "confirmed"


def confirm_days() -> int:
    return settings.PARAGRAF_ALERTS_CONFIRM_DAYS


def normalized(address: str) -> str:
    return address.strip().lower()


def state(subscription: Subscription, now: dt.datetime | None = None) -> State:
    if subscription.confirmed is not None:
        return State.CONFIRMED
    now = now or timezone.now()
    return State.EXPIRED if now - subscription.requested > dt.timedelta(days=confirm_days()) else State.PENDING


def subscribe(address: str, target: Target) -> None:
    """A pending subscription of `address` to `target`, its confirmation mailed. The same address and target
    again is the same subscription: a pending one gets its link again, a confirmed one a note that it follows
    it already (what the page says is the same either way, so the form tells nobody who follows what).
    Raises what the mail backend raises when the mail cannot be sent; nothing is then kept."""
    now = timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=normalized(address))
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber, target=target.key,
            defaults={"kind": target.kind, "body": target.body, "case": target.case, "person": target.person,
                      "search": target.search, "requested": now})
    if not created and now - subscription.requested < RESEND_AFTER:
        return
    expired = not created and state(subscription, now) is State.EXPIRED
    try:
        if subscription.confirmed is not None:
            mails.already(subscription, target).send()
        else:
            if expired:  # the old link stays dead
                subscription.token = new_token()
            mails.confirmation(subscription, target).send()
    except Exception:
        if created:
            forget(subscription)
        raise
    subscription.requested = now
    subscription.save(update_fields=["requested", "token"])


def find(token: str) -> Subscription | None:
    return (Subscription.objects.select_related("subscriber", "body__organization", "case__organization", "person__party")
            .filter(token=token).first())


def confirm(subscription: Subscription) -> None:
    if subscription.confirmed is None:
        subscription.confirmed = timezone.now()
        subscription.save(update_fields=["confirmed"])


def forget(subscription: Subscription) -> None:
    """End a subscription; an address left without any is deleted too."""
    with transaction.atomic():
        subscriber_id = subscription.subscriber_id
        subscription.delete()
        Subscriber.objects.filter(pk=subscriber_id, subscriptions__isnull=True).delete()


def find_subscriber(token: str) -> Subscriber | None:
    return Subscriber.objects.filter(token=token).first()


def forget_subscriber(subscriber: Subscriber) -> None:
    """End every subscription of an address, and the address."""
    subscriber.delete()


def forget_expired() -> int:
    """Delete the subscriptions never confirmed in time, and the addresses left without any."""
    limit = timezone.now() - dt.timedelta(days=confirm_days())
    deleted, _ = Subscription.objects.filter(confirmed__isnull=True, requested__lt=limit).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return deleted
