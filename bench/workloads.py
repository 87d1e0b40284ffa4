"""Issue-5 workloads beyond TPC-H: round trip, latency, start-up, nested data, ingestion, a peer.

Usage::

    python bench/workloads.py [--quick] [--only roundtrip,latency,startup,nested,ingest,peer]
        [--json OUT]

The server is a real ``bqhouse serve`` child process on a free loopback port (so the client's
threads do not share the server's GIL), and every figure is a ratio against a limit measured in
the same run:

* **roundtrip**: ``client.query(sql).to_arrow()`` of a stored 1M-row table (quick: 100k) over
  the Storage Read API and over REST, against DuckDB reading the same rows in-process. A
  diagnostic row repeats the Storage read with the client's end-of-download poll interval
  (``google.cloud.bigquery._pandas_helpers._PROGRESS_INTERVAL``, 0.2 s) set to 1 ms: after the
  last stream ends, ``to_arrow()`` always waits out one such interval on its queue, whatever the
  server does, so the difference between the two rows is the client's, not the server's.
* **latency**: ``SELECT 1`` and a point lookup (``WHERE id = k`` on a 100k-row table), 1,000
  calls (quick: 100) sequentially and from 8 concurrent clients, p50 and p99, against the same
  statements in in-process DuckDB (8 cursors for the concurrent limit); and a test suite's
  pattern, a query right after an ``insertAll`` of one row (the first query at a new lake
  snapshot; up to 50 times), against DuckDB's query right after its ``INSERT``.
* **startup**: ``bqhouse serve`` to a 200 on ``/healthz`` (median of 3) against starting a
  Python that imports and connects DuckDB; the pytest fixture cost: the session fixture's
  ``Warehouse`` + ``BackgroundServer`` start, and the per-test ``bigquery_dataset`` (create +
  delete a dataset) against DuckDB ``CREATE SCHEMA`` + ``DROP SCHEMA``.
* **nested**: orders with a REPEATED RECORD of line items (loaded as Parquet), the
  ``UNNEST`` aggregation and the flat equivalent over a line-items table, each against DuckDB on
  the same Parquet files.
* **ingest**: Parquet and CSV loads of TPC-H ``lineitem`` (200k rows of SF 0.1; quick 20k) vs DuckDB
  ``read_parquet``/``read_csv`` into a table of a DuckDB file; ``insertAll`` in batches of 500
  rows from 4 concurrent clients against DuckDB inserting the same batches, one commit each.
* **peer**: ``bqemulator`` from PyPI in its own venv under the temp directory, when it installs
  and starts: ``SELECT 1`` p50 and the TPC-H quick queries, as ratios bqhouse / peer.

Rows that fail are reported as ``failed: <error>`` and the rest still runs.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
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
import traceback
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import tpch  # noqa: E402  (a sibling script, not a package)

PROJECT = "bench"
DATASET = "w"


@dataclass
class Row:
    """One line of the report; times in seconds, ``samples`` for min/max."""

    workload: str
    metric: str
    bqhouse: float | None
    limit: float | None
    limit_name: str
    samples: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def ratio(self) -> float | None:
        return self.bqhouse / self.limit if self.bqhouse and self.limit else None


def pct(samples: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as resp:
            if resp.status == 200:
                return
        time.sleep(0.01)
    raise TimeoutError(f"{url} not ready after {timeout} s")


@contextlib.contextmanager
def serve(data_dir: Path, grpc_port: int = -1) -> Iterator[tuple[str, float]]:
    """A ``bqhouse serve`` child; yields its URL and the seconds it took to answer /healthz."""
    port = free_port()
    bqhouse = Path(sys.executable).parent / "bqhouse"
    cmd = [str(bqhouse), "serve", "--port", str(port), "--grpc-port", str(grpc_port), "--no-demo"]
    cmd += ["--data-dir", str(data_dir), "--project", PROJECT]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(url + "/healthz", proc)
        yield url, time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def make_client(url: str) -> Any:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    return bigquery.Client(
        project=PROJECT,
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=url),
    )


def load_parquet(client: Any, table: pa.Table, name: str, tmp: Path) -> None:
    from google.cloud import bigquery

    path = tmp / f"{name}.parquet"
    pq.write_table(table, path)
    config = bigquery.LoadJobConfig(source_format="PARQUET")
    with open(path, "rb") as f:
        client.load_table_from_file(f, f"{DATASET}.{name}", job_config=config).result()


def short_error(exc: BaseException) -> str:
    if os.environ.get("BQHOUSE_BENCH_TRACE"):
        traceback.print_exc()
    text = " ".join(str(getattr(exc, "message", None) or exc).split())
    return f"{type(exc).__name__}: {text}"[:200]


# --------------------------------------------------------------------------- latency


def concurrent_latencies(fn_for: Callable[[int], Callable[[], Any]], calls: int) -> list[float]:
    """Latencies of ``calls`` calls spread over 8 workers, worker ``i`` calling ``fn_for(i)``."""
    per = max(1, calls // 8)

    def worker(i: int) -> list[float]:
        fn = fn_for(i)
        fn()  # warm-up: the connection
        return [timed(fn) for _ in range(per)]

    with ThreadPoolExecutor(8) as pool:
        return [s for chunk in pool.map(worker, range(8)) for s in chunk]


def latency(url: str, calls: int, tmp: Path) -> list[Row]:
    client = make_client(url)
    client.create_dataset(DATASET, exists_ok=True)
    n = 100_000
    table = pa.table({"id": pa.array(range(n), pa.int64()), "v": [f"v{i}" for i in range(n)]})
    load_parquet(client, table, "points", tmp)
    duck = duckdb.connect()
    duck.register("src", table)
    duck.execute("CREATE TABLE points AS SELECT * FROM src")
    statements = {
        "SELECT 1": ("SELECT 1", "SELECT 1"),
        "point lookup": (
            f"SELECT v FROM {DATASET}.points WHERE id = 4242",
            "SELECT v FROM points WHERE id = 4242",
        ),
    }
    rows = []
    for label, (bq_sql, duck_sql) in statements.items():
        clients = [make_client(url) for _ in range(8)]
        cursors = [duck.cursor() for _ in range(8)]

        def bq_call(i: int, sql: str = bq_sql, pool: list[Any] = clients) -> Callable[[], Any]:
            return lambda: list(pool[i].query_and_wait(sql))

        def duck_call(i: int, sql: str = duck_sql, pool: list[Any] = cursors) -> Callable[[], Any]:
            return lambda: pool[i].execute(sql).fetchall()

        try:
            for _ in range(3):
                bq_call(0)()
            seq = [timed(bq_call(0)) for _ in range(calls)]
            conc = concurrent_latencies(bq_call, calls)
        except Exception as exc:
            rows.append(Row("latency", label, None, None, "", error=short_error(exc)))
            continue
        duck_seq = [timed(duck_call(0)) for _ in range(calls)]
        duck_conc = concurrent_latencies(duck_call, calls)
        for mode, bq, du in (("sequential", seq, duck_seq), ("8 clients", conc, duck_conc)):
            for p in (50, 99):
                rows.append(
                    Row(
                        "latency",
                        f"{label} p{p} ({mode}, {len(bq)} calls)",
                        pct(bq, p),
                        pct(du, p),
                        f"in-process DuckDB p{p}",
                        samples=[min(bq), max(bq)],
                    )
                )
    rows.extend(read_after_write(client, duck, min(calls, 50)))
    return rows


def read_after_write(client: Any, duck: duckdb.DuckDBPyConnection, reps: int) -> list[Row]:
    """A test suite's pattern: write a row (insertAll), then query the table. Only the query is
    timed: the first query at a new lake snapshot (limit: DuckDB's query after its INSERT)."""
    client.query_and_wait(f"CREATE OR REPLACE TABLE {DATASET}.rw (id INT64, v STRING)")
    duck.execute("CREATE OR REPLACE TABLE rw (id BIGINT, v VARCHAR)")
    sql = "SELECT COUNT(*), MAX(v) FROM {} WHERE id >= 0"
    bq, du = [], []
    try:
        for i in range(reps):
            if client.insert_rows_json(f"{DATASET}.rw", [{"id": i, "v": f"v{i}"}]):
                raise RuntimeError("insertAll failed")
            bq.append(timed(lambda: list(client.query_and_wait(sql.format(f"{DATASET}.rw")))))
            duck.execute("INSERT INTO rw VALUES (?, ?)", [i, f"v{i}"])
            du.append(timed(lambda: duck.execute(sql.format("rw")).fetchall()))
    except Exception as exc:
        return [Row("latency", "query after insertAll", None, None, "", error=short_error(exc))]
    return [
        Row(
            "latency",
            f"query after insertAll p{p} (sequential, {reps} calls)",
            pct(bq, p),
            pct(du, p),
            f"in-process DuckDB p{p} after INSERT",
            samples=[min(bq), max(bq)],
        )
        for p in (50, 99)
    ]


# --------------------------------------------------------------------------- round trip

ROUNDTRIP_BQ = (
    "SELECT i AS id, i * 0.37 AS f, CONCAT('name_', CAST(MOD(i, 5000) AS STRING)) AS s, "
    "TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00', INTERVAL i SECOND) AS ts "
    "FROM UNNEST(GENERATE_ARRAY(1, {n})) AS i"
)


def _fast_poll(fetch: Callable[[], Any]) -> Any:
    """``fetch()`` with the client's Storage download poll at 1 ms instead of 0.2 s."""
    from google.cloud.bigquery import _pandas_helpers

    interval = _pandas_helpers._PROGRESS_INTERVAL
    _pandas_helpers._PROGRESS_INTERVAL = 0.001
    try:
        return fetch()
    finally:
        _pandas_helpers._PROGRESS_INTERVAL = interval


def roundtrip(url: str, grpc_address: str, rows: int, reps: int) -> list[Row]:
    """``client.query(sql).to_arrow()`` of a stored table over REST and the Storage Read API."""
    import grpc
    from google.cloud import bigquery
    from google.cloud.bigquery_storage_v1 import BigQueryReadClient
    from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
        BigQueryReadGrpcTransport,
    )

    client = make_client(url)
    client.create_dataset(DATASET, exists_ok=True)
    client.query_and_wait(f"CREATE TABLE {DATASET}.rt AS {ROUNDTRIP_BQ.format(n=rows)}")
    channel = grpc.insecure_channel(grpc_address)
    read_client = BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))
    sql = f"SELECT id, f, s, ts FROM {DATASET}.rt"
    config = bigquery.QueryJobConfig(use_query_cache=False)
    duck = duckdb.connect()
    duck.execute(
        "CREATE TABLE rt AS SELECT i AS id, i * 0.37 AS f, 'name_' || (i % 5000) AS s, "
        "TIMESTAMP '2024-01-01' + to_seconds(i) AS ts FROM range(1, ? + 1) t(i)",
        [rows],
    )
    limit_s = [
        timed(lambda: duck.execute("SELECT * FROM rt").fetch_arrow_table()) for _ in range(reps)
    ]
    ways: dict[str, Callable[[], Any]] = {
        "Storage Read API": lambda: client.query(sql, job_config=config).to_arrow(
            bqstorage_client=read_client
        ),
        "the Storage Read API with the client's poll at 1 ms (diagnostic)": lambda: _fast_poll(
            lambda: client.query(sql, job_config=config).to_arrow(bqstorage_client=read_client)
        ),
        "REST": lambda: client.query(sql, job_config=config).to_arrow(
            create_bqstorage_client=False
        ),
        # jobs.query with queryResultsFormat=ARROW (client >= 3.47, Beta): the first MiB inline
        # as Arrow IPC, the rest from the job's _default read stream.
        "ARROW query results (query_and_wait, Beta)": lambda: client.query_and_wait(
            sql, job_config=config, query_results_format="ARROW"
        ).to_arrow(bqstorage_client=read_client),
    }
    out = []
    for way, fetch in ways.items():
        label = f"query().to_arrow() {rows:,} rows via {way}"
        try:
            t0 = time.perf_counter()
            got = fetch()
            samples = [time.perf_counter() - t0]  # the checked first fetch counts as a run
            if got.num_rows != rows:
                raise RuntimeError(f"{got.num_rows} rows")
            samples += [timed(fetch) for _ in range(reps - 1)]
        except Exception as exc:
            out.append(Row("roundtrip", label, None, None, "", error=short_error(exc)))
            continue
        out.append(
            Row(
                "roundtrip",
                label,
                statistics.median(samples),
                statistics.median(limit_s),
                "in-process DuckDB fetch_arrow_table",
                samples=[min(samples), max(samples)],
            )
        )
    channel.close()
    return out


# --------------------------------------------------------------------------- start-up


def startup(tmp: Path, reps: int = 3) -> list[Row]:
    from bqhouse.server import BackgroundServer
    from bqhouse.warehouse import Warehouse

    serve_s = []
    for i in range(reps):
        with serve(tmp / f"startup{i}") as (_, seconds):
            serve_s.append(seconds)
    probe = [sys.executable, "-c", "import duckdb; duckdb.connect().execute('SELECT 1')"]
    python_s = [timed(lambda: subprocess.run(probe, check=True)) for _ in range(reps)]
    rows = [
        Row(
            "startup",
            "`bqhouse serve` to /healthz 200",
            statistics.median(serve_s),
            statistics.median(python_s),
            "python -c 'import duckdb; connect'",
            samples=[min(serve_s), max(serve_s)],
        )
    ]
    fixture_s, per_test, duck_s = [], [], []
    for i in range(reps):
        t0 = time.perf_counter()
        # As bqhouse.testing's session fixture: the Storage API (gRPC) starts on first use.
        server = BackgroundServer(Warehouse(tmp / f"fixture{i}", project=PROJECT))
        server.start()
        fixture_s.append(time.perf_counter() - t0)
        client = make_client(server.url)
        for k in range(10):
            per_test.append(timed(functools.partial(_create_drop, client, f"test_{i}_{k}")))
        server.stop()
        server.warehouse.close()
    con = duckdb.connect()
    for k in range(10 * reps):
        duck_s.append(
            timed(functools.partial(con.execute, f"CREATE SCHEMA s{k}; DROP SCHEMA s{k}"))
        )
    start_limit = statistics.median(python_s)
    rows.append(
        Row(
            "startup",
            "pytest session fixture (Warehouse + BackgroundServer, gRPC on first use)",
            statistics.median(fixture_s),
            start_limit,
            "python -c 'import duckdb; connect'",
            samples=[min(fixture_s), max(fixture_s)],
        )
    )
    rows.append(
        Row(
            "startup",
            "per-test `bigquery_dataset` fixture (create + delete)",
            statistics.median(per_test),
            statistics.median(duck_s),
            "DuckDB CREATE + DROP SCHEMA",
            samples=[min(per_test), max(per_test)],
        )
    )
    return rows


def _create_drop(client: Any, name: str) -> None:
    # What the per-test bigquery_dataset fixture does around each test.
    dataset = client.create_dataset(name)
    client.delete_dataset(dataset, delete_contents=True, not_found_ok=True)


# --------------------------------------------------------------------------- nested


def nested_tables(orders: int) -> tuple[pa.Table, pa.Table]:
    """Orders with 1-7 line items each, and the same line items flat."""
    item_type = pa.struct(
        [
            ("line", pa.int64()),
            ("product_id", pa.int64()),
            ("qty", pa.int64()),
            ("price", pa.float64()),
        ]
    )
    order_ids, customers, items = [], [], []
    flat: dict[str, list[Any]] = {k: [] for k in ("order_id", "line", "product_id", "qty", "price")}
    for o in range(1, orders + 1):
        lines = [
            {
                "line": n,
                "product_id": (o * n) % 500,
                "qty": (o + n) % 10 + 1,
                "price": (o * 7 + n) % 1000 * 0.5,
            }
            for n in range(1, 2 + o % 7)
        ]
        order_ids.append(o)
        customers.append(o % 1000)
        items.append(lines)
        for line in lines:
            flat["order_id"].append(o)
            for key, value in line.items():
                flat[key].append(value)
    nested = pa.table(
        {
            "order_id": pa.array(order_ids, pa.int64()),
            "customer_id": pa.array(customers, pa.int64()),
            "items": pa.array(items, pa.list_(item_type)),
        }
    )
    return nested, pa.table(flat)


NESTED_BQ = (
    f"SELECT i.product_id, SUM(i.qty * i.price) AS revenue, COUNT(*) AS n "
    f"FROM {DATASET}.orders_nested AS o, UNNEST(o.items) AS i GROUP BY 1 ORDER BY 1"
)
NESTED_DUCK = (
    "SELECT i.product_id, SUM(i.qty * i.price) AS revenue, COUNT(*) AS n "
    "FROM (SELECT unnest(items) AS i FROM orders_nested) GROUP BY 1 ORDER BY 1"
)
FLAT_BQ = (
    f"SELECT product_id, SUM(qty * price) AS revenue, COUNT(*) AS n "
    f"FROM {DATASET}.items_flat GROUP BY 1 ORDER BY 1"
)
FLAT_DUCK = (
    "SELECT product_id, SUM(qty * price) AS revenue, COUNT(*) AS n "
    "FROM items_flat GROUP BY 1 ORDER BY 1"
)


def nested(url: str, orders: int, reps: int, tmp: Path) -> list[Row]:
    from google.cloud import bigquery

    client = make_client(url)
    client.create_dataset(DATASET, exists_ok=True)
    nested_t, flat_t = nested_tables(orders)
    duck = duckdb.connect()
    for name, table in (("orders_nested", nested_t), ("items_flat", flat_t)):
        load_parquet(client, table, name, tmp)
        duck.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{tmp / name}.parquet')")
    config = bigquery.QueryJobConfig(use_query_cache=False)
    rows = []
    cases = (
        ("UNNEST aggregation", NESTED_BQ, NESTED_DUCK),
        ("flat aggregation", FLAT_BQ, FLAT_DUCK),
    )
    for label, bq_sql, duck_sql in cases:

        def bq(sql: str = bq_sql) -> pa.Table:
            return client.query(sql, job_config=config).to_arrow(create_bqstorage_client=False)

        def du(sql: str = duck_sql) -> pa.Table:
            return duck.execute(sql).fetch_arrow_table()

        try:
            diff = tpch.compare(bq(), du())
            bq_s = [timed(bq) for _ in range(reps)]
        except Exception as exc:
            rows.append(Row("nested", label, None, None, "", error=short_error(exc)))
            continue
        du_s = [timed(du) for _ in range(reps)]
        metric = f"{label} ({flat_t.num_rows:,} line items)"
        rows.append(
            Row(
                "nested",
                metric,
                statistics.median(bq_s),
                statistics.median(du_s),
                "in-process DuckDB, same Parquet",
                samples=[min(bq_s), max(bq_s)],
                error=f"mismatch: {diff}" if diff else "",
            )
        )
        # The engine's part: bqhouse's translation of the query, run on the same in-process
        # DuckDB and Parquet as the limit (no server, no round trip, no result encoding).
        engine_sql = translated_on_views(bq_sql)

        def en(sql: str = engine_sql) -> pa.Table:
            return duck.execute(sql).fetch_arrow_table()

        en_s = [timed(en) for _ in range(reps)]
        rows.append(
            Row(
                "nested",
                f"{metric}: engine only (translated SQL)",
                statistics.median(en_s),
                statistics.median(du_s),
                "in-process DuckDB, same Parquet",
                samples=[min(en_s), max(en_s)],
            )
        )
    return rows


def translated_on_views(bq_sql: str) -> str:
    """bqhouse's DuckDB SQL for ``bq_sql``, reading the in-process views of the same names."""
    from bqhouse.sql.translate import translate

    sql = translate(bq_sql, default_project=PROJECT)[-1].sql
    return sql.replace(f'lake."{PROJECT}.{DATASET}".', "")


# --------------------------------------------------------------------------- ingest


def ingest(url: str, sf: float, cap: int | None, inserts: int, tmp: Path) -> list[Row]:
    from google.cloud import bigquery

    cache = Path(os.environ.get("BQHOUSE_BENCH_CACHE", tempfile.gettempdir())) / "bqhouse-bench"
    source = tpch.generate(sf, cache) / "lineitem.parquet"
    table = pq.read_table(source)
    table = table.cast(pa.schema([f.with_type(_plain_type(f.type)) for f in table.schema]))
    if cap is not None:  # bqhouse CSV loads are slow enough to dominate the run: cap the rows
        table = table.slice(0, cap)
        source = tmp / "lineitem.parquet"
        pq.write_table(table, source)
    csv_path = tmp / "lineitem.csv"
    pacsv.write_csv(table, csv_path)
    client = make_client(url)
    client.create_dataset(DATASET, exists_ok=True)
    duck = duckdb.connect(str(tmp / "limit.duckdb"))
    size = {"Parquet": source.stat().st_size, "CSV": csv_path.stat().st_size}
    jobs: dict[str, tuple[Path, Any, str]] = {
        "Parquet": (source, bigquery.LoadJobConfig(source_format="PARQUET"), "read_parquet"),
        "CSV": (
            csv_path,
            bigquery.LoadJobConfig(source_format="CSV", skip_leading_rows=1, autodetect=True),
            "read_csv",
        ),
    }
    rows = []
    for kind, (path, config, reader) in jobs.items():

        def load(path: Path = path, config: Any = config, kind: str = kind) -> None:
            with open(path, "rb") as f:
                dest = f"{DATASET}.load_{kind.lower()}"
                client.load_table_from_file(f, dest, job_config=config).result()

        def duck_load(path: Path = path, reader: str = reader, kind: str = kind) -> None:
            duck.execute(f"CREATE OR REPLACE TABLE load_{kind} AS SELECT * FROM {reader}('{path}')")

        config.write_disposition = "WRITE_TRUNCATE"
        label = f"load {kind} ({table.num_rows:,} rows, {size[kind] / 2**20:.0f} MiB)"
        try:
            bq_s = [timed(load) for _ in range(3)]
        except Exception as exc:
            rows.append(Row("ingest", label, None, None, "", error=short_error(exc)))
            continue
        du_s = [timed(duck_load) for _ in range(3)]
        rows.append(
            Row(
                "ingest",
                label,
                statistics.median(bq_s),
                statistics.median(du_s),
                f"DuckDB {reader} into a table",
                samples=[min(bq_s), max(bq_s)],
            )
        )
    rows.append(insert_all(client, table.slice(0, inserts), duck))
    return rows


def _plain_type(t: pa.DataType) -> pa.DataType:
    return pa.string() if t == pa.string_view() else t


def insert_all(client: Any, table: pa.Table, duck: duckdb.DuckDBPyConnection) -> Row:
    from google.cloud import bigquery

    schema = [bigquery.SchemaField(f.name, _bq_type(f.type)) for f in table.schema]
    client.create_table(bigquery.Table(f"{PROJECT}.{DATASET}.stream", schema=schema))
    records = [
        {k: (str(v) if not isinstance(v, int | str) else v) for k, v in row.items()}
        for row in table.to_pylist()
    ]
    batches = [records[i : i + 500] for i in range(0, len(records), 500)]
    clients = [make_client(client._connection.API_BASE_URL) for _ in range(4)]
    errors: list[Any] = []

    def send(i: int) -> None:
        for batch in batches[i::4]:
            errors.extend(clients[i].insert_rows_json(f"{DATASET}.stream", batch))

    label = f"insertAll {len(records):,} rows, batches of 500, 4 clients"
    try:
        with ThreadPoolExecutor(4) as pool:
            t0 = time.perf_counter()
            list(pool.map(send, range(4)))
            bq_s = time.perf_counter() - t0
        if errors:
            raise RuntimeError(f"{len(errors)} row errors, first {errors[0]}")
    except Exception as exc:
        return Row("ingest", label, None, None, "", error=short_error(exc))
    duck.register("stream_src", table)
    duck.execute("CREATE OR REPLACE TABLE stream AS SELECT * FROM stream_src LIMIT 0")
    lock = threading.Lock()

    def duck_send(i: int) -> None:
        cur = duck.cursor()
        for k in range(i, len(batches), 4):
            with lock:
                cur.register("chunk", table.slice(k * 500, 500))
                cur.execute("INSERT INTO stream SELECT * FROM chunk")

    with ThreadPoolExecutor(4) as pool:
        t0 = time.perf_counter()
        list(pool.map(duck_send, range(4)))
        du_s = time.perf_counter() - t0
    return Row("ingest", label, bq_s, du_s, "DuckDB INSERT per batch, one commit each")


def _bq_type(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "INT64"
    if pa.types.is_decimal(t):
        return "NUMERIC"
    if pa.types.is_date(t):
        return "DATE"
    return "STRING"


# --------------------------------------------------------------------------- peer


# bqemulator runs "INSTALL spatial" at start, which downloads from DuckDB's extension host; with
# no route there it exits. The spatial extension is on PyPI for DuckDB 1.5.5, so the peer's venv
# pins that DuckDB and the extension is placed where INSTALL finds it (a private HOME).
PEER_PACKAGES = ["bqemulator", "duckdb==1.5.5", "duckdb-extension-spatial==1.5.5", "numpy"]


def peer_venv(install: bool) -> Path | None:
    """``bqemulator`` in its own venv under the bench cache; installed on first use."""
    cache = Path(os.environ.get("BQHOUSE_BENCH_CACHE", tempfile.gettempdir())) / "bqhouse-bench"
    exe = cache / "bqemulator-venv" / "bin" / "bqemulator"
    if not exe.exists():
        if not install:
            return None
        subprocess.run([sys.executable, "-m", "venv", str(exe.parents[1])], check=True)
        pip = [str(exe.parent / "pip"), "install", "-q", *PEER_PACKAGES]
        subprocess.run(pip, check=True, capture_output=True)
    return exe


def peer_home(exe: Path) -> Path:
    """A HOME whose ~/.duckdb holds the spatial extension from the PyPI package."""
    home = exe.parents[2] / "bqemulator-home"
    code = "import duckdb_extension_spatial as m, duckdb; print(m.__path__[0], duckdb.__version__)"
    found = subprocess.run([str(exe.parent / "python"), "-c", code], capture_output=True, text=True)
    package_dir, version = found.stdout.split()
    target = home / ".duckdb" / "extensions" / f"v{version}" / "linux_amd64"
    target.mkdir(parents=True, exist_ok=True)
    for ext in Path(package_dir).rglob("spatial.duckdb_extension"):
        shutil.copy(ext, target / ext.name)
    return home


@contextlib.contextmanager
def serve_peer(exe: Path) -> Iterator[str]:
    port = free_port()
    cmd = [str(exe), "start", "--rest-port", str(port), "--grpc-port", "0", "--project", PROJECT]
    env = {**os.environ, "HOME": str(peer_home(exe))}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(f"{url}/bigquery/v2/projects/{PROJECT}/datasets", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def peer_figures(url: str, calls: int) -> dict[str, Any]:
    """SELECT 1 p50 and the TPC-H SF 0.01 query times (or errors) against one server."""
    client = make_client(url)
    for _ in range(3):
        list(client.query_and_wait("SELECT 1"))
    out: dict[str, Any] = {
        "select1": pct(
            [timed(lambda: list(client.query_and_wait("SELECT 1"))) for _ in range(calls)], 50
        )
    }
    cache = Path(os.environ.get("BQHOUSE_BENCH_CACHE", tempfile.gettempdir())) / "bqhouse-bench"
    data = tpch.generate(0.01, cache)
    try:
        out["load"] = tpch.load_bqhouse(client, data)
    except Exception as exc:
        out["load_error"] = short_error(exc)
        try:  # BigQuery creates the table a load job names; a peer may need it made first
            precreate_tables(client, data)
            out["load"] = tpch.load_bqhouse(client, data)
        except Exception as again:
            out["load_error"] += f"; with tables created first: {short_error(again)}"
            return out
    con = tpch.duck_connection(data)
    out["tpch"] = {n: tpch.run_query(n, client, con, 3) for n in range(1, 23)}
    return out


def precreate_tables(client: Any, data: Path) -> None:
    from google.cloud import bigquery

    client.create_dataset(tpch.DATASET, exists_ok=True)
    for name in tpch.TABLES:
        schema = pq.read_schema(data / f"{name}.parquet")
        fields = [bigquery.SchemaField(f.name, _bq_type(f.type)) for f in schema]
        table = bigquery.Table(f"{PROJECT}.{tpch.DATASET}.{name}", schema=fields)
        client.create_table(table, exists_ok=True)


def peer(bqhouse_url: str, calls: int, install: bool) -> list[Row]:
    exe = peer_venv(install)
    if exe is None:
        return [
            Row("peer", "bqemulator", None, None, "", error="not installed (run without --quick)")
        ]
    with serve_peer(exe) as url:
        theirs = peer_figures(url, calls)
    ours = peer_figures(bqhouse_url, calls)
    name = "bqemulator (ratio = bqhouse / bqemulator)"
    rows = [Row("peer", f"SELECT 1 p50 ({calls} calls)", ours["select1"], theirs["select1"], name)]
    if "load" not in theirs:
        error = "bqemulator: " + theirs["load_error"]
        rows.append(Row("peer", "TPC-H SF 0.01 load", None, None, "", error=error))
        return rows
    if "load_error" in theirs:
        error = "bqemulator failed the load into a new table, so its tables were created first: "
        rows.append(Row("peer", "TPC-H load", None, None, "", error=error + theirs["load_error"]))
    rows.append(
        Row("peer", "TPC-H SF 0.01 load (8 Parquet load jobs)", ours["load"], theirs["load"], name)
    )
    for n in range(1, 23):
        mine, peer_r = ours["tpch"][n], theirs["tpch"][n]
        label = f"TPC-H q{n:02d}"
        if peer_r.status != "ok":
            rows.append(
                Row(
                    "peer",
                    label,
                    None,
                    None,
                    "",
                    error=f"bqemulator {peer_r.status}: {peer_r.error}",
                )
            )
            continue
        if mine.status != "ok":
            rows.append(
                Row("peer", label, None, None, "", error=f"bqhouse {mine.status}: {mine.error}")
            )
            continue
        rows.append(
            Row(
                "peer",
                label,
                statistics.median(mine.bq_times),
                statistics.median(peer_r.bq_times),
                name,
                samples=[min(mine.bq_times), max(mine.bq_times)],
            )
        )
    return rows


# --------------------------------------------------------------------------- report


def render(rows: list[Row]) -> str:
    lines = [
        "ratio = bqhouse / limit (1.0 = as fast as the limit, higher = slower); "
        "bqhouse min/max in brackets.",
        "",
        "| workload | metric | bqhouse (min-max) | limit | ratio |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        if r.bqhouse is None:
            lines.append(f"| {r.workload} | {r.metric} | failed: {r.error} | - | - |")
            continue
        spread = f" ({ms(r.samples[0])}-{ms(r.samples[1])})" if r.samples else ""
        limit = f"{r.limit_name}: {ms(r.limit)}" if r.limit else "-"
        ratio = f"{r.ratio:.1f}x" if r.ratio else "-"
        note = f" **{r.error}**" if r.error else ""
        lines.append(
            f"| {r.workload} | {r.metric} | {ms(r.bqhouse)}{spread}{note} | {limit} | {ratio} |"
        )
    return "\n".join(lines)


def ms(s: float | None) -> str:
    return "-" if s is None else f"{s * 1000:,.1f} ms" if s < 10 else f"{s:,.1f} s"


WORKLOADS = ["roundtrip", "latency", "startup", "nested", "ingest", "peer"]


def run(quick: bool, only: list[str]) -> list[Row]:
    calls = 100 if quick else 1000
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bqhouse-workloads-") as name:
        tmp = Path(name)
        if "startup" in only:
            print("... startup", file=sys.stderr, flush=True)
            rows += guarded("startup", lambda: startup(tmp))
        grpc_port = free_port()
        with serve(tmp / "data", grpc_port) as (url, _):
            rt_rows = 100_000 if quick else 1_000_000
            steps: dict[str, Callable[[], list[Row]]] = {
                "roundtrip": lambda: roundtrip(url, f"127.0.0.1:{grpc_port}", rt_rows, 3),
                "latency": lambda: latency(url, calls, tmp),
                "nested": lambda: nested(url, 20_000 if quick else 200_000, 3 if quick else 5, tmp),
                "ingest": lambda: ingest(
                    url,
                    0.01 if quick else 0.1,
                    20_000 if quick else 200_000,
                    2_000 if quick else 20_000,
                    tmp,
                ),
                "peer": lambda: peer(url, calls, install=not quick),
            }
            for name_, step in steps.items():
                if name_ in only:
                    print(f"... {name_}", file=sys.stderr, flush=True)
                    rows += guarded(name_, step)
    return rows


def guarded(name: str, step: Callable[[], list[Row]]) -> list[Row]:
    try:
        return step()
    except Exception as exc:
        return [Row(name, "(whole workload)", None, None, "", error=short_error(exc))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="100 latency calls, small data")
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(WORKLOADS)}")
    ap.add_argument("--json", dest="json_out", help="also write the results as JSON here")
    args = ap.parse_args(argv)
    only = args.only.split(",") if args.only else WORKLOADS
    rows = run(args.quick, only)
    print(render(rows))
    if args.json_out:
        payload = {
            "bench": "workloads",
            "results": [
                {**asdict(r), "metric": f"{r.workload}: {r.metric}", "ratio": r.ratio} for r in rows
            ],
        }
        Path(args.json_out).write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
