"""Job resources and the anonymous result tables kept for pagination.

Finished jobs are persisted in ``DATA_DIR/jobs.sqlite`` (SQLite in WAL mode, safe for several
processes) so jobs.get/list survive a restart. A RUNNING job is written too, so that a crash leaves
a job that comes back DONE with ``backendError``, but only once it has run for
``RUNNING_GRACE_SECONDS`` or once someone has seen it (jobs.get/list/cancel): the many jobs that
finish within their request are written once, DONE, instead of twice. They are kept out of the
lake on purpose: a job record is not data, and a lake commit per job would both cost ~15 ms and
move the lake snapshot that the query cache keys on. Query results live in memory (bounded,
least recently used first out) — the equivalent of BigQuery's anonymous result tables, which
BigQuery itself only keeps for about a day.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson
import pyarrow as pa

from bqhouse import errors
from bqhouse.storage.catalog import now_ms
from bqhouse.storage.lake import Lake

Resource = dict[str, Any]

_RESULT_CACHE_BYTES = 512 * 1024 * 1024
# A RUNNING job nobody has looked at is written after this long (see the module docstring).
RUNNING_GRACE_SECONDS = 0.05


# The anonymous dataset holding query results, as BigQuery's "_<hash>" datasets do; the table
# of job J is ANONYMOUS_DATASET.J. Readable by tabledata.list and the Storage Read API.
ANONYMOUS_DATASET = "_bqhouse_anonymous"


@dataclass(frozen=True)
class Result:
    """A finished query's rows and their BigQuery schema."""

    table: pa.Table
    fields: list[dict[str, Any]]


class ResultCache:
    """Query results by (project, job id), evicted least-recently-used beyond a byte budget."""

    def __init__(self, budget_bytes: int = _RESULT_CACHE_BYTES) -> None:
        self._budget = budget_bytes
        self._tables: OrderedDict[tuple[str, str], Result] = OrderedDict()
        self._bytes = 0  # running total of the cached tables' sizes
        self._lock = threading.Lock()

    def put(self, key: tuple[str, str], result: Result) -> None:
        with self._lock:
            previous = self._tables.pop(key, None)
            if previous is not None:
                self._bytes -= previous.table.nbytes
            self._tables[key] = result
            self._bytes += result.table.nbytes
            while len(self._tables) > 1 and self._bytes > self._budget:
                _, evicted = self._tables.popitem(last=False)
                self._bytes -= evicted.table.nbytes

    def get(self, key: tuple[str, str]) -> Result | None:
        with self._lock:
            result = self._tables.get(key)
            if result is not None:
                self._tables.move_to_end(key)
            return result


class JobStore:
    """Every job's resource, by (project, jobId)."""

    def __init__(self, lake: Lake, *, running_grace_seconds: float = RUNNING_GRACE_SECONDS) -> None:
        self.lake = lake
        self.results = ResultCache()
        self._jobs: dict[tuple[str, str], Resource] = {}
        self._lock = threading.RLock()
        # RUNNING jobs not written yet: key -> (when they are due, their RUNNING resource as JSON).
        self._unwritten: dict[tuple[str, str], tuple[float, str]] = {}
        self._grace = running_grace_seconds
        self._writer_wakeup = threading.Condition(self._lock)
        self._writer: threading.Thread | None = None
        self._writer_idle = False
        self._reserved = 0  # jobs reserved so far: the writer sleeps once they stop coming
        self._db = sqlite3.connect(
            lake.data_dir / "jobs.sqlite", check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        # A job is written once or twice (RUNNING, then DONE). NORMAL in WAL mode loses nothing when
        # the process dies, only on power loss, and costs ~0.05 ms a write instead of an fsync.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS jobs (project TEXT, job_id TEXT, location TEXT, "
            "created_ms INTEGER, body TEXT, PRIMARY KEY (project, job_id))"
        )
        self._fail_interrupted()

    def _fail_interrupted(self) -> None:
        """Jobs still RUNNING in the file were cut off by a crash: they end DONE with an error.

        ``backendError`` because BigQuery documents it for exactly this: a job that completes
        with it "failed" and "can safely be retried without concerns about data consistency"
        (https://cloud.google.com/bigquery/docs/error-messages). Every write is one lake
        transaction, so an interrupted job changed nothing.
        """
        rows = self._db.execute(
            "SELECT body FROM jobs WHERE json_extract(body, '$.status.state') = 'RUNNING'"
        ).fetchall()
        for (body,) in rows:
            job = orjson.loads(body)
            proto = errors.BackendError(
                "Job execution was interrupted: the bqhouse server stopped while the job was "
                "running. Nothing it would have written was kept; retry the job."
            ).error_proto()
            job["status"] = {"state": "DONE", "errorResult": proto, "errors": [proto]}
            job["statistics"]["endTime"] = str(now_ms())
            self._write(job)

    def reserve(
        self, project: str, job_id: str, resource: Resource, *, generated: bool = False
    ) -> None:
        """Claim a job id (a second claim is BigQuery's 409 duplicate); it is persisted RUNNING
        once it has run for the grace period or been seen, whichever comes first.

        ``generated``: the server made the id up (a random UUID), so no earlier job can hold it.
        """
        key = (project, job_id)
        with self._lock:
            if key in self._jobs or (not generated and self._load(project, job_id) is not None):
                location = resource["jobReference"].get("location", "US")
                raise errors.Duplicate(f"Already Exists: Job {project}:{location}.{job_id}")
            self._jobs[key] = resource
            due = time.monotonic() + self._grace
            self._unwritten[key] = (due, orjson.dumps(resource).decode())
            self._reserved += 1
            self._wake_writer()

    def save(self, resource: Resource) -> None:
        """Persist a job: finished, or RUNNING with progress (CREATE MODEL)."""
        ref = resource["jobReference"]
        key = (ref["projectId"], ref["jobId"])
        with self._lock:
            self._unwritten.pop(key, None)
            self._jobs[key] = resource
            self._write(resource)

    def _write(self, resource: Resource, body: str | None = None) -> None:
        ref = resource["jobReference"]
        key = (ref["projectId"], ref["jobId"])
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, ?)",
                [
                    *key,
                    ref.get("location", "US"),
                    int(resource["statistics"]["creationTime"]),
                    body if body is not None else orjson.dumps(resource).decode(),
                ],
            )

    # -- RUNNING jobs written late ------------------------------------------------------------

    def _write_unwritten(self, key: tuple[str, str]) -> None:
        """Persist the RUNNING record of ``key`` now if it has not been (caller holds the lock)."""
        pending = self._unwritten.pop(key, None)
        if pending is not None:
            self._write(self._jobs[key], pending[1])

    def _wake_writer(self) -> None:
        """Make sure the writer thread runs (caller holds the lock); it sleeps when idle."""
        if self._writer is None:
            self._writer = threading.Thread(
                target=self._write_due, name="bqhouse-job-writer", daemon=True
            )
            self._writer.start()
        elif self._writer_idle:
            self._writer_wakeup.notify()

    def _write_due(self) -> None:
        """The writer thread: every grace period while jobs arrive, persist the overdue ones."""
        seen = -1
        with self._lock:
            while True:
                now = time.monotonic()
                for key, (due, _) in list(self._unwritten.items()):
                    if due <= now:
                        self._write_unwritten(key)
                if self._unwritten or seen != self._reserved:
                    seen = self._reserved
                    self._writer_wakeup.wait(self._grace)
                else:
                    self._writer_idle = True
                    self._writer_wakeup.wait()
                    self._writer_idle = False

    def _load(self, project: str, job_id: str) -> Resource | None:
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM jobs WHERE project = ? AND job_id = ?", [project, job_id]
            ).fetchone()
        return orjson.loads(row[0]) if row else None

    def get(self, project: str, job_id: str, location: str | None = None) -> Resource:
        with self._lock:
            found = self._jobs.get((project, job_id))
            self._write_unwritten((project, job_id))  # seen RUNNING: it must survive a crash
        if found is None:
            found = self._load(project, job_id)
        if found is None:
            raise errors.NotFound(f"Not found: Job {project}:{location or 'US'}.{job_id}")
        return found

    def list_page(
        self, project: str, parent: str | None = None, start: int = 0, size: int | None = None
    ) -> tuple[list[Resource], bool]:
        """A page of the project's jobs, newest first, and whether more follow: those whose
        ``statistics.parentJobId`` is ``parent`` (None: only top-level jobs). The filter and the
        page are SQL, so only the page's jobs are parsed."""
        limit = -1 if size is None else size + 1  # one more: is there a next page?
        page = self._select(
            project, "json_extract(body, '$.statistics.parentJobId') IS ?", [parent], limit, start
        )
        if size is None or len(page) <= size:
            return page, False
        return page[:size], True

    def every(self, project: str) -> list[Resource]:
        """All of the project's jobs, child jobs too, newest first (INFORMATION_SCHEMA.JOBS)."""
        return self._select(project, "TRUE", [], -1, 0)

    def _select(
        self, project: str, where: str, params: list[Any], limit: int, offset: int
    ) -> list[Resource]:
        """Jobs of ``project`` matching ``where``, newest first. Every job is written first: one
        not yet written is RUNNING, and once seen it must survive a crash."""
        with self._lock:
            for key in [k for k in self._unwritten if k[0] == project]:
                self._write_unwritten(key)
            rows = self._db.execute(
                f"SELECT body FROM jobs WHERE project = ? AND {where} "
                "ORDER BY created_ms DESC LIMIT ? OFFSET ?",
                [project, *params, limit, offset],
            ).fetchall()
        return [orjson.loads(body) for (body,) in rows]

    def delete(self, project: str, job_id: str) -> None:
        self.get(project, job_id)
        with self._lock:
            self._jobs.pop((project, job_id), None)
            self._unwritten.pop((project, job_id), None)
            self._db.execute("DELETE FROM jobs WHERE project = ? AND job_id = ?", [project, job_id])
