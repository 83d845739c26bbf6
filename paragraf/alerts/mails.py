"""The mails of alerts (Django's mail): the confirmation of a subscription, the note that an address follows
something already, and the alert itself (plain text and HTML, with the one-click unsubscribe headers of
RFC 8058). Every text from the records was masked by the caller or is masked here: a mail is a public
surface like a page."""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from paragraf.privacy.rules import current_masker


def public_url(path: str) -> str:
    """An absolute address on the portal (PARAGRAF_PUBLIC_URL)."""
    return settings.PARAGRAF_PUBLIC_URL.rstrip("/") + path


@dataclass(frozen=True)
class AlertItem:
    """One new § in an alert: every text masked."""

    heading: str  # "Regionstyrelsen 14 maj 2024, § 14: Motion – …"
    url: str
    excerpt: str  # the start of its decision
    reasons: tuple[str, ...] = ()  # for a person: what they did at the § ("yrkade", "röstade nej" …)


@dataclass(frozen=True)
class AlertSection:
    """What one subscription matched."""

    name: str  # what is followed, masked
    page_url: str
    unsubscribe_url: str
    items: tuple[AlertItem, ...]


@dataclass(frozen=True)
class Alert:
    address: str
    sections: tuple[AlertSection, ...]
    unsubscribe_all_url: str

    @property
    def subject(self) -> str:
        first = " ".join(self.sections[0].name.split())  # a header: one line
        more = len(self.sections) - 1
        return f"Nya beslut: {first}" + (f" och {more} bevakning{'ar' if more > 1 else ''} till" if more else "")


def _mail(subject: str, template: str, context: dict, to: str, html: str | None = None,
          headers: dict | None = None) -> EmailMultiAlternatives:
    with translation.override("sv"):
        text = render_to_string(f"alerts/mail/{template}.txt", context)
        html_body = render_to_string(f"alerts/mail/{html}.html", context) if html else None
    message = EmailMultiAlternatives(subject, text, to=[to], headers={"Auto-Submitted": "auto-generated", **(headers or {})})
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message


def confirmation(subscription, target) -> EmailMultiAlternatives:
    context = {
        "name": current_masker().mask(target.name),
        "page_url": public_url(target.path),
        "confirm_url": public_url(reverse("alerts:confirm", args=[subscription.token])),
        "days": settings.PARAGRAF_ALERTS_CONFIRM_DAYS,
    }
    return _mail("Bekräfta din bevakning i Paragraf", "confirm", context, subscription.subscriber.email)


def already(subscription, target) -> EmailMultiAlternatives:
    unsubscribe = public_url(reverse("alerts:unsubscribe", args=[subscription.token]))
    context = {"name": current_masker().mask(target.name), "page_url": public_url(target.path), "unsubscribe_url": unsubscribe}
    return _mail("Du bevakar redan detta i Paragraf", "already", context, subscription.subscriber.email,
                 headers=unsubscribe_headers(unsubscribe))


def alert(alert_: Alert) -> EmailMultiAlternatives:
    return _mail(alert_.subject, "alert", {"alert": alert_}, alert_.address, html="alert",
                 headers=unsubscribe_headers(alert_.unsubscribe_all_url))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """One-click unsubscribe (RFC 8058): a mail client POSTs `List-Unsubscribe=One-Click` to the address."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
