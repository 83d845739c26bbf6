"""The default cache from `PARAGRAF_CACHE_URL`: where the rate limits of public work are counted.

Empty (the default): each process counts in its own memory, which is right for one `paragraf serve`.
N web processes (or machines) behind one address need one count, or a client gets N times the rate:
`memcached://host:port[,host:port…]` shares it through memcached (pymemcache), whose increments are
atomic, as django-ratelimit requires (it refuses the database and file caches for that reason).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def cache_from_url(url: str) -> dict:
    """The `CACHES["default"]` a `PARAGRAF_CACHE_URL` names."""
    url = url.strip()
    if not url:
        return MEMORY
    parts = urlsplit(url)
    if parts.scheme != "memcached" or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise ImproperlyConfigured(
            f"PARAGRAF_CACHE_URL={url!r}: write memcached://host:port (several servers: memcached://a:11211,b:11211), "
            "or leave it empty for a cache in each process's memory")
    servers = [server.strip() for server in parts.netloc.split(",")]
    for server in servers:
        host, _, port = server.rpartition(":")
        if not host or not port.isdigit():
            raise ImproperlyConfigured(f"PARAGRAF_CACHE_URL: {server!r} is not host:port")
    return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": servers,
            # A memcached that does not answer limits nothing (requests are served) rather than failing them.
            "OPTIONS": {"no_delay": True, "connect_timeout": 2, "timeout": 2, "ignore_exc": True}}
