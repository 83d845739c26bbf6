"""`paragraf manage send_alerts`: send the alerts still pending (a mail that failed, an import whose job did
not run), and forget the subscriptions never confirmed in time. Safe to run at any time: nothing is sent twice."""
from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from paragraf.alerts.sending import send_alerts
from paragraf.alerts.subscribing import forget_expired


class Command(BaseCommand):
    help = "Send the e-mail alerts of the § made public in the last DAYS days that were not sent yet."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="how far back to look for new § (default 7)")
        parser.add_argument("--source-file", type=int, action="append", dest="source_files", metavar="ID",
                            help="only the § of this source file (repeatable)")

    def handle(self, *args, days: int, source_files: list[int] | None, **options) -> None:
        forgotten = forget_expired()
        report = send_alerts(source_files, since=timezone.now() - dt.timedelta(days=max(0, days)))
        self.stdout.write(f"alerts: {report.mails} mails sent ({report.paragraphs} §), {report.failed} failed; "
                          f"{forgotten} unconfirmed subscriptions forgotten")
        if report.failed:
            raise SystemExit(1)
