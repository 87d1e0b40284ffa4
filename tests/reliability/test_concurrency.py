"""Many clients at once: no deadlock, no "database is locked", snapshot-consistent reads, and a
soak run that checks every row by count and checksum at the end.

``BQHOUSE_SOAK_SECONDS`` (default 10) is the soak's budget; the manual run uses 600.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from serverproc import ServerProcess

SOAK_SECONDS = float(os.environ.get("BQHOUSE_SOAK_SECONDS", "10"))
BATCH = 50
rows_checked: list[int] = []


def run_all(workers: list[Callable[[], Any]]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        futures = [pool.submit(w) for w in workers]
        return [f.result(timeout=600) for f in futures]


def test_mixed_clients_same_and_different_tables(live: ServerProcess) -> None:
    client = live.client()
    client.create_dataset("mix", exists_ok=True)
    client.query_and_wait("CREATE TABLE mix.shared (w INT64, i INT64)")

    def worker(w: int) -> int:
        c = live.client()
        own = f"mix.own_{w}"
        c.query_and_wait(f"CREATE TABLE {own} (i INT64)")  # DDL, a different table each
        written = 0
        for i in range(3):
            assert c.insert_rows_json("mix.shared", [{"w": w, "i": i}] * 3) == []
            c.query_and_wait(f"INSERT {own} (i) VALUES ({i})")
            csv = io.BytesIO(f"{w},{100 + i}\n".encode())
            config = bigquery.LoadJobConfig(source_format="CSV")
            c.load_table_from_file(csv, "mix.shared", job_config=config).result()
            written += 4
            list(c.query_and_wait("SELECT COUNT(*) FROM mix.shared"))
        c.query_and_wait(f"DROP TABLE {own}")
        return written

    written = sum(run_all([lambda w=w: worker(w) for w in range(4)]))
    count = list(client.query_and_wait("SELECT COUNT(*) FROM mix.shared"))[0][0]
    assert count == written
    assert [t.table_id for t in client.list_tables("mix")] == ["shared"]
    rows_checked.append(count)
    assert "database is locked" not in live.log_path.read_text()


def test_concurrent_dml_on_one_table_loses_no_update(live: ServerProcess) -> None:
    client = live.client()
    client.create_dataset("dml", exists_ok=True)
    client.query_and_wait("CREATE TABLE dml.counter AS SELECT 1 AS id, 0 AS v")
    attempts = 8

    def bump() -> str:
        # BigQuery queues mutating DML on one table; a conflict would be a retryable error.
        for _ in range(20):
            try:
                live.client().query_and_wait("UPDATE dml.counter SET v = v + 1 WHERE TRUE")
                return "ok"
            except exceptions.GoogleAPICallError as exc:
                assert "locked" not in str(exc)
        return "gave up"

    assert run_all([bump] * attempts) == ["ok"] * attempts
    assert list(client.query_and_wait("SELECT v FROM dml.counter"))[0][0] == attempts


def test_readers_never_see_half_a_multi_row_insert(live: ServerProcess) -> None:
    client = live.client()
    client.create_dataset("snap", exists_ok=True)
    client.query_and_wait("CREATE TABLE snap.t (batch INT64, i INT64)")
    stop = threading.Event()
    partial: list[Any] = []

    def writer() -> int:
        c, b = live.client(), 0
        while not stop.is_set() and b < 15:
            values = ", ".join(f"({b}, {i})" for i in range(BATCH))
            c.query_and_wait(f"INSERT snap.t (batch, i) VALUES {values}")
            b += 1
        stop.set()
        return b

    def reader() -> int:
        c, reads = live.client(), 0
        sql = f"SELECT batch, COUNT(*) n FROM snap.t GROUP BY batch HAVING n != {BATCH}"
        while not stop.is_set():
            partial.extend(c.query_and_wait(sql))
            reads += 1
        return reads

    results = run_all([writer, reader, reader, reader])
    assert partial == []
    assert results[0] > 0
    rows_checked.append(results[0] * BATCH)


@pytest.mark.timeout(SOAK_SECONDS * 10 + 300)
def test_soak(live: ServerProcess) -> None:
    """16 readers and 4 writers for SOAK_SECONDS, then every row is checked."""
    client = live.client()
    client.create_dataset("soak", exists_ok=True)
    client.query_and_wait("CREATE TABLE soak.t (w INT64, b INT64, i INT64, v INT64)")
    deadline = time.monotonic() + SOAK_SECONDS
    acked: dict[int, list[int]] = {w: [] for w in range(4)}
    bad_reads: list[Any] = []

    def writer(w: int) -> None:
        c, b = live.client(), 0
        while time.monotonic() < deadline:
            rows = [{"w": w, "b": b, "i": i, "v": w * b + i} for i in range(BATCH)]
            ids = [f"{w}-{b}-{i}" for i in range(BATCH)]
            if b % 2:
                values = ", ".join(f"({r['w']}, {r['b']}, {r['i']}, {r['v']})" for r in rows)
                c.query_and_wait(f"INSERT soak.t (w, b, i, v) VALUES {values}")
            else:
                assert c.insert_rows_json("soak.t", rows, row_ids=ids) == []
            acked[w].append(b)
            b += 1

    def reader() -> None:
        c = live.client()
        sql = f"SELECT w, b, COUNT(*) n FROM soak.t GROUP BY w, b HAVING n != {BATCH}"
        while time.monotonic() < deadline:
            bad_reads.extend(c.query_and_wait(sql))

    run_all([lambda w=w: writer(w) for w in range(4)] + [reader] * 16)
    assert bad_reads == []
    expected_rows = sum(len(batches) for batches in acked.values()) * BATCH
    expected_sum = sum(
        w * b * BATCH + BATCH * (BATCH - 1) // 2 for w, batches in acked.items() for b in batches
    )
    row = list(
        client.query_and_wait(
            "SELECT COUNT(*), SUM(v), COUNT(DISTINCT FORMAT('%d-%d-%d', w, b, i)) FROM soak.t"
        )
    )[0]
    assert tuple(row.values()) == (expected_rows, expected_sum, expected_rows)
    rows_checked.append(expected_rows)
    assert "database is locked" not in live.log_path.read_text()
    print(f"\nsoak: {SOAK_SECONDS:g}s, rows checked {expected_rows}; total {sum(rows_checked)}")
