"""Storage API benchmark: ReadRows and AppendRows against limits measured in the same run.

Usage::

    python bench/storage_read.py [--rows N] [--streams K] [--reps R] [--quick] [--json OUT]

In a temporary data directory it builds a table of N rows (INT64, FLOAT64, STRING, TIMESTAMP),
starts the Storage API on a free loopback port in a child process (as ``bqhouse serve`` would, so
the client's decoding does not share the server's GIL) and measures:

* ReadRows throughput (rows/s, MB/s of decoded Arrow data) with the official ``BigQueryReadClient``
  on one stream and on K parallel streams: every response is decoded to an Arrow record batch and
  the batches become one ``pa.Table``. The limit: the same table in 3 MiB Arrow batches written as
  a raw Arrow IPC stream over a loopback TCP socket (a sender thread), read back with
  ``pa.ipc.open_stream`` and turned into one ``pa.Table``. The limit and the reads alternate, R
  rounds, and each figure is the median, so load from other processes hits both alike (the
  limit, one process, suffers more from a loaded machine than gRPC's several threads do: compare
  ratios from quiet runs only). CreateReadSession of a plain table does not read it: the
  streams' scan runs while ReadRows sends (``bqhouse.grpc.session_rows``), so the read time
  includes reading the table from storage, which the limit's in-memory table does not. The
  "create + read" ratio (session creation plus the read, against the same limit) is the figure
  that compares across server versions whichever side the scan is on.
* Two rows that explain the gap (not ratios anyone should aim at): the same ReadRows call on a
  bare gRPC channel that only counts the response bytes (gRPC Python's own ceiling on this
  machine, no protobuf or Arrow decoding; the stream is read once untimed first, so its rows are
  in the server's memory), and the official client with LZ4_FRAME / ZSTD buffer
  compression (fewer bytes on the wire, decompression on the client).
* AppendRows (COMMITTED stream, Arrow rows and proto rows) rows/s against DuckDB's own insert of
  the same Arrow batches into the same lake, one transaction per batch as AppendRows does.

Ratios are bqhouse throughput / limit throughput (1.0 = as fast as the limit). No threshold is
asserted; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
import pyarrow as pa
from google.cloud.bigquery_storage_v1 import BigQueryReadClient, BigQueryWriteClient, types
from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
    BigQueryReadGrpcTransport,
)
from google.cloud.bigquery_storage_v1.services.big_query_write.transports import (
    BigQueryWriteGrpcTransport,
)
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from bqhouse import schema
from bqhouse.grpc.server import start_grpc
from bqhouse.storage.lake import table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow
from bqhouse.warehouse import Warehouse

P, D = "bench", "storage"
FIELDS = [
    {"name": "id", "type": "INTEGER", "mode": "NULLABLE"},
    {"name": "x", "type": "FLOAT", "mode": "NULLABLE"},
    {"name": "s", "type": "STRING", "mode": "NULLABLE"},
    {"name": "ts", "type": "TIMESTAMP", "mode": "NULLABLE"},
]
_CHANNEL = [("grpc.max_receive_message_length", -1)]


def _data(rows: int, start: int = 0) -> pa.Table:
    ids = pa.array(range(start, start + rows), pa.int64())
    return pa.table(
        {
            "id": ids,
            "x": pa.array([i * 0.5 for i in range(rows)], pa.float64()),
            "s": pa.array([f"row-{i:09d}" for i in range(rows)]),
            "ts": pa.array(range(rows), pa.int64()).cast(pa.timestamp("us", tz="UTC")),
        },
        schema=schema.arrow_schema(FIELDS),
    )


# ---- read ------------------------------------------------------------------------------------


def _read_stream(client: BigQueryReadClient, name: str, schema_: pa.Schema) -> pa.Table:
    batches = [
        pa.ipc.read_record_batch(
            pa.py_buffer(response.arrow_record_batch.serialized_record_batch), schema_
        )
        for response in client.read_rows(name)
    ]
    return pa.Table.from_batches(batches, schema=schema_)


def _session(client: BigQueryReadClient, streams: int, codec: int = 0) -> Any:
    options = types.ReadSession.TableReadOptions(
        arrow_serialization_options=types.ArrowSerializationOptions(buffer_compression=codec)
    )
    return client.create_read_session(
        parent=f"projects/{P}",
        read_session=types.ReadSession(
            table=f"projects/{P}/datasets/{D}/tables/t",
            data_format=types.DataFormat.ARROW,
            read_options=options,
        ),
        max_stream_count=streams,
    )


def _grpc_read(client: BigQueryReadClient, streams: int, codec: int = 0) -> dict[str, float]:
    started = time.perf_counter()
    session = _session(client, streams, codec)
    created = time.perf_counter()
    schema_ = pa.ipc.read_schema(pa.py_buffer(session.arrow_schema.serialized_schema))
    with futures.ThreadPoolExecutor(len(session.streams)) as pool:
        parts = list(pool.map(lambda s: _read_stream(client, s.name, schema_), session.streams))
    seconds = time.perf_counter() - created
    rows, size = sum(p.num_rows for p in parts), sum(p.nbytes for p in parts)
    return {
        "streams": len(session.streams),
        "session_seconds": created - started,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "mb_per_s": size / seconds / 1e6,
        "total_rows_per_s": rows / (seconds + created - started),
    }


def _grpc_ceiling(channel: grpc.Channel, client: BigQueryReadClient) -> dict[str, float]:
    """ReadRows on a bare channel that only counts bytes: no protobuf, no Arrow decoding."""
    session = _session(client, 1)
    call = channel.unary_stream(
        "/google.cloud.bigquery.storage.v1.BigQueryRead/ReadRows",
        request_serializer=types.ReadRowsRequest.serialize,
    )
    request = types.ReadRowsRequest(read_stream=session.streams[0].name)
    sum(len(message) for message in call(request))  # the session's rows are all in memory now
    started = time.perf_counter()
    size = sum(len(message) for message in call(request))
    seconds = time.perf_counter() - started
    rows = session.estimated_row_count
    return {"seconds": seconds, "rows_per_s": rows / seconds, "wire_mb_per_s": size / seconds / 1e6}


def _ipc_limit(table: pa.Table, chunk: int) -> dict[str, float]:
    """The same table as one raw Arrow IPC stream over a loopback socket, read into a Table."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def send() -> None:
        conn, _ = listener.accept()
        with conn, conn.makefile("wb") as out, pa.ipc.new_stream(out, table.schema) as w:
            for batch in table.to_batches(max_chunksize=chunk):
                w.write_batch(batch)

    sender = threading.Thread(target=send)
    sender.start()
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as sock, sock.makefile("rb") as src:
        reader = pa.ipc.open_stream(src)
        got = pa.Table.from_batches(list(reader), schema=reader.schema)
    seconds = time.perf_counter() - started
    sender.join()
    listener.close()
    return {
        "seconds": seconds,
        "rows_per_s": got.num_rows / seconds,
        "mb_per_s": got.nbytes / seconds / 1e6,
    }


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


# ---- write -----------------------------------------------------------------------------------


def _row_class() -> tuple[Any, descriptor_pb2.DescriptorProto]:
    fd = descriptor_pb2.FieldDescriptorProto
    file = descriptor_pb2.FileDescriptorProto(name="bench_rows.proto", package="bench")
    row = file.message_type.add(name="Row")
    for number, (name, kind) in enumerate(
        [
            ("id", fd.TYPE_INT64),
            ("x", fd.TYPE_DOUBLE),
            ("s", fd.TYPE_STRING),
            ("ts", fd.TYPE_INT64),
        ],
        start=1,
    ):
        row.field.add(name=name, number=number, type=kind, label=fd.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    klass = message_factory.GetMessageClass(pool.FindMessageTypeByName("bench.Row"))
    proto = descriptor_pb2.DescriptorProto()
    klass.DESCRIPTOR.CopyToProto(proto)
    return klass, proto


def _arrow_requests(stream: str, batches: list[pa.RecordBatch]) -> Iterator[Any]:
    schema_bytes = batches[0].schema.serialize().to_pybytes()
    for i, batch in enumerate(batches):
        data = types.AppendRowsRequest.ArrowData(
            rows=types.ArrowRecordBatch(serialized_record_batch=batch.serialize().to_pybytes())
        )
        if i == 0:
            data.writer_schema = types.ArrowSchema(serialized_schema=schema_bytes)
        yield types.AppendRowsRequest(write_stream=stream if i == 0 else "", arrow_rows=data)


def _proto_requests(stream: str, batches: list[pa.RecordBatch]) -> Iterator[Any]:
    klass, proto = _row_class()
    for i, batch in enumerate(batches):
        rows = [
            klass(id=r["id"], x=r["x"], s=r["s"], ts=int(r["ts"].timestamp() * 1e6))
            for r in batch.to_pylist()
        ]
        data = types.AppendRowsRequest.ProtoData(
            rows=types.ProtoRows(serialized_rows=[m.SerializeToString() for m in rows])
        )
        if i == 0:
            data.writer_schema = types.ProtoSchema(proto_descriptor=proto)
        yield types.AppendRowsRequest(write_stream=stream if i == 0 else "", proto_rows=data)


def _append(
    client: BigQueryWriteClient, table: str, batches: list[pa.RecordBatch], make: Any
) -> float:
    stream = client.create_write_stream(
        parent=f"projects/{P}/datasets/{D}/tables/{table}",
        write_stream=types.WriteStream(type_=types.WriteStream.Type.COMMITTED),
    )
    requests = list(make(stream.name, batches))  # encoded before the clock starts
    started = time.perf_counter()
    for response in client.append_rows(iter(requests)):
        if response.error.code:
            raise RuntimeError(response.error.message)
    return time.perf_counter() - started


def _duckdb_insert(warehouse: Warehouse, table: str, batches: list[pa.RecordBatch]) -> float:
    started = time.perf_counter()
    for i, batch in enumerate(batches):
        with warehouse.lake.transaction() as cur:
            cur.register(f"b{i}", pa.Table.from_batches([batch]))
            cur.execute(f"INSERT INTO {table_sql(P, D, table)} BY NAME SELECT * FROM b{i}")
            cur.unregister(f"b{i}")
    return time.perf_counter() - started


# ---- main ------------------------------------------------------------------------------------


def _serve(data_dir: str) -> None:
    """The server side, in its own process (so client and server do not share a GIL)."""
    warehouse = Warehouse(data_dir, project=P)
    server, port = start_grpc(warehouse, "127.0.0.1", 0)
    print(port, flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    server.stop(None).wait()
    warehouse.close()


_CODECS = {"lz4_frame": 1, "zstd": 2}
# The limit's batches: 3 MiB, as before the server moved to 1 MiB responses (on this machine the
# raw IPC stream is a little faster with 3 MiB than with 1 MiB batches: the limit stays strong).
_LIMIT_CHUNK_BYTES = 3 * 1024 * 1024


def _read_rounds(channel: grpc.Channel, table: pa.Table, streams: int, reps: int) -> dict[str, Any]:
    """Alternate the IPC limit and the gRPC reads ``reps`` times; medians of each."""
    read = BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))
    row_bytes = max(1, table.nbytes // max(1, table.num_rows))
    chunk = max(1, _LIMIT_CHUNK_BYTES // row_bytes)
    _ipc_limit(table, chunk)  # warm-up
    _grpc_read(read, 1)
    runs: dict[str, list[dict[str, float]]] = {}
    for _ in range(reps):
        runs.setdefault("ipc_limit", []).append(_ipc_limit(table, chunk))
        runs.setdefault("read_1", []).append(_grpc_read(read, 1))
        runs.setdefault(f"read_{streams}", []).append(_grpc_read(read, streams))
        runs.setdefault("grpc_ceiling", []).append(_grpc_ceiling(channel, read))
        for name, codec in _CODECS.items():
            runs.setdefault(f"read_1_{name}", []).append(_grpc_read(read, 1, codec))
    results: dict[str, Any] = {key: _median(value) for key, value in runs.items()}
    limit = results["ipc_limit"]["rows_per_s"]
    for key in ("read_1", f"read_{streams}"):
        results[f"ratio_{key}"] = results[key]["rows_per_s"] / limit
    for key in ("read_1", f"read_{streams}", *(f"read_1_{name}" for name in _CODECS)):
        results[f"ratio_total_{key}"] = results[key]["total_rows_per_s"] / limit
    for key in ("grpc_ceiling", *(f"read_1_{name}" for name in _CODECS)):
        results[key]["ratio"] = results[key]["rows_per_s"] / limit
    return results


def _measure(
    port: int, table: pa.Table, streams: int, reps: int, batches: list[pa.RecordBatch]
) -> dict[str, Any]:
    channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=_CHANNEL)
    results = _read_rounds(channel, table, streams, reps)
    write = BigQueryWriteClient(transport=BigQueryWriteGrpcTransport(channel=channel))
    results["arrow_append_seconds"] = _append(write, "arrow_in", batches, _arrow_requests)
    proto_batches = batches[: max(1, len(batches) // 5)]
    results["proto_append_rows"] = sum(b.num_rows for b in proto_batches)
    results["proto_append_seconds"] = _append(write, "proto_in", proto_batches, _proto_requests)
    channel.close()
    return results


def _markdown(results: dict[str, Any], streams: int) -> str:
    limit = results["ipc_limit"]
    rows = [
        ("Arrow IPC over loopback (limit)", limit, 1.0),
        ("ReadRows, 1 stream", results["read_1"], results["ratio_read_1"]),
        (
            f"ReadRows, {streams} streams",
            results[f"read_{streams}"],
            results[f"ratio_read_{streams}"],
        ),
        ("ReadRows, 1 stream, LZ4_FRAME", results["read_1_lz4_frame"], None),
        ("ReadRows, 1 stream, ZSTD", results["read_1_zstd"], None),
        ("bare gRPC ReadRows, bytes only", results["grpc_ceiling"], None),
    ]
    lines = [
        f"{results['rows']:,} rows, median of {results['reps']} alternating rounds; "
        "ratio = rows/s / limit rows/s (1.0 = the limit); create + read = the same with the "
        "session's creation counted in",
        "",
        "| read | rows/s | MB/s | ratio | session create | create + read ratio |",
        "|---|---|---|---|---|---|",
    ]
    limit_rate = limit["rows_per_s"]
    for label, run, ratio in rows:
        ratio = run.get("ratio", 0.0) if ratio is None else ratio
        mb = run.get("mb_per_s", run.get("wire_mb_per_s", 0.0))
        session = f"{run['session_seconds'] * 1000:.0f} ms" if "session_seconds" in run else "-"
        total = f"{run['total_rows_per_s'] / limit_rate:.2f}" if "total_rows_per_s" in run else "-"
        lines.append(
            f"| {label} | {run['rows_per_s'] / 1e6:.1f} M | {mb:.0f} | {ratio:.2f} | {session} "
            f"| {total} |"
        )
    append = results["append"]
    lines += [
        "",
        f"AppendRows ({results['append_rows']:,} rows in batches of 10,000, COMMITTED stream) "
        "vs DuckDB inserting the same Arrow batches, one transaction each:",
        "",
        "| append | rows/s | ratio |",
        "|---|---|---|",
        f"| DuckDB Arrow insert (limit) | {append['duckdb_rows_per_s']:,.0f} | 1.00 |",
    ]
    for kind in ("arrow", "proto"):
        rate, ratio = append[f"{kind}_rows_per_s"], append[f"ratio_{kind}"]
        lines.append(f"| AppendRows, {kind} rows | {rate:,.0f} | {ratio:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--streams", type=int, default=4)
    parser.add_argument("--reps", type=int, default=5, help="alternating rounds (median)")
    parser.add_argument("--append-rows", type=int, default=500_000)
    parser.add_argument("--quick", action="store_true", help="1M rows read, 100k appended, 3 reps")
    parser.add_argument("--json", help="Write the results here as JSON.")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve)
        return {}
    if args.quick:
        args.rows, args.append_rows, args.reps = 1_000_000, 100_000, 3
    data_dir = tempfile.mkdtemp(prefix="bqhouse-bench-")
    results: dict[str, Any] = {"rows": args.rows, "append_rows": args.append_rows}
    results["reps"] = args.reps
    try:
        warehouse = Warehouse(data_dir, project=P)
        warehouse.catalog.create_dataset(P, D, {})
        table = _data(args.rows)
        for name in ("t", "arrow_in", "proto_in", "duck_in"):
            write_arrow(warehouse.catalog, WriteRequest(P, D, name), table.slice(0, 0), FIELDS)
        write_arrow(warehouse.catalog, WriteRequest(P, D, "t"), table, FIELDS)
        warehouse.close()
        batches = _data(args.append_rows).to_batches(max_chunksize=10_000)
        child = subprocess.Popen(
            [sys.executable, __file__, "--serve", data_dir],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdin is not None
        try:
            port = int(child.stdout.readline())
            results.update(_measure(port, table, args.streams, args.reps, batches))
        finally:
            child.stdin.close()
            child.wait()
        warehouse = Warehouse(data_dir, project=P)
        duck = _duckdb_insert(warehouse, "duck_in", batches)
        warehouse.close()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    arrow, proto = results.pop("arrow_append_seconds"), results.pop("proto_append_seconds")
    proto_rows = results.pop("proto_append_rows")
    results["append"] = {
        "duckdb_rows_per_s": args.append_rows / duck,
        "arrow_rows_per_s": args.append_rows / arrow,
        "proto_rows_per_s": proto_rows / proto,
        "ratio_arrow": duck / arrow,
        "ratio_proto": (proto_rows / proto) / (args.append_rows / duck),
    }
    print(_markdown(results, args.streams))
    print()
    print("```json\n" + json.dumps(results, indent=2) + "\n```")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
