"""The console's saved queries: named SQL texts kept in ``DATA_DIR/console.sqlite``.

SQLite in WAL mode, like ``jobs.sqlite``: every change is one transaction, so a crash leaves the
store before or after it, and several server processes on one data directory see the same list.
With auth on, each caller has their own list (keyed by the caller's email); with auth off there is
one shared list (owner ``""``).
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from bqhouse import errors

Resource = dict[str, Any]

MAX_NAME_CHARS = 1024
# BigQuery's limit on the text of a GoogleSQL query: 1,024K characters
# (https://cloud.google.com/bigquery/quotas#query_jobs).
MAX_QUERY_CHARS = 1024 * 1024
MAX_SAVED_PER_OWNER = 1000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS saved_queries (
    owner TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name)
)
"""


def _now_ms() -> int:
    return int(time.time() * 1000)


def check_name(value: Any) -> str:
    """A saved query's name: a non-blank string of at most 1024 characters, trimmed.

    >>> check_name("  daily totals ")
    'daily totals'
    >>> check_name("   ")
    Traceback (most recent call last):
    ...
    bqhouse.errors.Invalid: Invalid saved query: name must not be empty.
    """
    if not isinstance(value, str):
        raise errors.Invalid("Invalid saved query: name must be a string.", location="name")
    name = value.strip()
    if not name:
        raise errors.Invalid("Invalid saved query: name must not be empty.", location="name")
    if len(name) > MAX_NAME_CHARS:
        raise errors.Invalid(
            f"Invalid saved query: name is longer than {MAX_NAME_CHARS} characters.",
            location="name",
        )
    return name


def check_query(value: Any) -> str:
    """A saved query's SQL: a string of at most 1,024K characters (it may be empty)."""
    if not isinstance(value, str):
        raise errors.Invalid("Invalid saved query: query must be a string.", location="query")
    if len(value) > MAX_QUERY_CHARS:
        raise errors.Invalid(
            f"The query is too large. The maximum standard SQL query length is "
            f"{MAX_QUERY_CHARS // 1024}.00K characters, including comments and white space "
            "characters.",
            location="query",
        )
    return value


def _resource(row: sqlite3.Row) -> Resource:
    return {
        "id": row["id"],
        "name": row["name"],
        "query": row["query"],
        "creationTime": str(row["created"]),
        "lastModifiedTime": str(row["modified"]),
    }


class SavedQueries:
    """Create, list, get, rename/edit and delete saved queries of one data directory."""

    def __init__(self, data_dir: str | Path, *, max_per_owner: int = MAX_SAVED_PER_OWNER) -> None:
        self.path = Path(data_dir) / "console.sqlite"
        self.max_per_owner = max_per_owner
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def entries(self, owner: str) -> list[Resource]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM saved_queries WHERE owner = ? ORDER BY name COLLATE NOCASE, id",
                [owner],
            ).fetchall()
        return [_resource(row) for row in rows]

    def get(self, owner: str, saved_id: str) -> Resource:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM saved_queries WHERE owner = ? AND id = ?", [owner, saved_id]
            ).fetchone()
        if row is None:
            raise errors.NotFound(f"Not found: Saved query {saved_id}")
        return _resource(row)

    def create(self, owner: str, body: Resource) -> Resource:
        name = check_name(body.get("name"))
        query = check_query(body.get("query", ""))
        saved_id = uuid.uuid4().hex
        now = _now_ms()
        with self._lock:
            count = self._db.execute(
                "SELECT count(*) FROM saved_queries WHERE owner = ?", [owner]
            ).fetchone()[0]
            if count >= self.max_per_owner:
                raise errors.Invalid(
                    f"Too many saved queries: at most {self.max_per_owner} per user; "
                    "delete some first."
                )
            self._write(
                "INSERT INTO saved_queries VALUES (?, ?, ?, ?, ?, ?)",
                [owner, saved_id, name, query, now, now],
                name,
            )
        return self.get(owner, saved_id)

    def update(self, owner: str, saved_id: str, body: Resource) -> Resource:
        """Rename and/or replace the SQL: only the fields present in ``body`` change."""
        current = self.get(owner, saved_id)
        name = check_name(body["name"]) if "name" in body else current["name"]
        query = check_query(body["query"]) if "query" in body else current["query"]
        with self._lock:
            self._write(
                "UPDATE saved_queries SET name = ?, query = ?, modified = ? "
                "WHERE owner = ? AND id = ?",
                [name, query, _now_ms(), owner, saved_id],
                name,
            )
        return self.get(owner, saved_id)

    def delete(self, owner: str, saved_id: str) -> None:
        with self._lock:
            gone = self._db.execute(
                "DELETE FROM saved_queries WHERE owner = ? AND id = ?", [owner, saved_id]
            ).rowcount
        if not gone:
            raise errors.NotFound(f"Not found: Saved query {saved_id}")

    def _write(self, sql: str, params: list[Any], name: str) -> None:
        try:
            self._db.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            raise errors.Duplicate(f"Already Exists: Saved query {name}") from exc
