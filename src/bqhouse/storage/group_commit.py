"""Group commit for streaming inserts: concurrent insertAll batches share one lake transaction.

A lake commit costs tens of milliseconds whatever it holds (docs/design.md), so writing each
insertAll request in its own transaction caps streaming throughput at a few dozen requests a
second. Here a request that has validated its rows queues its batch and then waits for the
commit lock; whoever holds it takes every queued batch and writes them all in ONE transaction
(rows per table, their insertIds, lastModifiedTime), then acknowledges each. A request that
arrives while a commit runs is picked up by the next one, so a lone request waits for nothing.

* insertId de-duplication stays exact: ids are checked under the lake's write lock against the
  committed ids and against the earlier batches of the same group, and are written in the same
  transaction as their rows (``InsertIdLog``).
* One request's failure is its own: a batch whose table vanished or changed schema is answered
  alone (the caller re-decodes on a schema change), and if the group's transaction fails, its
  batches are retried one transaction each, so only the failing one reports the error. Rows
  with bad values never get here: the caller answers them with insertErrors first.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from bqhouse import errors
from bqhouse.engine.duckdb import map_exceptions
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.insert_ids import InsertIdLog
from bqhouse.storage.writer import insert_arrow

Field = dict[str, Any]
TableId = tuple[str, str, str]

# How long a committer waits at most for requests that are still decoding their rows.
GATHER_SECONDS = 0.01


class TableSchemas:
    """Kind and fields of tables as of a lake snapshot, carried across this process's own
    append-only commits (which change no schema), so that a stream of inserts does not re-read
    the catalog after each of its own commits."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self._entries: dict[TableId, tuple[int, str, list[Field]]] = {}

    def get(
        self, project: str, dataset: str, table: str, *, fresh: bool = True, at: int | None = None
    ) -> tuple[str, list[Field]]:
        """('TABLE' | 'VIEW', fields); NotFound as ``Catalog.require_table`` raises it.

        With ``fresh=False`` any cached answer will do (no snapshot read): for decoding a
        request, since the committer checks the fields again, fresh, under the write lock.
        ``at``: the current snapshot, when the caller has just read it.
        """
        key = (project, dataset, table)
        snapshot = at if at is not None else self.catalog.lake.snapshot_id() if fresh else None
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and (snapshot is None or hit[0] == snapshot):
            return hit[1], hit[2]
        if snapshot is None:
            snapshot = self.catalog.lake.snapshot_id()
        # Read at the current snapshot, this one or newer; a newer answer labelled with this
        # snapshot is re-read as soon as the lake moves on.
        kind = self.catalog.require_table(project, dataset, table)
        fields = self.catalog.table_fields(project, dataset, table) if kind == "TABLE" else []
        with self._lock:
            self._entries[key] = (snapshot, kind, fields)
        return kind, fields

    def advance(self, before: int, after: int) -> None:
        """The lake went from ``before`` to ``after`` by one commit of ours that only appended."""
        if after != before + 1:
            return
        with self._lock:
            for key, (snapshot, kind, fields) in list(self._entries.items()):
                if snapshot == before:
                    self._entries[key] = (after, kind, fields)


@dataclass
class Batch:
    """One insertAll request's valid rows, decoded against ``fields``."""

    project: str
    dataset: str
    table: str
    fields: list[Field]
    data: pa.Table
    ids: list[str | None]
    # Set by the committer:
    fresh: list[bool] = field(default_factory=list)  # rows written (False: a duplicate insertId)
    stale: bool = False  # the table's schema changed since ``fields`` was read: decode again
    error: BaseException | None = None
    done: bool = False

    @property
    def key(self) -> str:
        return f"{self.project}:{self.dataset}.{self.table}"


class GroupCommitter:
    """Writes queued batches, all of a group in one lake transaction."""

    def __init__(self, catalog: Catalog, ids: InsertIdLog, schemas: TableSchemas) -> None:
        self.catalog = catalog
        self.ids = ids
        self.schemas = schemas
        self._queue: list[Batch] = []
        self._queue_lock = threading.Lock()
        self._arrived = threading.Condition(self._queue_lock)
        self._arriving = 0  # requests decoding rows that will be submitted shortly
        self._commit_lock = threading.Lock()

    @contextmanager
    def arriving(self) -> Iterator[Callable[[Batch], None]]:
        """Announce a request that is decoding its rows; yields its ``submit``.

        A committer waits a little (at most ``GATHER_SECONDS``) for announced requests, so
        that requests arriving together commit together instead of one alone and the rest next.
        """
        with self._arrived:
            self._arriving += 1
        pending = [True]

        def submit(batch: Batch) -> None:
            self._submit(batch, pending)

        try:
            yield submit
        finally:
            if pending[0]:
                self._enqueue(None, pending)

    def _enqueue(self, batch: Batch | None, pending: list[bool]) -> None:
        with self._arrived:
            if batch is not None:
                self._queue.append(batch)
            if pending[0]:
                pending[0] = False
                self._arriving -= 1
                self._arrived.notify_all()

    def _gather(self) -> list[Batch]:
        deadline = time.monotonic() + GATHER_SECONDS
        with self._arrived:
            while self._arriving > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._arrived.wait(left)
            group, self._queue = self._queue, []
        return group

    def _submit(self, batch: Batch, pending: list[bool]) -> None:
        """Return once ``batch`` is committed (or stale); raise its own error."""
        self._enqueue(batch, pending)
        with self._commit_lock:
            # A batch queued before this lock was taken is either done (an earlier holder took
            # it) or still queued: the holder that drains the queue finishes before releasing.
            if not batch.done:
                self._commit(self._gather())
        if batch.error is not None:
            raise batch.error

    def _commit(self, group: list[Batch]) -> None:
        lake = self.catalog.lake
        try:
            with lake.exclusive():
                before = lake.snapshot_id()
                ready = [b for b in group if self._current(b, before)]
                if not ready:
                    return
                try:
                    self._write(ready, before)
                except Exception as exc:
                    if len(ready) == 1:
                        ready[0].error = exc
                        return
                    for batch in ready:  # one transaction each: only the failing one fails
                        self._commit([batch])
        finally:
            for batch in group:
                batch.done = True

    def _current(self, batch: Batch, snapshot: int) -> bool:
        """Whether the batch can be written as decoded; otherwise marks it stale or failed."""
        try:
            kind, fields = self.schemas.get(batch.project, batch.dataset, batch.table, at=snapshot)
        except errors.BigQueryError as exc:
            batch.error = exc
            return False
        if kind != "TABLE":
            batch.error = errors.Invalid(f"Cannot insert into view {batch.key}")
            return False
        if fields != batch.fields:
            batch.stale = True
            return False
        return True

    def _write(self, ready: list[Batch], before: int) -> None:
        seen_ms = int(time.time() * 1000)
        taken: dict[str, set[str]] = defaultdict(set)
        rows: dict[TableId, list[pa.Table]] = defaultdict(list)
        new_ids: list[tuple[str, list[str]]] = []
        for batch in ready:
            batch.fresh = self.ids.check(batch.key, batch.ids, taken[batch.key])
            data = batch.data
            if not all(batch.fresh):
                data = data.filter(pa.array(batch.fresh, pa.bool_()))
            if data.num_rows:
                rows[(batch.project, batch.dataset, batch.table)].append(data)
            ids = [i for i, new in zip(batch.ids, batch.fresh, strict=True) if new and i]
            new_ids.append((batch.key, ids))
        if not rows:
            return  # every row a duplicate: nothing to commit
        with self.catalog.lake.transaction() as cur, map_exceptions():
            for (p, d, t), tables in rows.items():
                insert_arrow(cur, p, d, t, pa.concat_tables(tables))
            self.ids.write(cur, new_ids, seen_ms)
        self.schemas.advance(before, self.catalog.lake.snapshot_id())
        for key, ids in new_ids:
            self.ids.remember(key, ids, seen_ms)
