"""insertAll de-duplication: recent insertIds, recorded in the same lake transaction as their rows.

BigQuery drops a row whose insertId it saw "within the last minute", best effort:
https://cloud.google.com/bigquery/docs/streaming-data-into-bigquery#dataconsistency

The ids live in the lake table ``_bqhouse.insert_ids`` and are inserted by the transaction that
writes the rows, so a crash can never leave rows without their ids (or ids without their rows):
a client's retry after a restart is dropped. An in-memory copy answers the check quickly; it is
rebuilt from the lake at startup. The check and the write happen under the lake's write lock,
so two clients sending the same new insertId at the same instant store the row once.

The window is ``BQHOUSE_INSERT_ID_WINDOW_SECONDS`` (default 120: BigQuery's minute plus the time
a restart takes).
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from bqhouse.storage.lake import LAKE, META_SCHEMA, Lake

DEFAULT_WINDOW_SECONDS = 120.0
_EXPIRE_EVERY_SECONDS = 30.0
_TABLE = f"{LAKE}.{META_SCHEMA}.insert_ids"


def window_seconds() -> float:
    """The configured de-duplication window.

    >>> window_seconds() > 0
    True
    """
    value = os.environ.get("BQHOUSE_INSERT_ID_WINDOW_SECONDS", "")
    return float(value) if value.strip() else DEFAULT_WINDOW_SECONDS


@dataclass
class Claim:
    """One insertAll's ids while it holds the write lock: which rows are new, and their record."""

    log: InsertIdLog
    table: str
    fresh: list[bool]
    new_ids: list[str]
    seen_ms: int = field(default_factory=lambda: int(time.time() * 1000))
    recorded: bool = False

    def record(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Insert the new ids inside the caller's lake transaction (``write_arrow``'s ``also``)."""
        self.log.write(cur, self.table, self.new_ids, self.seen_ms)
        self.recorded = True


class InsertIdLog:
    """Recently seen insertIds per table key (``project:dataset.table``).

    >>> import tempfile
    >>> log = InsertIdLog(Lake(tempfile.mkdtemp()))
    >>> with log.claim("p:d.t", ["a", "a", None]) as claim:
    ...     claim.fresh
    [True, False, True]
    """

    def __init__(self, lake: Lake, window: float | None = None) -> None:
        self.lake = lake
        self.window_ms = int((window_seconds() if window is None else window) * 1000)
        self._seen: dict[str, dict[str, int]] = {}
        # (seen_ms, table, ids) in commit order, so expiry pops from the left.
        self._batches: deque[tuple[int, str, list[str]]] = deque()
        self._lock = threading.Lock()
        self._expired_at = 0.0
        self._load()

    def _now_ms(self) -> int:
        return int(time.time() * 1000)

    def _load(self) -> None:
        cutoff = self._now_ms() - self.window_ms
        rows = (
            self.lake.cursor()
            .execute(
                f"SELECT seen_ms, table_key, list(insert_id) FROM {_TABLE} WHERE seen_ms >= ? "
                "GROUP BY seen_ms, table_key ORDER BY seen_ms",
                [cutoff],
            )
            .fetchall()
        )
        for seen_ms, table, ids in rows:
            self._remember(table, list(ids), int(seen_ms))

    def _remember(self, table: str, ids: list[str], seen_ms: int) -> None:
        known = self._seen.setdefault(table, {})
        for insert_id in ids:
            known[insert_id] = seen_ms
        self._batches.append((seen_ms, table, ids))

    def _expire_memory(self, cutoff: int) -> None:
        while self._batches and self._batches[0][0] < cutoff:
            seen_ms, table, ids = self._batches.popleft()
            known = self._seen.get(table, {})
            for insert_id in ids:
                if known.get(insert_id) == seen_ms:
                    del known[insert_id]
            if not known:
                self._seen.pop(table, None)

    @contextmanager
    def claim(self, table: str, insert_ids: list[str | None]) -> Iterator[Claim]:
        """Hold the lake's write lock; ``fresh`` marks rows to write (a row without id always).

        The second of two rows with the same insertId in one request is a duplicate too. The ids
        count as seen only once the transaction that ran ``Claim.record`` has committed.
        """
        with self.lake.exclusive():
            cutoff = self._now_ms() - self.window_ms
            with self._lock:
                known = self._seen.get(table, {})
                taken: set[str] = set()
                fresh = []
                for insert_id in insert_ids:
                    new = insert_id is None or (
                        insert_id not in taken and known.get(insert_id, -1) < cutoff
                    )
                    fresh.append(new)
                    if insert_id is not None:
                        taken.add(insert_id)
            new_ids = [i for i, new in zip(insert_ids, fresh, strict=True) if new and i is not None]
            claim = Claim(self, table, fresh, new_ids)
            yield claim
            if claim.recorded and new_ids:
                with self._lock:
                    self._remember(table, new_ids, claim.seen_ms)

    def write(
        self, cur: duckdb.DuckDBPyConnection, table: str, ids: list[str], seen_ms: int
    ) -> None:
        """Insert ``ids`` (and every 30 s drop expired ones) inside the caller's transaction."""
        now = time.monotonic()
        if now - self._expired_at >= _EXPIRE_EVERY_SECONDS:
            cutoff = self._now_ms() - self.window_ms
            cur.execute(f"DELETE FROM {_TABLE} WHERE seen_ms < ?", [cutoff])
            with self._lock:
                self._expire_memory(cutoff)
            self._expired_at = now
        if not ids:
            return
        rows = pa.table(
            {
                "table_key": pa.array([table] * len(ids), pa.string()),
                "insert_id": pa.array(ids, pa.string()),
                "seen_ms": pa.array([seen_ms] * len(ids), pa.int64()),
            }
        )
        cur.register("_bqhouse_insert_ids", rows)
        try:
            cur.execute(f"INSERT INTO {_TABLE} SELECT * FROM _bqhouse_insert_ids")
        finally:
            cur.unregister("_bqhouse_insert_ids")
