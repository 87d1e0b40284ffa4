"""SIGKILL during a MERGE over ~1M rows and during an AppendRows stream (Storage Write API).

As in test_crash.py, crash points are fractions of the measured duration of the same work, and
no assertion depends on wall-clock time. ``BQHOUSE_MERGE_ROWS`` (default 1,000,000) sizes the
MERGE; ``BQHOUSE_CRASH_POINTS`` (default 2) sets how many fractions each scenario tries.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pyarrow as pa
import pyarrow.parquet as pq
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import BigQueryWriteClient, types
from google.cloud.bigquery_storage_v1.services.big_query_write.transports import (
    BigQueryWriteGrpcTransport,
)
from serverproc import PROJECT, ServerProcess, crash_during, id_v_row_class

MERGE_ROWS = int(os.environ.get("BQHOUSE_MERGE_ROWS", "1000000"))
POINTS = int(os.environ.get("BQHOUSE_CRASH_POINTS", "2"))
CHECKSUM = "SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(SUM(v), 0) FROM `{t}`"
MERGE = """
MERGE c.{target} t USING c.src s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET v = s.v
WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)
"""
Factory = Callable[..., ServerProcess]


def fractions() -> list[float]:
    return [(i + 1) / (POINTS + 1) for i in range(POINTS)]


def state(server: ServerProcess, table: str) -> tuple[int, int, int]:
    row = list(server.client().query_and_wait(CHECKSUM.format(t=table)))[0]
    return int(row[0]), int(row[1]), int(row[2])


def load(server: ServerProcess, path: Path, table: str) -> None:
    config = bigquery.LoadJobConfig(source_format="PARQUET")
    with path.open("rb") as handle:
        job = server.client().load_table_from_file(handle, table, job_config=config)
        job.result()


def parquet(path: Path, ids: range, plus: int) -> Path:
    column = pa.array(ids, pa.int64())
    pq.write_table(pa.table({"id": column, "v": pa.compute.add(column, plus)}), path)
    return path


def test_kill_during_merge(server_factory: Factory, tmp_path: Path) -> None:
    server = server_factory().start()
    server.client().create_dataset("c")
    # Target: ids [0, N). Source: ids [N/2, 3N/2) -> half updates, half inserts.
    half = MERGE_ROWS // 2
    load(server, parquet(tmp_path / "target.parquet", range(MERGE_ROWS), 1), "c.target")
    load(server, parquet(tmp_path / "src.parquet", range(half, half + MERGE_ROWS), 7), "c.src")
    server.client().query_and_wait("CREATE TABLE c.probe AS SELECT * FROM c.target")
    started = time.monotonic()
    server.client().query_and_wait(MERGE.format(target="probe"))
    duration = time.monotonic() - started
    after = state(server, "c.probe")
    before = state(server, "c.target")
    assert after != before and after[0] == MERGE_ROWS + half
    sql = MERGE.format(target="target")
    for fraction in fractions():
        acked = crash_during(
            server,
            lambda: server.client().query_and_wait(sql, retry=None, job_retry=None),
            duration * fraction,
        )
        print(f"\nMERGE {MERGE_ROWS} rows, kill at {fraction:.2f} of {duration:.2f}s: {acked=}")
        server.start()
        got = state(server, "c.target")
        assert got in (before, after), (fraction, got)
        if acked:
            assert got == after
        if got == after:
            break


# ---- AppendRows -----------------------------------------------------------------------------

BATCH = 100


ROW, DESCRIPTOR = id_v_row_class("crash")
STREAM = f"projects/{PROJECT}/datasets/c/tables/events/streams/_default"


def _requests(first: int, count: int) -> Iterator[Any]:
    for b in range(first, first + count):
        rows = types.ProtoRows(
            serialized_rows=[ROW(id=b * BATCH + i, v=b).SerializeToString() for i in range(BATCH)]
        )
        data = types.AppendRowsRequest.ProtoData(rows=rows)
        if b == first:
            data.writer_schema = types.ProtoSchema(proto_descriptor=DESCRIPTOR)
        yield types.AppendRowsRequest(write_stream=STREAM, proto_rows=data)


def _append(server: ServerProcess, first: int, count: int, acked: list[int]) -> None:
    """Append batches ``first..first+count`` on the _default stream; record acknowledged ones."""
    channel = grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}")
    try:
        client = BigQueryWriteClient(transport=BigQueryWriteGrpcTransport(channel=channel))
        batch = first
        for response in client.append_rows(requests=_requests(first, count), retry=None):
            assert not response.error.code, response.error.message
            acked.append(batch)
            batch += 1
    finally:
        channel.close()


def test_kill_during_append_rows(server_factory: Factory) -> None:
    server = server_factory(grpc=True).start()
    client = server.client()
    client.create_dataset("c")
    schema = [bigquery.SchemaField("id", "INT64"), bigquery.SchemaField("v", "INT64")]
    client.create_table(bigquery.Table(f"{PROJECT}.c.events", schema=schema))
    measured: list[int] = []
    started = time.monotonic()
    _append(server, 0, 50, measured)
    per_batch = (time.monotonic() - started) / 50
    assert measured == list(range(50))
    acked: list[int] = list(measured)
    sent_up_to = 50
    count = 150
    for fraction in fractions():
        delay = per_batch * count * fraction
        first = sent_up_to
        finished = crash_during(server, lambda f=first: _append(server, f, count, acked), delay)
        sent_up_to += count
        print(f"\nAppendRows kill at {fraction:.2f}: acked {len(acked)} batches, {finished=}")
        server.start()
        ids = [
            row[0] for row in server.client().query_and_wait("SELECT id FROM c.events ORDER BY id")
        ]
        # Nothing twice, every acknowledged batch present, and each append all-or-nothing.
        assert len(ids) == len(set(ids))
        present = {i // BATCH for i in ids}
        assert set(acked) <= present
        assert len(ids) == len(present) * BATCH
