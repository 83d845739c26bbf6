"""The pages of alerts: the subscribe form's answer, and the pages the links in the mails open. A link
changes nothing when it is opened (mail scanners open links): a button on its page does. Unsubscribing
also answers the one-click POST of RFC 8058, which carries no CSRF token."""
from __future__ import annotations

import logging
import smtplib

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from paragraf.alerts import subscribing
from paragraf.alerts.forms import SubscribeForm
from paragraf.alerts.panel import subscribe_panel
from paragraf.alerts.subscribing import State
from paragraf.alerts.targets import Target, resolve, target_of
from paragraf.portal import crumbs
from paragraf.portal import follow as following
from paragraf.portal.params import printable

LOG = logging.getLogger(__name__)
PAGES = ["GET", "HEAD", "POST"]


def _page(request, template: str, context: dict | None = None, status: int = 200):
    response = render(request, f"alerts/{template}.html", {"crumbs": crumbs.page("Bevakning"), **(context or {})},
                      status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _followed(target: Target) -> following.Followed:
    if target.body is not None:
        return following.body(target.body)
    if target.case is not None:
        return following.case(target.case)
    if target.person is not None:
        return following.person(target.person)
    query = target.query()
    return following.search(target.search, query.text if query else "")


@require_POST
def subscribe(request):
    form = SubscribeForm(request.POST)
    target = resolve(request.POST.get("bevaka", ""), request.POST.get("mal", "")[:4000])
    if target is None:
        raise Http404(_("There is nothing to follow there."))
    followed = _followed(target)
    if form.is_robot():  # answered as anyone, so that the robot learns nothing
        return _page(request, "requested", {"followed": followed})
    if not form.is_valid():
        error = " ".join(form.errors.get("epost", [])) or _("The form could not be read. Try again from the page.")
        address = printable(request.POST.get("epost", ""))[:254]
        panel = subscribe_panel(request, followed, address=address, error=error)
        return _page(request, "subscribe", {"followed": followed, "panel": panel}, status=400)
    try:
        subscribing.subscribe(form.cleaned_data["epost"], target)
    except (smtplib.SMTPException, OSError):
        LOG.exception("confirmation of a subscription not mailed")
        response = _page(request, "unavailable", {"followed": followed}, status=503)
        response["Retry-After"] = "300"
        return response
    return _page(request, "requested", {"followed": followed})


@never_cache
@require_http_methods(PAGES)
def confirm(request, token: str):
    subscription = subscribing.find(token)
    if subscription is None:
        return _page(request, "unknown", status=404)
    state = subscribing.state(subscription)
    context = {"followed": _followed_of(subscription), "days": subscribing.confirm_days()}
    if state is State.EXPIRED:
        return _page(request, "expired", context, status=400)
    if request.method == "POST" and state is State.PENDING:
        subscribing.confirm(subscription)
        return _page(request, "confirmed", context)
    return _page(request, "confirmed" if state is State.CONFIRMED else "confirm", {**context, "token": token})


@csrf_exempt
@never_cache
@require_http_methods(PAGES)
def unsubscribe(request, token: str):
    subscription = subscribing.find(token)
    if subscription is None:
        return _page(request, "unknown", status=404)
    context = {"followed": _followed_of(subscription), "token": token}
    if request.method == "POST":
        subscribing.forget(subscription)
        return _page(request, "unsubscribed", context)
    return _page(request, "unsubscribe", context)


@csrf_exempt
@never_cache
@require_http_methods(PAGES)
def unsubscribe_all(request, token: str):
    subscriber = subscribing.find_subscriber(token)
    if subscriber is None:
        return _page(request, "unknown", status=404)
    if request.method == "POST":
        subscribing.forget_subscriber(subscriber)
        return _page(request, "unsubscribed", {"all": True})
    return _page(request, "unsubscribe", {"all": True, "count": subscriber.subscriptions.count(), "token": token})


def _followed_of(subscription) -> following.Followed:
    return _followed(target_of(subscription))
