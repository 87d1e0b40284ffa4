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


class InsertIdLog:
    """Recently seen insertIds per table key (``project:dataset.table``).

    >>> import tempfile
    >>> log = InsertIdLog(Lake(tempfile.mkdtemp()))
    >>> log.check("p:d.t", ["a", "a", None], set())
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

    def check(self, table: str, insert_ids: list[str | None], taken: set[str]) -> list[bool]:
        """Which rows to write (a row without id always); call under the lake's write lock.

        ``taken`` holds the ids already claimed for ``table`` by earlier batches of the same
        commit and gains this batch's ids, so a second row with the same insertId, in this
        request or in another request of the same group commit, is a duplicate too. Ids count
        as seen by later commits only after ``remember``, once their transaction committed.
        """
        cutoff = self._now_ms() - self.window_ms
        with self._lock:
            known = self._seen.get(table, {})
            fresh = []
            for insert_id in insert_ids:
                new = insert_id is None or (
                    insert_id not in taken and known.get(insert_id, -1) < cutoff
                )
                fresh.append(new)
                if insert_id is not None:
                    taken.add(insert_id)
        return fresh

    def remember(self, table: str, ids: list[str], seen_ms: int) -> None:
        """Ids whose transaction has committed: later checks see them."""
        if ids:
            with self._lock:
                self._remember(table, ids, seen_ms)

    def write(
        self, cur: duckdb.DuckDBPyConnection, batches: list[tuple[str, list[str]]], seen_ms: int
    ) -> None:
        """Insert (table, ids) pairs (every 30 s also drop expired ids) in the open transaction."""
        now = time.monotonic()
        if now - self._expired_at >= _EXPIRE_EVERY_SECONDS:
            cutoff = self._now_ms() - self.window_ms
            cur.execute(f"DELETE FROM {_TABLE} WHERE seen_ms < ?", [cutoff])
            with self._lock:
                self._expire_memory(cutoff)
            self._expired_at = now
        tables = [table for table, ids in batches for _ in ids]
        if not tables:
            return
        rows = pa.table(
            {
                "table_key": pa.array(tables, pa.string()),
                "insert_id": pa.array([i for _, ids in batches for i in ids], pa.string()),
                "seen_ms": pa.array([seen_ms] * len(tables), pa.int64()),
            }
        )
        cur.register("_bqhouse_insert_ids", rows)
        try:
            cur.execute(f"INSERT INTO {_TABLE} SELECT * FROM _bqhouse_insert_ids")
        finally:
            cur.unregister("_bqhouse_insert_ids")
