"""SIGKILL ``bqhouse serve`` in the middle of work; after a restart every table is in its before-
or after-state, and every acknowledged streaming insert is present exactly once.

Crash points are fractions of the measured duration of the same, uninterrupted work, so the kill
lands before, inside and after the commit without any wall-clock threshold in an assertion.
``BQHOUSE_CRASH_POINTS`` (default 2) sets how many fractions each scenario tries and
``BQHOUSE_CRASH_ROWS`` (default 200,000; the manual run uses 1,000,000) the size of the work.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from google.cloud import bigquery
from serverproc import ServerProcess, crash_during

ROWS = int(os.environ.get("BQHOUSE_CRASH_ROWS", "200000"))
POINTS = int(os.environ.get("BQHOUSE_CRASH_POINTS", "2"))
CHECKSUM = "SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(SUM(v), 0) FROM `{t}`"

Factory = Callable[..., ServerProcess]
crash_points: list[str] = []


def fractions() -> list[float]:
    return [(i + 1) / (POINTS + 1) for i in range(POINTS)]


def state(server: ServerProcess, table: str) -> tuple[int, int, int]:
    row = list(server.client().query_and_wait(CHECKSUM.format(t=table)))[0]
    return int(row[0]), int(row[1]), int(row[2])


def parquet(path: Path, rows: int, start: int = 0) -> Path:
    ids = pa.array(range(start, start + rows), pa.int64())
    pq.write_table(pa.table({"id": ids, "v": pa.compute.add(ids, 1)}), path)
    return path


def load(server: ServerProcess, path: Path, table: str) -> None:
    config = bigquery.LoadJobConfig(source_format="PARQUET", write_disposition="WRITE_APPEND")
    with path.open("rb") as handle:
        # No retries anywhere: a retry would reach the restarted server and redo the work.
        job = server.client().load_table_from_file(handle, table, job_config=config, num_retries=0)
        job.result(retry=None)


def query(server: ServerProcess, sql: str) -> None:
    server.client().query_and_wait(sql, retry=None, job_retry=None)


def timed(work: Callable[[], Any]) -> float:
    start = time.monotonic()
    work()
    return time.monotonic() - start


def test_kill_during_load(server_factory: Factory, tmp_path: Path) -> None:
    server = server_factory().start()
    client = server.client()
    client.create_dataset("c")
    big = parquet(tmp_path / "big.parquet", ROWS, start=1000)
    load(server, parquet(tmp_path / "small.parquet", 1000), "c.measure")
    duration = timed(lambda: load(server, big, "c.measure"))
    for i, fraction in enumerate(fractions()):
        table = f"c.t{i}"
        load(server, tmp_path / "small.parquet", table)
        before = state(server, table)
        after = (
            before[0] + ROWS,
            *(a + b for a, b in zip(before[1:], state_of_big(), strict=True)),
        )
        acked = crash_during(server, lambda t=table: load(server, big, t), duration * fraction)
        crash_points.append(f"load {fraction:.2f} acked={acked}")
        server.start()
        got = state(server, table)
        assert got in (before, after), (fraction, got)
        if acked:
            assert got == after
    assert state(server, "c.measure")[0] == 1000 + ROWS


def state_of_big() -> tuple[int, int]:
    ids = sum(range(1000, 1000 + ROWS))
    return ids, ids + ROWS


def test_kill_during_dml(server_factory: Factory, tmp_path: Path) -> None:
    server = server_factory().start()
    server.client().create_dataset("c")
    load(server, parquet(tmp_path / "big.parquet", ROWS), "c.big")
    statements = {
        "update": "UPDATE c.big SET v = v + 1 WHERE TRUE",
        "delete": "DELETE FROM c.big WHERE MOD(id, 2) = 0",
    }
    for name, sql in statements.items():
        before = state(server, "c.big")
        # Measure on a copy so the table under test keeps its before-state.
        server.client().query_and_wait("CREATE TABLE c.probe AS SELECT * FROM c.big")
        duration = timed(
            lambda s=sql: server.client().query_and_wait(s.replace("c.big", "c.probe"))
        )
        after = state(server, "c.probe")
        server.client().query_and_wait("DROP TABLE c.probe")
        for fraction in fractions():
            acked = crash_during(server, lambda s=sql: query(server, s), duration * fraction)
            crash_points.append(f"{name} {fraction:.2f} acked={acked}")
            server.start()
            got = state(server, "c.big")
            assert got in (before, after), (name, fraction, got)
            if acked:
                assert got == after
            if got == after:
                break
            before = got


def test_kill_during_streaming_inserts(server_factory: Factory) -> None:
    server = server_factory().start()
    client = server.client()
    client.create_dataset("c")
    schema = [bigquery.SchemaField("id", "INT64"), bigquery.SchemaField("v", "INT64")]
    client.create_table(bigquery.Table(f"{client.project}.c.s", schema=schema))
    batch_size = 200
    acked: list[int] = []
    batches: dict[int, list[dict[str, int]]] = {}

    def stream(first: int) -> None:
        streamer = server.client()
        b = first
        while True:
            rows = [{"id": b * batch_size + i, "v": b} for i in range(batch_size)]
            batches[b] = rows
            ids = [f"row-{r['id']}" for r in rows]
            assert streamer.insert_rows_json("c.s", rows, row_ids=ids, retry=None) == []
            acked.append(b)
            b += 1

    next_batch = 0
    for fraction in fractions():
        count_before = len(acked)
        delay = 0.5 + 2.0 * fraction
        crash_during(server, lambda n=next_batch: stream(n), delay)
        crash_points.append(f"insertAll {fraction:.2f} acked_batches={len(acked) - count_before}")
        server.start()
        # A client retries what was not acknowledged, and here also the last acknowledged batch:
        # both with the same insertIds, across the restart.
        retry = [b for b in batches if b not in acked] + acked[-1:]
        for b in retry:
            ids = [f"row-{r['id']}" for r in batches[b]]
            assert server.client().insert_rows_json("c.s", batches[b], row_ids=ids) == []
            if b not in acked:
                acked.append(b)
        next_batch = max(batches) + 1
    count, distinct = list(
        server.client().query_and_wait("SELECT COUNT(*), COUNT(DISTINCT id) FROM c.s")
    )[0]
    assert count == distinct == len(set(acked)) * batch_size


def test_kill_during_transaction(server_factory: Factory, tmp_path: Path) -> None:
    server = server_factory().start()
    server.client().create_dataset("c")
    load(server, parquet(tmp_path / "acc.parquet", ROWS), "c.acc")
    # A transfer: half the rows give 1 to the other half, and a ledger row records it.
    script = """
    BEGIN TRANSACTION;
    UPDATE c.acc SET v = v - 1 WHERE MOD(id, 2) = 0;
    UPDATE c.acc SET v = v + 1 WHERE MOD(id, 2) = 1;
    INSERT INTO c.ledger (id, v) VALUES (1, 1);
    COMMIT TRANSACTION;
    """
    server.client().query_and_wait("CREATE TABLE c.ledger (id INT64, v INT64)")
    before = state(server, "c.acc")
    duration = timed(lambda: server.client().query_and_wait(script))
    attempts, acked_runs = 1, 1
    first_even = sum(i + 1 for i in range(0, ROWS, 2))
    for fraction in fractions():
        attempts += 1
        acked = crash_during(server, lambda: query(server, script), duration * fraction)
        acked_runs += acked
        crash_points.append(f"transaction {fraction:.2f} acked={acked}")
        server.start()
        got = state(server, "c.acc")
        ledger = state(server, "c.ledger")[0]
        # Every ledger row is exactly one whole transfer: the total never moves, and the even
        # rows lost exactly ROWS/2 per ledger row.
        assert got == before, got
        assert acked_runs <= ledger <= attempts
        even_v = server.scalar("SELECT SUM(v) FROM c.acc WHERE MOD(id, 2) = 0")
        assert even_v == first_even - ledger * (ROWS // 2)


def test_report_crash_points() -> None:
    """Last in the file: prints how many crash points the tests above tried."""
    print(f"\ncrash points tried: {len(crash_points)}")
    for point in crash_points:
        print("  ", point)
