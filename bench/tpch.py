"""TPC-H benchmark: the 22 queries in GoogleSQL through bqhouse against in-process DuckDB.

Usage::

    python bench/tpch.py [--sf 0.1] [--quick] [--reps R] [--only 1,6] [--json OUT]

Data comes from the ``tpchgen-cli`` package (``pip install -e '.[bench]'``), generated once per
scale factor into a cache directory (``$BQHOUSE_BENCH_CACHE``, default
``/tmp/bqhouse-bench``) as Parquet, which is deterministic. Each table is loaded into a fresh
bqhouse warehouse through the real client's Parquet load jobs (``load_table_from_file``), so the
load path is part of the bench. Every query in ``tpch_queries/qNN.sql`` (GoogleSQL: backtick
``tpch.lineitem`` paths, ``DATE_ADD``/``DATE_SUB``/``INTERVAL``/``EXTRACT``) runs through
``client.query(sql).to_arrow(create_bqstorage_client=False)`` with the query cache off; the limit
is ``tpch_queries/duckdb/qNN.sql`` run by in-process DuckDB over views on the same Parquet files.

Each query: one warm-up of each side, then R alternating repetitions; the report gives the
median bqhouse time with min/max, the median DuckDB time and ratio = median bqhouse / median
DuckDB, plus the geometric mean of the ratios. Every bqhouse result is checked against DuckDB's
(row count, then every value; numbers with a relative tolerance of 1e-6; rows compared in order,
or as sorted multisets when ORDER BY leaves ties). A mismatch or an error is a failed row, and
the rest still runs. No threshold is asserted; the numbers are for reading.

Two more columns split each ratio (same run, same repetitions):

* **lake**: the translated DuckDB SQL run in-process on the warehouse's lake cursor (no REST, no
  job bookkeeping), over DuckDB's median: what the engine costs on the stored tables.
* **typed**: in-process DuckDB over views that cast the Parquet columns to the types bqhouse stores
  (NUMERIC is DECIMAL(38,9), INT64 is BIGINT), over DuckDB's median: what BigQuery's types cost by
  themselves. The TPC-H files hold DECIMAL(15,2) and INT32, which DuckDB adds up faster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "tpch_queries"
PROJECT = "bench"
DATASET = "tpch"
TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
REL_TOL = 1e-6
INSTALL_HINT = "tpchgen-cli is missing: run  .venv/bin/pip install -e '.[bench]'"


@dataclass
class QueryResult:
    """One query's line of the report. Times are seconds."""

    query: int
    status: str = "ok"  # ok | mismatch | failed
    rows: int = 0
    bq_times: list[float] = field(default_factory=list)
    duck_times: list[float] = field(default_factory=list)
    lake_times: list[float] = field(default_factory=list)
    typed_times: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.bq_times or not self.duck_times:
            return None
        return statistics.median(self.bq_times) / statistics.median(self.duck_times)

    def ratio_of(self, times: list[float]) -> float | None:
        if not times or not self.duck_times:
            return None
        return statistics.median(times) / statistics.median(self.duck_times)


# --------------------------------------------------------------------------- data


def tpchgen_binary() -> str | None:
    """The ``tpchgen-cli`` executable next to this interpreter, or on PATH."""
    beside = Path(sys.executable).parent / "tpchgen-cli"
    return str(beside) if beside.exists() else shutil.which("tpchgen-cli")


def generate(sf: float, cache: Path) -> Path:
    """Parquet files of all eight tables at scale factor ``sf`` (generated once, then reused)."""
    out = cache / f"tpch-sf{sf:g}"
    if all((out / f"{t}.parquet").exists() for t in TABLES):
        return out
    binary = tpchgen_binary()
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    cmd = [binary, "parquet", "-s", f"{sf:g}", f"--output-dir={tmp}"]
    subprocess.run(cmd, check=True, capture_output=True)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def load_bqhouse(client: Any, data: Path) -> float:
    """Load every table through Parquet load jobs; returns the seconds it took."""
    from google.cloud import bigquery

    client.create_dataset(DATASET, exists_ok=True)
    config = bigquery.LoadJobConfig(source_format="PARQUET")
    t0 = time.perf_counter()
    for name in TABLES:
        with open(data / f"{name}.parquet", "rb") as f:
            client.load_table_from_file(f, f"{DATASET}.{name}", job_config=config).result()
    return time.perf_counter() - t0


def duck_connection(data: Path, *, bigquery_types: bool = False) -> duckdb.DuckDBPyConnection:
    """Views on the Parquet files; with ``bigquery_types`` cast to the types bqhouse stores."""
    con = duckdb.connect()
    for name in TABLES:
        path = str(data / f"{name}.parquet").replace("'", "''")
        source = f"read_parquet('{path}')"
        columns = "*"
        if bigquery_types:
            described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
            columns = ", ".join(_stored_as(str(col), str(typ)) for col, typ, *_ in described)
        con.execute(f"CREATE VIEW {name} AS SELECT {columns} FROM {source}")
    return con


def _stored_as(column: str, duck_type: str) -> str:
    """A Parquet column cast to the DuckDB type bqhouse stores its BigQuery type as."""
    quoted = '"' + column.replace('"', '""') + '"'
    if duck_type.startswith("DECIMAL"):
        return f"CAST({quoted} AS DECIMAL(38,9)) AS {quoted}"  # NUMERIC
    if duck_type in ("TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT", "UINTEGER"):
        return f"CAST({quoted} AS BIGINT) AS {quoted}"  # INT64
    return quoted


# --------------------------------------------------------------------------- checking


def _norm(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _same(a: Any, b: Any) -> bool:
    a, b = _norm(a), _norm(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)
    return bool(a == b)


def _rows(table: pa.Table) -> list[tuple[Any, ...]]:
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return list(zip(*columns, strict=True)) if columns else []


def _rows_match(got: list[tuple[Any, ...]], want: list[tuple[Any, ...]]) -> bool:
    return all(
        len(g) == len(w) and all(_same(x, y) for x, y in zip(g, w, strict=True))
        for g, w in zip(got, want, strict=True)
    )


def _sort_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    # Round numbers so rows equal within tolerance sort next to each other.
    return tuple(
        f"{float(v):.4e}" if isinstance(_norm(v), int | float) else repr(_norm(v)) for v in row
    )


def compare(got: pa.Table, want: pa.Table) -> str:
    """An empty string when ``got`` matches ``want``, else what differs."""
    if got.num_columns != want.num_columns:
        return f"{got.num_columns} columns, DuckDB has {want.num_columns}"
    if got.num_rows != want.num_rows:
        return f"{got.num_rows} rows, DuckDB has {want.num_rows}"
    g, w = _rows(got), _rows(want)
    if _rows_match(g, w) or _rows_match(sorted(g, key=_sort_key), sorted(w, key=_sort_key)):
        return ""
    for i, (a, b) in enumerate(zip(g, w, strict=True)):
        if not _rows_match([a], [b]):
            return f"row {i}: {a!r} != DuckDB {b!r}"[:300]
    return "values differ"


# --------------------------------------------------------------------------- running


def _timed(fn: Callable[[], pa.Table]) -> tuple[float, pa.Table]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def short_error(exc: BaseException) -> str:
    text = " ".join(str(getattr(exc, "message", None) or exc).split())
    return f"{type(exc).__name__}: {text}"[:300]


def _lake_runner(warehouse: Any, bq_sql: str) -> Callable[[], pa.Table] | None:
    """The translated statement run straight on the lake, or None if it does not translate."""
    from bqhouse.sql.translate import translate

    try:
        statements = translate(
            bq_sql,
            default_project=PROJECT,
            list_tables=warehouse.catalog.table_names,
            table_fields=warehouse.catalog.table_fields,  # NUMERIC typed as the runner does
        )
    except Exception:  # the bqhouse column reports the error
        return None
    sql = statements[-1].sql
    from bqhouse.storage import fast_scan

    if fast_scan.enabled():  # what the query runner runs: the fast read path when it applies
        cur = warehouse.lake.cursor()
        sql = fast_scan.fast_sql(cur, sql, warehouse.lake.snapshot_id()) or sql
        cur.close()

    def lake() -> pa.Table:
        cur = warehouse.lake.cursor()
        try:
            return cur.execute(sql).fetch_arrow_table()
        finally:
            cur.close()

    return lake


def run_query(
    n: int,
    client: Any,
    con: duckdb.DuckDBPyConnection,
    reps: int,
    warehouse: Any = None,
    typed: duckdb.DuckDBPyConnection | None = None,
) -> QueryResult:
    from google.cloud import bigquery

    result = QueryResult(n)
    bq_sql = (QUERIES / f"q{n:02d}.sql").read_text()
    duck_sql = (QUERIES / "duckdb" / f"q{n:02d}.sql").read_text()
    config = bigquery.QueryJobConfig(use_query_cache=False)

    def bq() -> pa.Table:
        job = client.query(bq_sql, job_config=config)
        return job.to_arrow(create_bqstorage_client=False)

    def duck() -> pa.Table:
        return con.execute(duck_sql).fetch_arrow_table()

    want = duck()
    result.rows = want.num_rows
    try:
        got = bq()
    except Exception as exc:  # a translation bug: report the row, keep going
        result.status, result.error = "failed", short_error(exc)
        if os.environ.get("BQHOUSE_BENCH_TRACE"):
            traceback.print_exc()
        return result
    diff = compare(got, want)
    if diff:
        result.status, result.error = "mismatch", diff
    lake = _lake_runner(warehouse, bq_sql) if warehouse is not None else None
    typed_con = typed

    def typed_duck() -> pa.Table:
        assert typed_con is not None
        return typed_con.execute(duck_sql).fetch_arrow_table()

    extra = [(fn, times) for fn, times in ((lake, result.lake_times),) if fn is not None]
    if typed_con is not None:
        extra.append((typed_duck, result.typed_times))
    for fn, _ in extra:
        fn()  # warm-up
    for _ in range(reps):
        result.bq_times.append(_timed(bq)[0])
        result.duck_times.append(_timed(duck)[0])
        for fn, times in extra:
            times.append(_timed(fn)[0])
    return result


def run(
    sf: float, reps: int, only: list[int], breakdown: bool = True
) -> tuple[list[QueryResult], dict[str, Any]]:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    from bqhouse.server import BackgroundServer
    from bqhouse.warehouse import Warehouse

    cache = Path(os.environ.get("BQHOUSE_BENCH_CACHE", tempfile.gettempdir())) / "bqhouse-bench"
    t0 = time.perf_counter()
    data = generate(sf, cache)
    gen_s = time.perf_counter() - t0
    tmp = Path(tempfile.mkdtemp(prefix="bqhouse-tpch-"))
    warehouse = Warehouse(tmp / "data", project=PROJECT)
    server = BackgroundServer(warehouse).start()
    try:
        client = bigquery.Client(
            project=PROJECT,
            credentials=AnonymousCredentials(),
            client_options=ClientOptions(api_endpoint=server.url),
        )
        load_s = load_bqhouse(client, data)
        con = duck_connection(data)
        typed = duck_connection(data, bigquery_types=True) if breakdown else None
        results = []
        for n in only:
            print(f"... q{n:02d}", file=sys.stderr, flush=True)
            lake_of = warehouse if breakdown else None
            results.append(run_query(n, client, con, reps, lake_of, typed))
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    size = sum((data / f"{t}.parquet").stat().st_size for t in TABLES)
    meta = {"sf": sf, "reps": reps, "generate_s": gen_s, "load_s": load_s, "parquet_bytes": size}
    return results, meta


# --------------------------------------------------------------------------- report


def geomean(values: list[float]) -> float | None:
    return math.exp(statistics.fmean(math.log(v) for v in values)) if values else None


def fmt_ms(s: float) -> str:
    return f"{s * 1000:,.1f} ms"


def _fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def render(results: list[QueryResult], meta: dict[str, Any]) -> str:
    """The markdown table of one run."""
    lines = [
        f"TPC-H SF {meta['sf']:g} ({meta['parquet_bytes'] / 2**20:.1f} MiB Parquet), "
        f"{os.cpu_count()} CPUs, median of {meta['reps']} runs after one warm-up. "
        "ratio = median bqhouse / median DuckDB (1.0 = as fast as in-process DuckDB); "
        "lake = translated SQL in-process on the lake / DuckDB; typed = DuckDB with the column "
        "types bqhouse stores (DECIMAL(38,9), BIGINT) / DuckDB.",
        "",
        "| query | rows | bqhouse median (min-max) | DuckDB median (min-max) | ratio "
        "| lake | typed | check |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        check = "ok" if r.status == "ok" else f"**{r.status}**: {r.error}"
        if not r.bq_times:
            lines.append(f"| q{r.query:02d} | {r.rows} | - | - | - | - | - | {check} |")
            continue
        bq, du = r.bq_times, r.duck_times
        lines.append(
            f"| q{r.query:02d} | {r.rows} | {fmt_ms(statistics.median(bq))} "
            f"({fmt_ms(min(bq))}-{fmt_ms(max(bq))}) | {fmt_ms(statistics.median(du))} "
            f"({fmt_ms(min(du))}-{fmt_ms(max(du))}) | {r.ratio:.2f}x "
            f"| {_fmt_ratio(r.ratio_of(r.lake_times))} | {_fmt_ratio(r.ratio_of(r.typed_times))} "
            f"| {check} |"
        )
    ratios = [r.ratio for r in results if r.ratio is not None]
    gm = geomean(ratios)
    failed = [f"q{r.query:02d}" for r in results if r.status != "ok"]
    lake_gm = geomean([x for r in results if (x := r.ratio_of(r.lake_times)) is not None])
    typed_gm = geomean([x for r in results if (x := r.ratio_of(r.typed_times)) is not None])
    lines += [
        "",
        f"Geometric mean ratio: **{gm:.2f}x** over {len(ratios)} queries; max {max(ratios):.2f}x."
        if gm
        else "Geometric mean: no query ran.",
        f"Geometric means of the split: lake {_fmt_ratio(lake_gm)}, typed {_fmt_ratio(typed_gm)}.",
        f"Failed or mismatched: {', '.join(failed) if failed else 'none'}. "
        f"Data generation {meta['generate_s']:.1f} s (cached after the first run); "
        f"load through bqhouse Parquet load jobs {meta['load_s']:.1f} s.",
    ]
    return "\n".join(lines)


def to_json(results: list[QueryResult], meta: dict[str, Any]) -> dict[str, Any]:
    ratios = [r.ratio for r in results if r.ratio is not None]
    rows = [
        {
            **asdict(r),
            "ratio": r.ratio,
            "lake_ratio": r.ratio_of(r.lake_times),
            "typed_ratio": r.ratio_of(r.typed_times),
        }
        for r in results
    ]
    return {"bench": "tpch", "meta": meta, "queries": rows, "geomean": geomean(ratios)}


def parse_only(text: str | None) -> list[int]:
    if not text:
        return list(range(1, 23))
    return [int(part.strip().lstrip("qQ")) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sf", type=float, help="scale factor (default 0.1; quick 0.01)")
    ap.add_argument("--quick", action="store_true", help="scale factor 0.01, 3 repetitions")
    ap.add_argument("--reps", type=int, help="timed repetitions per query (default 5, quick 3)")
    ap.add_argument("--only", help="comma-separated query numbers, e.g. 1,6,13")
    ap.add_argument("--json", dest="json_out", help="also write the results as JSON here")
    ap.add_argument(
        "--no-breakdown", action="store_true", help="skip the lake and typed columns (faster)"
    )
    args = ap.parse_args(argv)
    if tpchgen_binary() is None:
        # Skipped, not crashed: the rest of run_all still means something without the extra.
        print(f"TPC-H skipped: {INSTALL_HINT}")
        print(INSTALL_HINT, file=sys.stderr)
        return 0
    sf = args.sf if args.sf is not None else (0.01 if args.quick else 0.1)
    reps = args.reps or (3 if args.quick else 5)
    results, meta = run(sf, reps, parse_only(args.only), breakdown=not args.no_breakdown)
    print(render(results, meta))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(to_json(results, meta), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
