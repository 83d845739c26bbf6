"""Sending alerts: after an import that makes § public, one mail per subscriber lists the new § their
confirmed subscriptions match, every text masked. `send_alerts` is the job (run after the import's commit,
in the importing process, for now; `paragraf manage send_alerts` sends what is pending). What was sent is
recorded per subscription and §, and claimed before the mail goes: a re-import, a second run or two runs
at once send nothing twice; a mail that fails frees its § for the next run."""
from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from paragraf.alerts import mails
from paragraf.alerts.matching import Matched, NewParagraph, match, new_paragraphs
from paragraf.alerts.models import DeliveredParagraph, Delivery, Subscriber, Subscription
from paragraf.alerts.targets import target_of
from paragraf.privacy.masking import Masker
from paragraf.privacy.rules import current_masker

LOG = logging.getLogger(__name__)
EXCERPT = 300  # characters of a §'s decision in a mail (cut after masking)


@dataclass(frozen=True)
class SendReport:
    mails: int = 0  # alert mails sent
    paragraphs: int = 0  # § listed in them, counted per subscription
    failed: int = 0  # mails the backend refused (their § stay pending)


def after_import(sender, source_file, **kwargs) -> None:
    """`records.signals.packet_stored`: the alerts of this file are sent once its import is committed.
    A failure is logged, never the import's (robust)."""
    transaction.on_commit(partial(send_alerts, [source_file.pk]), robust=True)


def send_alerts(source_file_ids: Iterable[int] | None = None, since: dt.datetime | None = None) -> SendReport:
    """Mail each subscriber the new § of these source files (None: of any file stored since `since`) that
    their confirmed subscriptions match and that they were not sent before: one mail per subscriber."""
    subscriptions = list(Subscription.objects.filter(confirmed__isnull=False)
                         .select_related("subscriber", "body__organization", "case__organization", "person__party"))
    if not subscriptions:
        return SendReport()
    earliest = min(s.confirmed for s in subscriptions)
    paragraphs = new_paragraphs(source_file_ids, max(earliest, since) if since else earliest)
    if not paragraphs:
        return SendReport()
    matched = match(subscriptions, paragraphs)
    sent = set(DeliveredParagraph.objects.filter(subscription_id__in=matched, paragraph_id__in=[p.id for p in paragraphs])
               .values_list("subscription_id", "paragraph_id"))
    by_subscriber: dict[int, list[tuple[Subscription, list[Matched]]]] = defaultdict(list)
    for subscription in subscriptions:
        new = [m for m in matched.get(subscription.pk, []) if (subscription.pk, m.paragraph.id) not in sent]
        if new:
            by_subscriber[subscription.subscriber_id].append((subscription, new))
    report = SendReport()
    masker = current_masker()
    for found in by_subscriber.values():
        report = _add(report, _deliver(found[0][0].subscriber, found, masker))
    return report


def _add(a: SendReport, b: SendReport) -> SendReport:
    return SendReport(a.mails + b.mails, a.paragraphs + b.paragraphs, a.failed + b.failed)


def _deliver(subscriber: Subscriber, found: list[tuple[Subscription, list[Matched]]], masker: Masker) -> SendReport:
    """Claim the § for one mail, send it, mark it sent; on failure free them again."""
    with transaction.atomic():
        delivery = Delivery.objects.create(subscriber=subscriber)
        DeliveredParagraph.objects.bulk_create(
            [DeliveredParagraph(delivery=delivery, subscription=s, paragraph_id=m.paragraph.id) for s, items in found for m in items],
            ignore_conflicts=True)  # already claimed by another run: not ours to send
        claimed = set(DeliveredParagraph.objects.filter(delivery=delivery).values_list("subscription_id", "paragraph_id"))
    found = [(s, [m for m in items if (s.pk, m.paragraph.id) in claimed]) for s, items in found]
    found = [(s, items) for s, items in found if items]
    if not found:
        delivery.delete()
        return SendReport()
    try:
        mails.alert(alert_for(subscriber, found, masker)).send()
    except Exception:
        LOG.exception("alert mail to subscriber %s not sent; its § stay pending", subscriber.pk)
        delivery.delete()
        return SendReport(failed=1)
    Delivery.objects.filter(pk=delivery.pk).update(sent=timezone.now())
    return SendReport(mails=1, paragraphs=len(claimed))


def alert_for(subscriber: Subscriber, found: list[tuple[Subscription, list[Matched]]], masker: Masker) -> mails.Alert:
    """The mail's content, every text from the records masked."""
    sections = []
    for subscription, items in found:
        target = target_of(subscription)
        sections.append(mails.AlertSection(
            name=masker.mask(target.name),
            page_url=mails.public_url(target.path),
            unsubscribe_url=mails.public_url(reverse("alerts:unsubscribe", args=[subscription.token])),
            items=tuple(_item(m, masker) for m in items),
        ))
    return mails.Alert(subscriber.email, tuple(sections),
                       mails.public_url(reverse("alerts:unsubscribe_all", args=[subscriber.token])))


def _item(matched: Matched, masker: Masker) -> mails.AlertItem:
    p: NewParagraph = matched.paragraph
    with translation.override("sv"):
        day = formats.date_format(p.date, "j F Y")
    title = f": {p.title}" if p.title else ""
    decision = " ".join(masker.mask(p.decision).split())  # masked whole, then cut: no value half shown
    return mails.AlertItem(
        heading=masker.mask(f"{p.body_name} {day}, § {p.number}{title}"),
        url=mails.public_url(reverse("portal:paragraph", args=[p.body_slug, p.date, p.number])),
        excerpt=decision if len(decision) <= EXCERPT else decision[:EXCERPT].rsplit(" ", 1)[0] + " …",
        reasons=matched.reasons,
    )
