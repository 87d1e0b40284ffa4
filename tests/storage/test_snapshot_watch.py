"""Catalog.current_snapshot skips the metadata query while nothing commits (Lake.settled_token),
and never answers an old snapshot after a commit: one of ours, or any other write to the catalog."""

from __future__ import annotations

import os
from typing import Any

import pytest

from bqhouse.storage import catalog as catalog_module
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import table_sql

_T = table_sql("p", "d", "t")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the prepared metadata queries the catalog runs (observed, then run for real)."""
    seen: list[str] = []
    real = catalog_module.execute_prepared

    def counting(cur: Any, name: str, sql: str, args: dict[str, Any]) -> list[tuple[Any, ...]]:
        seen.append(name)
        return real(cur, name, sql, args)

    monkeypatch.setattr(catalog_module, "execute_prepared", counting)
    return seen


def _commit_insert(catalog: Catalog, value: int) -> None:
    with catalog.lake.transaction() as cur:
        cur.execute(f"INSERT INTO {_T} VALUES ({value})")


def test_our_commit_is_seen_at_once_and_then_cached(catalog: Catalog, reads: list[str]) -> None:
    catalog.lake.cursor().execute(f"CREATE TABLE {_T} (x BIGINT)")  # autocommit
    _commit_insert(catalog, 1)
    first = catalog.current_snapshot()
    assert first == catalog.lake.snapshot_id()
    reads.clear()
    assert [catalog.current_snapshot() for _ in range(5)] == [first] * 5
    assert reads == []  # our own returned commit was the last write: no query needed
    _commit_insert(catalog, 2)
    second = catalog.current_snapshot()
    assert second == catalog.lake.snapshot_id() > first
    assert reads == ["bqhouse_snapshot"]


def test_a_write_outside_our_transactions_is_seen(catalog: Catalog) -> None:
    cur = catalog.lake.cursor()
    cur.execute(f"CREATE TABLE {_T} (x BIGINT)")
    _commit_insert(catalog, 1)
    before = catalog.current_snapshot()
    cur.execute(f"INSERT INTO {_T} VALUES (7)")  # autocommit: not through transaction()
    after = catalog.current_snapshot()
    assert after == catalog.lake.snapshot_id() > before


def test_a_fresh_unknown_write_is_not_trusted(catalog: Catalog, reads: list[str]) -> None:
    """A write we did not commit ourselves, under a second old: every call reads the id."""
    catalog.lake.cursor().execute(f"CREATE TABLE {_T} (x BIGINT)")
    assert catalog.lake.settled_token() is None
    reads.clear()
    catalog.current_snapshot()
    catalog.current_snapshot()
    assert reads == ["bqhouse_snapshot", "bqhouse_snapshot"]


def test_an_old_unknown_write_is_trusted(catalog: Catalog, reads: list[str]) -> None:
    catalog.lake.cursor().execute(f"CREATE TABLE {_T} (x BIGINT)")
    for path in catalog.lake.data_dir.glob("lake.ducklake*"):  # as if written a minute ago
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 60_000_000_000))
    token = catalog.lake.settled_token()
    assert token is not None
    reads.clear()
    snapshot = catalog.current_snapshot()
    assert catalog.current_snapshot() == snapshot == catalog.lake.snapshot_id()
    assert reads == ["bqhouse_snapshot"]
