"""jobs.cancel of a running job: interrupt the DuckDB statements it is running.

A job runs on the thread of the request that inserted it. While it runs, every cursor that thread
opens on the lake (``Lake.on_cursor``) is remembered under the job, so that ``cancel`` from another
request can call ``interrupt()`` on them. The job then ends DONE with BigQuery's ``stopped``
error ("Job execution was cancelled: User requested cancellation"), which
``google.cloud.bigquery`` reports as ``job.cancelled()``. A job that finishes before the
interrupt lands keeps its result, as in BigQuery, where cancelling is best effort.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import duckdb

from bqhouse import errors
from bqhouse.storage.lake import Lake

JobKey = tuple[str, str]  # (project, job id)

CANCELLED = "Job execution was cancelled: User requested cancellation"
_REPEAT_SECONDS = 0.05


@dataclass
class _Run:
    cursors: list[duckdb.DuckDBPyConnection] = field(default_factory=list)
    cancelled: bool = False
    finished: threading.Event = field(default_factory=threading.Event)


class _Current(threading.local):
    run: _Run | None = None


class Cancellation:
    """The running jobs of one lake and the cursors each has opened."""

    def __init__(self, lake: Lake) -> None:
        self._runs: dict[JobKey, _Run] = {}
        self._early: set[JobKey] = set()  # cancelled after reserve, before their run began
        self._lock = threading.Lock()
        self._current = _Current()
        lake.on_cursor(self._track)

    @contextmanager
    def running(self, key: JobKey) -> Iterator[None]:
        """Run a job's work: a cancel interrupts it and it raises ``Stopped``."""
        run = _Run()
        with self._lock:
            run.cancelled = key in self._early
            self._early.discard(key)
            self._runs[key] = run
        outer, self._current.run = self._current.run, run
        try:
            if run.cancelled:
                raise errors.Stopped(CANCELLED)
            yield
        except Exception as exc:
            if run.cancelled:
                raise errors.Stopped(CANCELLED) from exc
            raise
        finally:
            run.finished.set()
            self._current.run = outer
            with self._lock:
                self._runs.pop(key, None)

    def cancel(self, key: JobKey, *, reserved: bool) -> None:
        """Interrupt ``key`` if it runs; ``reserved``: it is RUNNING but has not begun yet."""
        with self._lock:
            run = self._runs.get(key)
            if run is None:
                if reserved:
                    self._early.add(key)
                return
            if run.cancelled:
                return
            run.cancelled = True
        # DuckDB drops an interrupt that lands between two statements (a script's), so keep
        # interrupting until the job's thread has left it.
        threading.Thread(target=self._interrupt, args=(run,), daemon=True).start()

    def checkpoint(self) -> None:
        """Raise ``Stopped`` if the job running on this thread was cancelled.

        Work that runs no DuckDB statement for a while (CREATE MODEL's training) calls it
        between steps, since there is no cursor to interrupt.
        """
        run = self._current.run
        if run is not None and run.cancelled:
            raise errors.Stopped(CANCELLED)

    def _interrupt(self, run: _Run) -> None:
        def cursors() -> list[duckdb.DuckDBPyConnection]:
            with self._lock:
                return list(run.cursors)

        interrupt_until(cursors, run.finished)

    def _track(self, cursor: duckdb.DuckDBPyConnection) -> None:
        run = self._current.run
        if run is None:
            return
        with self._lock:
            if run.cancelled:  # a cancelled job opens nothing more (a script's next statement)
                raise errors.Stopped(CANCELLED)
            run.cursors.append(cursor)


def interrupt_until(
    cursors: Callable[[], list[duckdb.DuckDBPyConnection]], finished: threading.Event
) -> None:
    """Interrupt a run's cursors, again every 50 ms until it has ``finished``: an interrupt that
    lands between two statements (or before a cursor is opened) stops nothing."""
    while True:
        for cursor in cursors():
            with suppress(duckdb.Error):  # closed since: that statement is over
                cursor.interrupt()
        if finished.wait(_REPEAT_SECONDS):
            return
