"""Storage Write API benchmark: AppendRows against DuckDB's own Arrow insert, same run, same lake.

Usage::

    python bench/storage_write.py [--rows N] [--batch B] [--reps R] [--quick] [--json OUT]

In a temporary data directory it builds empty tables (INT64, FLOAT64, STRING, TIMESTAMP), starts
the Storage API in a child process (as ``bqhouse serve`` would, so the client's encoding does not
share the server's GIL) and alternates, R rounds, each on fresh tables:

* the limit: the child inserts the same N rows as Arrow batches of B rows into the same lake,
  one DuckDB transaction per batch (what a COMMITTED append has to do at least);
* AppendRows with Arrow rows and with proto rows on a COMMITTED stream (one lake transaction per
  append, its offset committed with it);
* AppendRows with Arrow rows on a PENDING stream (each append durable on disk before the ack,
  no lake commit), then FinalizeWriteStream + BatchCommitWriteStreams (one transaction);
* the latency of small PENDING appends (200 x 50 rows), where the fsyncs dominate.

Requests are encoded before the clock starts. Each figure is the median of R rounds; the ratio is
rows/s divided by the limit's rows/s of the same round (1.0 = as fast as DuckDB's insert). No
threshold is asserted; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import grpc
import pyarrow as pa
from google.cloud.bigquery_storage_v1 import BigQueryWriteClient, types
from google.cloud.bigquery_storage_v1.services.big_query_write.transports import (
    BigQueryWriteGrpcTransport,
)
from google.protobuf import descriptor_pb2
from storage_read import FIELDS, data_table

from bqhouse.grpc.server import start_grpc
from bqhouse.storage.lake import table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow
from bqhouse.testing import proto_message
from bqhouse.warehouse import Warehouse

P, D = "bench", "write"
SMALL_APPENDS, SMALL_ROWS = 200, 50  # the PENDING latency row: many small durable appends
KINDS = ("duckdb", "arrow_committed", "proto_committed", "arrow_pending")
_CHANNEL = [("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]


def _row_class() -> tuple[Any, descriptor_pb2.DescriptorProto]:
    fd = descriptor_pb2.FieldDescriptorProto
    file = descriptor_pb2.FileDescriptorProto(name="bench_write.proto", package="bench")
    row = file.message_type.add(name="Row")
    kinds = [("id", fd.TYPE_INT64), ("x", fd.TYPE_DOUBLE), ("s", fd.TYPE_STRING)]
    for number, (name, kind) in enumerate([*kinds, ("ts", fd.TYPE_INT64)], start=1):
        row.field.add(name=name, number=number, type=kind, label=fd.LABEL_OPTIONAL)
    return proto_message(file, "bench.Row")


def _arrow_requests(stream: str, batches: list[pa.RecordBatch]) -> list[Any]:
    schema_bytes = batches[0].schema.serialize().to_pybytes()
    out = []
    for i, batch in enumerate(batches):
        data = types.AppendRowsRequest.ArrowData(
            rows=types.ArrowRecordBatch(serialized_record_batch=batch.serialize().to_pybytes())
        )
        if i == 0:
            data.writer_schema = types.ArrowSchema(serialized_schema=schema_bytes)
        out.append(types.AppendRowsRequest(write_stream=stream if i == 0 else "", arrow_rows=data))
    return out


def _proto_payloads(batches: list[pa.RecordBatch]) -> list[list[bytes]]:
    klass, _ = _row_class()
    return [
        [
            klass(
                id=r["id"], x=r["x"], s=r["s"], ts=int(r["ts"].timestamp() * 1e6)
            ).SerializeToString()
            for r in batch.to_pylist()
        ]
        for batch in batches
    ]


def _proto_requests(stream: str, payloads: list[list[bytes]]) -> list[Any]:
    _, proto = _row_class()
    out = []
    for i, rows in enumerate(payloads):
        data = types.AppendRowsRequest.ProtoData(rows=types.ProtoRows(serialized_rows=rows))
        if i == 0:
            data.writer_schema = types.ProtoSchema(proto_descriptor=proto)
        out.append(types.AppendRowsRequest(write_stream=stream if i == 0 else "", proto_rows=data))
    return out


def _create(client: BigQueryWriteClient, table: str, kind: Any) -> Any:
    return client.create_write_stream(
        parent=f"projects/{P}/datasets/{D}/tables/{table}",
        write_stream=types.WriteStream(type_=kind),
    )


def _send(client: BigQueryWriteClient, requests: Iterator[Any] | list[Any]) -> float:
    started = time.perf_counter()
    for response in client.append_rows(iter(requests)):
        if response.error.code:
            raise RuntimeError(response.error.message)
    return time.perf_counter() - started


# ---- the child: server and limit --------------------------------------------------------------


def _duckdb_insert(warehouse: Warehouse, table: str, batches: list[pa.RecordBatch]) -> float:
    started = time.perf_counter()
    for i, batch in enumerate(batches):
        with warehouse.lake.transaction() as cur:
            cur.register(f"b{i}", pa.Table.from_batches([batch]))
            cur.execute(f"INSERT INTO {table_sql(P, D, table)} BY NAME SELECT * FROM b{i}")
            cur.unregister(f"b{i}")
    return time.perf_counter() - started


def _serve(data_dir: str, rows: int, batch: int) -> None:
    """The server side, in its own process; ``duck TABLE`` on stdin runs the limit here."""
    warehouse = Warehouse(data_dir, project=P)
    server, port = start_grpc(warehouse, "127.0.0.1", 0)
    batches = data_table(rows).to_batches(max_chunksize=batch)
    print(port, flush=True)
    for line in sys.stdin:
        command, _, table = line.strip().partition(" ")
        if command == "duck":
            print(_duckdb_insert(warehouse, table, batches), flush=True)
        elif command == "count":
            sql = f"SELECT count(*) FROM {table_sql(P, D, table)}"
            print(warehouse.lake.cursor().execute(sql).fetchall()[0][0], flush=True)
    server.stop(None).wait()
    warehouse.close()


# ---- the parent: the client ------------------------------------------------------------------


class Child:
    def __init__(self, data_dir: str, rows: int, batch: int) -> None:
        command = [sys.executable, __file__, "--serve", data_dir, "--rows", str(rows)]
        self.proc = subprocess.Popen(
            [*command, "--batch", str(batch)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.port = int(self.proc.stdout.readline())

    def ask(self, line: str) -> str:
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def _round(
    child: Child,
    client: BigQueryWriteClient,
    r: int,
    batches: list[pa.RecordBatch],
    payloads: Any,
    small: list[pa.RecordBatch],
) -> dict[str, float]:
    out = {"duckdb": float(child.ask(f"duck duck_{r}"))}
    stream = _create(client, f"arrow_committed_{r}", types.WriteStream.Type.COMMITTED)
    out["arrow_committed"] = _send(client, _arrow_requests(stream.name, batches))
    stream = _create(client, f"proto_committed_{r}", types.WriteStream.Type.COMMITTED)
    out["proto_committed"] = _send(client, _proto_requests(stream.name, payloads))
    stream = _create(client, f"arrow_pending_{r}", types.WriteStream.Type.PENDING)
    out["arrow_pending"] = _send(client, _arrow_requests(stream.name, batches))
    started = time.perf_counter()
    client.finalize_write_stream(name=stream.name)
    client.batch_commit_write_streams(
        types.BatchCommitWriteStreamsRequest(
            parent=f"projects/{P}/datasets/{D}/tables/arrow_pending_{r}",
            write_streams=[stream.name],
        )
    )
    out["pending_commit"] = time.perf_counter() - started
    stream = _create(client, f"arrow_pending_{r}", types.WriteStream.Type.PENDING)
    out["pending_small"] = _send(client, _arrow_requests(stream.name, small)) / len(small)
    rows = sum(b.num_rows for b in batches)
    for kind in KINDS:
        got = int(child.ask(f"count {kind if kind != 'duckdb' else 'duck'}_{r}"))
        if got != rows:
            raise RuntimeError(f"{kind}_{r} has {got} rows, expected {rows}")
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=5, help="alternating rounds (median)")
    parser.add_argument("--quick", action="store_true", help="100k rows, 3 rounds")
    parser.add_argument("--json", help="Write the results here as JSON.")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve, args.rows, args.batch)
        return {}
    if args.quick:
        args.rows, args.reps = 100_000, 3
    data_dir = tempfile.mkdtemp(prefix="bqhouse-bench-write-")
    batches = data_table(args.rows).to_batches(max_chunksize=args.batch)
    payloads = _proto_payloads(batches)
    small = data_table(SMALL_APPENDS * SMALL_ROWS).to_batches(max_chunksize=SMALL_ROWS)
    runs: dict[str, list[float]] = {}
    try:
        warehouse = Warehouse(data_dir, project=P)
        warehouse.catalog.create_dataset(P, D, {})
        empty = data_table(0)
        for r in range(args.reps + 1):  # round 0 warms up
            for kind in KINDS:
                name = f"{kind if kind != 'duckdb' else 'duck'}_{r}"
                write_arrow(warehouse.catalog, WriteRequest(P, D, name), empty, FIELDS)
        warehouse.close()
        child = Child(data_dir, args.rows, args.batch)
        channel = grpc.insecure_channel(f"127.0.0.1:{child.port}", options=_CHANNEL)
        client = BigQueryWriteClient(transport=BigQueryWriteGrpcTransport(channel=channel))
        try:
            for r in range(args.reps + 1):
                got = _round(child, client, r, batches, payloads, small)
                if r:
                    for key, seconds in got.items():
                        runs.setdefault(key, []).append(seconds)
                    runs.setdefault("ratio_arrow_committed", []).append(
                        got["duckdb"] / got["arrow_committed"]
                    )
                    runs.setdefault("ratio_proto_committed", []).append(
                        got["duckdb"] / got["proto_committed"]
                    )
                    runs.setdefault("ratio_arrow_pending", []).append(
                        got["duckdb"] / got["arrow_pending"]
                    )
        finally:
            channel.close()
            child.close()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    results: dict[str, Any] = {"rows": args.rows, "batch": args.batch, "reps": args.reps}
    results.update({key: statistics.median(values) for key, values in runs.items()})
    print(_markdown(results))
    print()
    print("```json\n" + json.dumps(results, indent=2) + "\n```")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    return results


def _markdown(results: dict[str, Any]) -> str:
    rows = results["rows"]
    lines = [
        f"### Storage Write API: {rows:,} rows in batches of {results['batch']:,} "
        f"(median of {results['reps']} rounds)",
        "",
        "ratio = rows/s / DuckDB Arrow insert rows/s of the same round (1.0 = the limit)",
        "",
        "| append | rows/s | ratio |",
        "|---|---|---|",
        f"| DuckDB Arrow insert, 1 txn per batch (limit) | {rows / results['duckdb']:,.0f} "
        "| 1.00 |",
    ]
    for kind, label in (
        ("arrow_committed", "AppendRows COMMITTED, Arrow rows"),
        ("proto_committed", "AppendRows COMMITTED, proto rows"),
        ("arrow_pending", "AppendRows PENDING (durable, before commit), Arrow rows"),
    ):
        lines.append(f"| {label} | {rows / results[kind]:,.0f} | {results[f'ratio_{kind}']:.2f} |")
    lines.append(f"\nPENDING finalize + BatchCommit: {results['pending_commit'] * 1000:.0f} ms")
    lines.append(
        f"PENDING small appends ({SMALL_APPENDS} x {SMALL_ROWS} rows, each durable before its "
        f"ack): {results['pending_small'] * 1000:.2f} ms per append"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main(sys.argv[1:])
