"""Liveness and readiness probes for a load balancer, an orchestrator, compose or systemd.

GET (or HEAD) /healthz  liveness: the process answers. 200 "ok"; the database is not touched.
GET (or HEAD) /readyz   readiness: the database answers a query and every migration of the code is applied:
                        200 {"database": "ok", "migrations": "ok"}; else 503 naming what failed:
                        {"database": "unavailable", "migrations": "unknown"} or
                        {"database": "ok", "migrations": "unapplied", "unapplied": ["app.0042_name", …]}.

`HealthMiddleware` answers them before every other layer but HeadMiddleware, so a probe is never
redirected to https (a load balancer probes over http), never refused for its Host header (it names the
machine's or container's address, not one of ALLOWED_HOSTS), never rate-limited, and gets no session,
cookie or CSRF token. What failed is logged (logger "paragraf.health"), never told to the prober.
"""
from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse

logger = logging.getLogger("paragraf.health")

LIVENESS = "/healthz"
READINESS = "/readyz"


def liveness() -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def unapplied_migrations(connection) -> list[str]:
    """The migrations of the code not applied to the database, in the order `migrate` would apply them."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def readiness() -> JsonResponse:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        unapplied = unapplied_migrations(connection)
    except DatabaseError:
        logger.warning("not ready: the database does not answer", exc_info=True)
        return JsonResponse({"database": "unavailable", "migrations": "unknown"}, status=503)
    if unapplied:
        logger.warning("not ready: %d migrations not applied (paragraf migrate): %s", len(unapplied), ", ".join(unapplied))
        return JsonResponse({"database": "ok", "migrations": "unapplied", "unapplied": unapplied}, status=503)
    return JsonResponse({"database": "ok", "migrations": "ok"})


PROBES = {LIVENESS: liveness, READINESS: readiness}


class HealthMiddleware:
    """Answers /healthz and /readyz itself; every other request goes on down the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = probe()
        response["Cache-Control"] = "no-store"
        return response
