"""Rate limits of search, the heavy public views and subscribing to alerts, per client address (django-ratelimit).

`LIMITED` names the views by URL name and the group of each; the rate of a group is the setting
`PARAGRAF_RATE_LIMITS[group]` ("60/m"). Over it a client gets 429 with `Retry-After` and a Swedish
message (`answers.refuse`). The counts live in the default cache: each process's memory, or one
memcached for every process when `PARAGRAF_CACHE_URL` names it (`site/caching.py`).
"""
from __future__ import annotations

import ipaddress

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from paragraf.site.answers import Guard, refuse

LIMITED = {
    "portal:search": "search",
    "portal:search_feed": "search",
    "portal:source": "heavy",
    "portal:source_download": "heavy",
    "portal:source_pages": "heavy",
    "portal:document_pdf": "heavy",
    "portal:page_image": "pages",
    "oparl:body_files": "heavy",
    "oparl:file_document_access": "heavy",
    "oparl:file_document_download": "heavy",
    "oparl:file_source_access": "heavy",
    "oparl:file_source_download": "heavy",
    "organization_dump": "heavy",
    "alerts:subscribe": "subscribe",  # each asks for a mail to be sent
}


def client_address(group: str, request) -> str:
    """The client's address: from PARAGRAF_CLIENT_IP_HEADER behind a proxy (its first address), else REMOTE_ADDR."""
    header = settings.PARAGRAF_CLIENT_IP_HEADER
    for value in (request.META.get(header, "") if header else "", request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(value.split(",")[0].strip()))
        except ValueError:
            continue
    return "unknown"


class RateLimitMiddleware(Guard):
    def process_view(self, request, view, args, kwargs):
        match = request.resolver_match
        group = LIMITED.get(match.view_name) if match else None
        rate = settings.PARAGRAF_RATE_LIMITS.get(group) if group else None
        if not rate:
            return None
        usage = get_usage(request, group=group, key=client_address, rate=rate, increment=True)
        if usage is None or not usage["should_limit"]:
            return None
        message = _("Too many requests from your address. Try again in a minute.")
        return refuse(request, 429, _("Too many requests"), message, retry_after=max(1, int(usage["time_left"])))
