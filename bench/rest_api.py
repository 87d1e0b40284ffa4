"""REST API benchmark: bqhouse through the official BigQuery client against its limits.

Usage::

    python bench/rest_api.py [--rows N] [--quick] [--reps R] [--json OUT]

In a temporary data directory it starts a ``Warehouse`` behind a ``BackgroundServer``, builds a
table of N rows (INT64, FLOAT64, STRING, TIMESTAMP, BOOL) with ``CREATE TABLE ... AS SELECT ...
FROM UNNEST(GENERATE_ARRAY(...))`` and measures, each as the median of a few repetitions:

* full result fetch: ``query_and_wait(...).to_arrow()`` of every row, against (a) the same query
  on in-process DuckDB over the same lake tables and (b) raw Arrow IPC of that result over a
  loopback TCP socket (the transport limit);
* an aggregate (GROUP BY) through REST against in-process DuckDB;
* ``tabledata.list`` (``list_rows(...).to_arrow()``) of every row against in-process DuckDB;
* small-request latency: ``SELECT 1`` p50/p95, ``get_table`` p50 and a one-row
  ``insert_rows_json`` p50 against in-process DuckDB ``SELECT 1`` (and a one-row DuckDB INSERT
  commit into the same lake for the streaming insert);
* load throughput: ``load_table_from_file`` of a Parquet file of the N rows against DuckDB
  ``CREATE TABLE AS SELECT * FROM read_parquet(...)`` into the same lake.

Every ratio is bqhouse time / limit time measured in the same run (1.0 = as fast as the limit,
higher = slower). A part of the server that fails is reported as ``failed: <error>`` and the
rest still runs. No wall-clock threshold is asserted anywhere; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.ipc as ipc

PROJECT = "bench"
DATASET = "b"
TABLE = "t"

CTAS_BQ = f"""
CREATE TABLE {DATASET}.{TABLE} AS
SELECT
  i AS id,
  i * 0.37 AS f,
  CONCAT('name_', CAST(MOD(i, 5000) AS STRING)) AS s,
  TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00', INTERVAL i SECOND) AS ts,
  MOD(i, 3) = 0 AS b
FROM UNNEST(GENERATE_ARRAY(1, {{n}})) AS i
"""
FULL_BQ = f"SELECT id, f, s, ts, b FROM {DATASET}.{TABLE}"
FULL_DUCK = "SELECT id, f, s, ts, b FROM {t}"
AGG_BQ = (
    f"SELECT MOD(id, 100) AS g, COUNT(*) AS n, SUM(f) AS sf, MAX(ts) AS mt, "
    f"COUNTIF(b) AS nb, COUNT(DISTINCT s) AS ds FROM {DATASET}.{TABLE} GROUP BY g ORDER BY g"
)
AGG_DUCK = (
    "SELECT id % 100 AS g, count(*) AS n, sum(f) AS sf, max(ts) AS mt, "
    "count_if(b) AS nb, count(DISTINCT s) AS ds FROM {t} GROUP BY g ORDER BY g"
)


@dataclass
class Row:
    """One line of the report. Times are seconds; ``None`` means not measured / failed."""

    metric: str
    bqhouse: float | None
    limit: float | None
    limit_name: str
    kind: str = "time"  # "time" (seconds, lower is better) or "latency"
    rows: int = 0
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if self.bqhouse is None or not self.limit:
            return None
        return self.bqhouse / self.limit


def median_time(fn: Callable[[], Any], reps: int, warmup: int = 0) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def latencies(fn: Callable[[], Any], n: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return sorted(out)


def pct(samples: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted samples."""
    idx = min(len(samples) - 1, max(0, round(p / 100 * len(samples) + 0.5) - 1))
    return samples[idx]


def short_error(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg}"[:160]


def attempt(fn: Callable[[], Any]) -> tuple[Any, str]:
    """Run ``fn``; return (value, "") or (None, error text) and keep going."""
    try:
        return fn(), ""
    except Exception as exc:  # noqa: BLE001 - the server is fresh code, report and go on
        if os.environ.get("BQHOUSE_BENCH_TRACE"):
            traceback.print_exc()
        return None, short_error(exc)


def _read_client(address: str) -> Any:
    """A Storage Read API client on the bench server's gRPC port (ARROW results need one)."""
    import grpc
    from google.cloud.bigquery_storage_v1 import BigQueryReadClient
    from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
        BigQueryReadGrpcTransport,
    )

    channel = grpc.insecure_channel(address)
    return BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))


# --------------------------------------------------------------------------- IPC limit


def ipc_loopback(table: pa.Table) -> float:
    """Seconds to ship ``table`` as an Arrow IPC stream over a loopback TCP socket."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    ready = threading.Event()

    def send() -> None:
        conn, _ = server.accept()
        with conn, conn.makefile("wb") as out:
            ready.wait()
            with ipc.new_stream(out, table.schema) as writer:
                writer.write_table(table)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock, sock.makefile("rb") as inp:
            t0 = time.perf_counter()
            ready.set()
            got = ipc.open_stream(inp).read_all()
            elapsed = time.perf_counter() - t0
    finally:
        sender.join(timeout=30)
        server.close()
    if got.num_rows != table.num_rows:
        raise RuntimeError(f"IPC received {got.num_rows} rows, sent {table.num_rows}")
    return elapsed


# --------------------------------------------------------------------------- the run


def run(rows: int, reps: int, lat_calls: int) -> tuple[list[Row], dict[str, Any]]:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    from bqhouse.server import BackgroundServer
    from bqhouse.storage.lake import table_sql
    from bqhouse.warehouse import Warehouse

    tmp = tempfile.mkdtemp(prefix="bqhouse-rest-bench-")
    out: list[Row] = []
    meta: dict[str, Any] = {}
    wh = Warehouse(os.path.join(tmp, "data"), project=PROJECT)
    server = BackgroundServer(wh).start()
    try:
        client = bigquery.Client(
            project=PROJECT,
            credentials=AnonymousCredentials(),
            client_options=ClientOptions(api_endpoint=server.url),
        )
        cur = wh.lake.cursor()
        tsql = table_sql(PROJECT, DATASET, TABLE)
        table_id = f"{PROJECT}.{DATASET}.{TABLE}"

        # ---- setup: dataset + table via SQL CTAS (timed, no limit row: it's setup)
        client.create_dataset(DATASET)
        t0 = time.perf_counter()
        _, err = attempt(lambda: client.query_and_wait(CTAS_BQ.format(n=rows)))
        meta["ctas_seconds"] = time.perf_counter() - t0
        if err:
            # Fall back to building the table directly in the lake so the rest can run.
            meta["ctas_error"] = err
            print(f"CTAS through REST failed ({err}); building in DuckDB", file=sys.stderr)
            cur.execute(
                f"CREATE TABLE {tsql} AS SELECT i::BIGINT AS id, i * 0.37 AS f, "
                f"'name_' || (i % 5000)::VARCHAR AS s, "
                f"TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i) AS ts, "
                f"i % 3 = 0 AS b FROM range(1, {rows + 1}) r(i)"
            )
        n_rows = cur.execute(f"SELECT count(*) FROM {tsql}").fetchone()
        meta["table_rows"] = int(n_rows[0]) if n_rows else 0

        # ---- limits for the full fetch
        def duck_full() -> pa.Table:
            return wh.lake.cursor().execute(FULL_DUCK.format(t=tsql)).fetch_arrow_table()

        duck_full_s = median_time(duck_full, reps, warmup=1)
        result = duck_full()
        ipc_s, ipc_err = attempt(lambda: median_time(lambda: ipc_loopback(result), reps, 1))
        meta["result_bytes"] = result.nbytes

        # ---- full result fetch through REST
        def rest_full() -> pa.Table:
            t = client.query_and_wait(FULL_BQ).to_arrow(create_bqstorage_client=False)
            if t.num_rows != meta["table_rows"]:
                raise RuntimeError(f"got {t.num_rows} rows, expected {meta['table_rows']}")
            return t

        rest_s, err = attempt(lambda: median_time(rest_full, reps))
        nr = meta["table_rows"]
        out.append(
            Row(
                "full fetch (query_and_wait.to_arrow)",
                rest_s,
                duck_full_s,
                "in-process DuckDB",
                rows=nr,
                error=err,
            )
        )
        out.append(
            Row(
                "full fetch (query_and_wait.to_arrow)",
                rest_s,
                ipc_s,
                "Arrow IPC over loopback",
                rows=nr,
                error=err or ipc_err,
            )
        )

        # ---- the same fetch as ARROW results: the first page inline in jobs.query, the rest
        # over the Storage Read API from the job's default stream (jobs/arrow_page.py)
        def rest_arrow(read_client: Any) -> pa.Table:
            rows = client.query_and_wait(FULL_BQ, query_results_format="ARROW")
            t = rows.to_arrow(bqstorage_client=read_client)
            if t.num_rows != nr:
                raise RuntimeError(f"got {t.num_rows} rows, expected {nr}")
            return t

        def arrow_fetches() -> float:
            read_client = _read_client(server.start_grpc())
            return median_time(lambda: rest_arrow(read_client), reps)

        arrow_s, err = attempt(arrow_fetches)
        out.append(
            Row(
                "full fetch, ARROW results (query_and_wait(query_results_format=ARROW).to_arrow)",
                arrow_s,
                duck_full_s,
                "in-process DuckDB",
                rows=nr,
                error=err,
            )
        )

        # ---- aggregate
        def duck_agg() -> pa.Table:
            return wh.lake.cursor().execute(AGG_DUCK.format(t=tsql)).fetch_arrow_table()

        duck_agg_s = median_time(duck_agg, reps, warmup=1)
        rest_agg_s, err = attempt(
            lambda: median_time(
                lambda: client.query_and_wait(AGG_BQ).to_arrow(create_bqstorage_client=False),
                reps,
                warmup=1,
            )
        )
        out.append(
            Row(
                "aggregate GROUP BY (100 groups)",
                rest_agg_s,
                duck_agg_s,
                "in-process DuckDB",
                error=err,
            )
        )

        # ---- tabledata.list
        def rest_list() -> pa.Table:
            t = client.list_rows(table_id).to_arrow(create_bqstorage_client=False)
            if t.num_rows != nr:
                raise RuntimeError(f"got {t.num_rows} rows, expected {nr}")
            return t

        list_s, err = attempt(lambda: median_time(rest_list, reps))
        out.append(
            Row(
                "tabledata.list (list_rows.to_arrow)",
                list_s,
                duck_full_s,
                "in-process DuckDB",
                rows=nr,
                error=err,
            )
        )

        # ---- small-request latency
        duck_sel1 = latencies(lambda: wh.lake.cursor().execute("SELECT 1").fetchall(), lat_calls)
        d50 = pct(duck_sel1, 50)
        sel1, err = attempt(lambda: latencies(lambda: client.query_and_wait("SELECT 1"), lat_calls))
        out.append(
            Row(
                "SELECT 1 p50",
                pct(sel1, 50) if sel1 else None,
                d50,
                "DuckDB SELECT 1 p50",
                kind="latency",
                error=err,
            )
        )
        out.append(
            Row(
                "SELECT 1 p95",
                pct(sel1, 95) if sel1 else None,
                pct(duck_sel1, 95),
                "DuckDB SELECT 1 p95",
                kind="latency",
                error=err,
            )
        )
        gt, err = attempt(lambda: latencies(lambda: client.get_table(table_id), lat_calls))
        out.append(
            Row(
                "get_table p50",
                pct(gt, 50) if gt else None,
                d50,
                "DuckDB SELECT 1 p50",
                kind="latency",
                error=err,
            )
        )

        stream_id = f"{PROJECT}.{DATASET}.stream"
        stream_schema = [
            bigquery.SchemaField("id", "INT64"),
            bigquery.SchemaField("s", "STRING"),
            bigquery.SchemaField("ts", "TIMESTAMP"),
        ]
        counter = iter(range(10**9))

        def insert_one() -> None:
            i = next(counter)
            errors = client.insert_rows_json(
                stream_id, [{"id": i, "s": f"r{i}", "ts": "2024-01-01T00:00:00Z"}]
            )
            if errors:
                raise RuntimeError(f"insert errors: {errors}")

        def rest_insert() -> list[float]:
            client.create_table(bigquery.Table(stream_id, schema=stream_schema))
            return latencies(insert_one, max(10, lat_calls // 2))

        ins, err = attempt(rest_insert)
        out.append(
            Row(
                "insert_rows_json 1 row p50",
                pct(ins, 50) if ins else None,
                d50,
                "DuckDB SELECT 1 p50",
                kind="latency",
                error=err,
            )
        )
        lim_t = table_sql(PROJECT, DATASET, "stream_limit")
        cur.execute(f"CREATE TABLE {lim_t} (id BIGINT, s VARCHAR, ts TIMESTAMPTZ)")
        dcounter = iter(range(10**9))

        def duck_insert() -> None:
            i = next(dcounter)
            wh.lake.cursor().execute(
                f"INSERT INTO {lim_t} VALUES (?, ?, TIMESTAMPTZ '2024-01-01 00:00:00+00')",
                [i, f"r{i}"],
            )

        duck_ins = latencies(duck_insert, max(10, lat_calls // 2))
        out.append(
            Row(
                "insert_rows_json 1 row p50",
                pct(ins, 50) if ins else None,
                pct(duck_ins, 50),
                "DuckDB 1-row INSERT commit p50",
                kind="latency",
                error=err,
            )
        )
        cur.execute(f"DROP TABLE {lim_t}")

        # ---- load throughput
        parquet = os.path.join(tmp, "load.parquet")
        cur.execute(f"COPY ({FULL_DUCK.format(t=tsql)}) TO '{parquet}' (FORMAT PARQUET)")
        meta["parquet_bytes"] = os.path.getsize(parquet)
        load_n = iter(range(10**6))

        def duck_load() -> None:
            name = table_sql(PROJECT, DATASET, f"duck_load_{next(load_n)}")
            c = wh.lake.cursor()
            c.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{parquet}')")
            c.execute(f"DROP TABLE {name}")

        def rest_load() -> None:
            job_config = bigquery.LoadJobConfig(
                source_format=bigquery.SourceFormat.PARQUET,
                write_disposition=bigquery.WriteDisposition.WRITE_TRUNCATE,
            )
            with open(parquet, "rb") as fh:
                job = client.load_table_from_file(
                    fh, f"{PROJECT}.{DATASET}.loaded", job_config=job_config
                )
            job.result()

        duck_load_s = median_time(duck_load, reps)
        load_s, err = attempt(lambda: median_time(rest_load, reps))
        if not err:
            got = cur.execute(
                f"SELECT count(*) FROM {table_sql(PROJECT, DATASET, 'loaded')}"
            ).fetchone()
            if not got or got[0] != nr:
                err = f"loaded table has {got[0] if got else '?'} rows, expected {nr}"
        out.append(
            Row(
                "load Parquet (load_table_from_file)",
                load_s,
                duck_load_s,
                "DuckDB CTAS read_parquet",
                rows=nr,
                error=err,
            )
        )
    finally:
        server.stop()
        wh.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return out, meta


# --------------------------------------------------------------------------- report


def fmt_time(s: float) -> str:
    return f"{s * 1000:.2f} ms" if s < 1 else f"{s:.2f} s"


def fmt_cell(s: float | None, rows: int) -> str:
    if s is None:
        return "-"
    if rows and s > 0:
        return f"{fmt_time(s)} ({rows / s:,.0f} rows/s)"
    return fmt_time(s)


def render(results: list[Row], meta: dict[str, Any]) -> str:
    lines = [
        f"REST API bench: {meta['table_rows']:,} rows, {os.cpu_count()} CPUs, "
        f"DuckDB {duckdb.__version__}, pyarrow {pa.__version__}, "
        f"median of {meta['reps']} (latency: {meta['lat_calls']} calls). "
        "ratio = bqhouse time / limit time (1.0 = at the limit, higher = slower).",
        "",
        "| metric | bqhouse | limit | ratio |",
        "|---|---|---|---|",
    ]
    for r in results:
        limit = f"{r.limit_name}: {fmt_cell(r.limit, r.rows)}"
        if r.error:
            lines.append(f"| {r.metric} | failed: {r.error.replace('|', '/')} | {limit} | - |")
            continue
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else "-"
        lines.append(f"| {r.metric} | {fmt_cell(r.bqhouse, r.rows)} | {limit} | {ratio} |")
    extra = [f"setup CTAS via REST: {fmt_time(meta.get('ctas_seconds', 0.0))}"]
    if "result_bytes" in meta:
        extra.append(f"full result {meta['result_bytes'] / 2**20:.1f} MiB in Arrow")
    if "parquet_bytes" in meta:
        extra.append(f"Parquet file {meta['parquet_bytes'] / 2**20:.1f} MiB")
    if "ctas_error" in meta:
        extra.append(f"CTAS failed: {meta['ctas_error']}")
    lines += ["", "; ".join(extra) + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rows", type=int, help="rows in the table (default 200000, quick 20000)")
    ap.add_argument("--quick", action="store_true", help="small sizes, fewer repetitions")
    ap.add_argument("--reps", type=int, help="repetitions per timing (default 5, quick 3)")
    ap.add_argument("--json", dest="json_out", help="also write the results as JSON here")
    args = ap.parse_args(argv)
    rows = args.rows or (20_000 if args.quick else 200_000)
    reps = args.reps or (3 if args.quick else 5)
    lat_calls = 50

    results, meta = run(rows, reps, lat_calls)
    meta.update(reps=reps, lat_calls=lat_calls)
    report = render(results, meta)
    print(report)
    if args.json_out:
        payload = {
            "bench": "rest_api",
            "cpus": os.cpu_count(),
            "duckdb": duckdb.__version__,
            "pyarrow": pa.__version__,
            "meta": meta,
            "results": [{**asdict(r), "ratio": r.ratio} for r in results],
        }
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
