"""Running the import tasks: `paragraf worker` (a process of its own, as many as wanted, on any machine
that reaches the database) or, on the embedded default, a thread of `paragraf serve` (`start_thread`);
`run_pending` runs what is queued in the calling process and returns."""
from __future__ import annotations

import logging
import threading
import time

from django.db import DatabaseError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from paragraf.intake.jobs import requeue_abandoned
from paragraf.intake.tasks import QUEUE

LOG = logging.getLogger("paragraf.intake")
RETRY_SECONDS = 5.0  # between two tries of the server's worker thread to reach its database


def worker(batch: bool = False, interval: float = 1.0, max_tasks: int | None = None) -> Worker:
    return Worker(queue_names=[QUEUE], interval=interval, batch=batch, backend_name="default", startup_delay=not batch,
                  max_tasks=max_tasks, worker_id=get_random_string(32), excluded_queue_names=[])


def run(batch: bool = False, interval: float = 1.0, max_tasks: int | None = None, signals: bool = False) -> None:
    """Queue again the files of workers that died, then run tasks until stopped (or, `batch`, until none is
    left). `signals`: SIGTERM and SIGINT end the task at hand first (a process of its own, not a thread)."""
    requeued = requeue_abandoned()
    if requeued:
        LOG.warning("queued again %d file(s) whose worker had stopped", requeued)
    running = worker(batch, interval, max_tasks)
    if signals:
        running.configure_signals()
    running.run()


def run_pending() -> int:
    """Run the queued import tasks in this process, one after the other, and return how many: the worker's
    own `run_task`, without its loop's housekeeping of connections (which would close a connection the
    caller's transaction holds)."""
    requeue_abandoned()
    running, done = worker(batch=True, interval=0), 0
    while True:
        with exclusive_transaction():
            task = DBTaskResult.objects.ready().filter(queue_name=QUEUE).get_locked()
            if task is None:
                return done
            task.claim(running.worker_id)
        running.run_task(task)
        done += 1


def start_thread(interval: float = 1.0) -> threading.Thread:
    """The embedded default's worker: a daemon thread of the server process (no broker, no second process)."""

    def work() -> None:
        while True:
            try:
                return run(interval=interval)
            except DatabaseError as error:  # not there yet (a server started before its database is migrated)
                LOG.warning("the import worker waits for the database: %s", error)
                close_old_connections()
                time.sleep(RETRY_SECONDS)

    thread = threading.Thread(target=work, name="paragraf-worker", daemon=True)
    thread.start()
    return thread
