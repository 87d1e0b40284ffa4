"""Storage Read API benchmark: ReadRows against a limit measured in the same run.

Usage::

    python bench/storage_read.py [--rows N] [--streams K] [--reps R] [--quick] [--json OUT]
    python bench/storage_read.py --scan-ab [--quick] ...

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
  ratios from quiet runs only). CreateReadSession of a plain table does not read its rows (it
  counts them from the Parquet footers): the streams' scan of the Parquet file with pyarrow runs
  while ReadRows sends (``bqhouse.grpc.session_rows``), so the read time includes reading the
  table from storage, which the limit's in-memory table does not. The "create + read" ratio
  (session creation plus the read, against the same limit) is the figure that compares across
  server versions whichever side the scan is on. ``BQHOUSE_FAST_SCAN=0`` in the environment
  makes the server scan through DuckLake instead. ``--scan-ab`` measures only that choice, in
  one run: two servers (DuckLake scan, pyarrow scan), each read on 1 and K streams with a fresh
  session per read, in alternating rounds with the limit.
* Two rows that explain the gap (not ratios anyone should aim at): the same ReadRows call on a
  bare gRPC channel that only counts the response bytes (gRPC Python's own ceiling on this
  machine, no protobuf or Arrow decoding; the stream is read once untimed first, so its rows are
  in the server's memory), and the official client with LZ4_FRAME / ZSTD buffer
  compression (fewer bytes on the wire, decompression on the client).
AppendRows is measured by ``bench/storage_write.py``.

Ratios are bqhouse throughput / limit throughput (1.0 = as fast as the limit). No threshold is
asserted; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent import futures
from typing import Any

import grpc
import pyarrow as pa
from google.cloud.bigquery_storage_v1 import BigQueryReadClient, types
from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
    BigQueryReadGrpcTransport,
)

from bqhouse import schema
from bqhouse.grpc.server import start_grpc
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


def data_table(rows: int, start: int = 0) -> pa.Table:
    """The benches' table: INT64, FLOAT64, STRING, TIMESTAMP (also used by storage_write.py)."""
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


def _measure(port: int, table: pa.Table, streams: int, reps: int) -> dict[str, Any]:
    channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=_CHANNEL)
    try:
        return _read_rounds(channel, table, streams, reps)
    finally:
        channel.close()


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
    return "\n".join(lines)


def _build(rows: int) -> tuple[str, pa.Table]:
    """A data directory holding the benches' table of ``rows`` rows (one load, one Parquet file)."""
    data_dir = tempfile.mkdtemp(prefix="bqhouse-bench-")
    warehouse = Warehouse(data_dir, project=P)
    warehouse.catalog.create_dataset(P, D, {})
    table = data_table(rows)
    write_arrow(warehouse.catalog, WriteRequest(P, D, "t"), table, FIELDS)
    warehouse.close()
    return data_dir, table


def _child(data_dir: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], int]:
    """``--serve data_dir`` in a child process (with ``env`` added) and its gRPC port."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", data_dir],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert child.stdout is not None
    return child, int(child.stdout.readline())


def _scan_ab(rows: int, streams: int, reps: int) -> dict[str, Any]:
    """The server's table scan A/B in one run: one server scanning through DuckLake
    (``BQHOUSE_FAST_SCAN=0``), one reading the Parquet file with pyarrow (the default), each on its
    own copy of the table; rounds alternate the limit and fresh sessions on both (in turn first)."""
    servers: dict[str, tuple[subprocess.Popen[str], grpc.Channel, BigQueryReadClient]] = {}
    dirs = []
    try:
        for name, fast in (("duckdb", "0"), ("pyarrow", "1")):
            data_dir, table = _build(rows)
            dirs.append(data_dir)
            child, port = _child(data_dir, {"BQHOUSE_FAST_SCAN": fast})
            channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=_CHANNEL)
            transport = BigQueryReadGrpcTransport(channel=channel)
            servers[name] = (child, channel, BigQueryReadClient(transport=transport))
        chunk = max(1, _LIMIT_CHUNK_BYTES // max(1, table.nbytes // max(1, table.num_rows)))
        _ipc_limit(table, chunk)  # warm-up
        for _, _, client in servers.values():
            _grpc_read(client, 1)
        runs: dict[str, list[dict[str, float]]] = {}
        for rep in range(reps):
            runs.setdefault("ipc_limit", []).append(_ipc_limit(table, chunk))
            order = list(servers.items())
            for name, (_, _, client) in order if rep % 2 == 0 else order[::-1]:
                for count in (1, streams):
                    runs.setdefault(f"{name}_read_{count}", []).append(_grpc_read(client, count))
    finally:
        for child, channel, _ in servers.values():
            channel.close()
            assert child.stdin is not None
            child.stdin.close()
            child.wait()
        for data_dir in dirs:
            shutil.rmtree(data_dir, ignore_errors=True)
    results: dict[str, Any] = {key: _median(value) for key, value in runs.items()}
    limit = results.pop("ipc_limit")["rows_per_s"]
    for run in results.values():
        run["ratio"] = run["rows_per_s"] / limit
        run["total_ratio"] = run["total_rows_per_s"] / limit
    return results


def _scan_ab_markdown(results: dict[str, Any], rows: int, reps: int) -> str:
    lines = [
        f"{rows:,} rows, median of {reps} alternating rounds; fresh session per read; ratio ="
        " rows/s / Arrow IPC limit rows/s",
        "",
        "| server scan | read | session create | read ratio | create + read ratio |",
        "|---|---|---|---|---|",
    ]
    for key, run in results.items():
        scan, _, count = key.partition("_read_")
        lines.append(
            f"| {scan} | {count} stream(s) | {run['session_seconds'] * 1000:.0f} ms "
            f"| {run['ratio']:.3f} | {run['total_ratio']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--streams", type=int, default=4)
    parser.add_argument("--reps", type=int, default=5, help="alternating rounds (median)")
    parser.add_argument("--quick", action="store_true", help="1M rows, 3 reps")
    parser.add_argument("--json", help="Write the results here as JSON.")
    parser.add_argument(
        "--scan-ab",
        action="store_true",
        help="Only compare the server's scans (DuckLake vs pyarrow) in one run.",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve)
        return {}
    if args.quick:
        args.rows, args.reps = 1_000_000, 3
    results: dict[str, Any] = {"rows": args.rows}
    results["reps"] = args.reps
    if args.scan_ab:
        ab = _scan_ab(args.rows, args.streams, args.reps)
        results.update(ab)
        print(_scan_ab_markdown(ab, args.rows, args.reps))
    else:
        data_dir, table = _build(args.rows)
        try:
            child, port = _child(data_dir)
            assert child.stdin is not None
            try:
                results.update(_measure(port, table, args.streams, args.reps))
            finally:
                child.stdin.close()
                child.wait()
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
        print(_markdown(results, args.streams))
    print()
    print("```json\n" + json.dumps(results, indent=2) + "\n```")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
