"""Storage-format benchmark: DuckLake (on DuckDB 1.4.4) against a native DuckDB file.

Usage::

    python bench/storage_formats.py [--rows N] [--out FILE] [--sqlite-ext PATH]

In a temporary directory it builds one store per configuration and measures bulk load
(CTAS), a full-scan aggregate, a selective filter, 200 single-row INSERT commits, an UPDATE
of 1% of the rows, a DELETE of 1% of the rows, reopen time and bytes on disk. Every timing is
reported as a ratio against the native DuckDB file measured in the same run (the native file
is the limit: DuckLake runs the same engine plus a catalog and Parquet files). It then checks
capabilities (time travel, snapshot listing, two-table rollback, a second process opening the
store, plain-Parquet data files) and prints yes/no.

Configurations:

* ``native``       one DuckDB database file holding every table;
* ``lake``         DuckLake, DuckDB-file catalog, no data inlining;
* ``lake-inline``  DuckLake, DuckDB-file catalog, ``DATA_INLINING_ROW_LIMIT`` set;
* ``lake-sqlite``  DuckLake, SQLite catalog (only if a sqlite_scanner extension built for
  this DuckDB is found: ``--sqlite-ext``, ``$BQHOUSE_SQLITE_EXT`` or the installed
  ``duckdb_ext`` package).

Nothing is downloaded: extensions are loaded from files with auto-install/auto-load off.
Under a DuckDB without the DuckLake extension (e.g. the 2.x wheel) only ``native`` runs.
No wall-clock threshold is asserted anywhere; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb

NO_NETWORK: dict[str, Any] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
INLINE_LIMIT = 100
SMALL_COMMITS = 200

CTAS = """
CREATE TABLE {t} AS
SELECT
    i::BIGINT AS id,
    (i % 1000)::INTEGER AS k,
    'name_' || (i % 5000)::VARCHAR AS s,
    i * 0.37 AS d,
    TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS ts,
    {{'a': (i % 7)::INTEGER, 'b': 'x' || (i % 13)::VARCHAR}} AS st,
    [(i % 3)::INTEGER, (i % 5)::INTEGER, (i % 7)::INTEGER] AS l
FROM range({n}) r(i)
"""
SCAN = (
    "SELECT k % 10 AS g, count(*), sum(d), avg(st.a), max(ts), sum(len(l)), "
    "count(DISTINCT s) FROM {t} GROUP BY 1 ORDER BY 1"
)
FILTER = "SELECT * FROM {t} WHERE id BETWEEN {lo} AND {hi}"
INSERT_ONE = (
    "INSERT INTO {t} VALUES (?, ?, ?, ?, TIMESTAMP '2030-01-01 00:00:00', "
    "{{'a': ?, 'b': ?}}, [?, ?])"
)
UPDATE = "UPDATE {t} SET d = d + 1, s = s || '_u' WHERE id % 100 = 0"
DELETE = "DELETE FROM {t} WHERE id % 100 = 1"


# --------------------------------------------------------------------------- extensions


def find_extension(name: str) -> str | None:
    """Path of ``<name>.duckdb_extension`` shipped by an installed duckdb_ext package."""
    try:
        import duckdb_ext
    except ImportError:
        return None
    for root in duckdb_ext.__path__:
        hits = glob.glob(os.path.join(root, f"**/{name}.duckdb_extension"), recursive=True)
        version_dir = f"v{duckdb.__version__}"
        hits = [h for h in hits if version_dir in h] or hits
        if hits:
            return hits[0]
    return None


def find_sqlite_extension(explicit: str | None) -> str | None:
    for cand in (explicit, os.environ.get("BQHOUSE_SQLITE_EXT")):
        if cand and os.path.exists(cand):
            return cand
    return find_extension("sqlite_scanner") or find_extension("sqlite")


# --------------------------------------------------------------------------- stores


@dataclass
class Store:
    """How to open one configuration; ``open()`` returns a connection whose default
    catalog is the store, so the same SQL runs against every configuration."""

    name: str
    kind: str  # "native" | "ducklake"
    root: str
    ducklake_ext: str | None = None
    sqlite_ext: str | None = None
    catalog: str = "duckdb"  # ducklake catalog backend: "duckdb" | "sqlite"
    inline_limit: int = 0

    @property
    def native_path(self) -> str:
        return os.path.join(self.root, "warehouse.duckdb")

    @property
    def attach_sql(self) -> str:
        if self.catalog == "sqlite":
            target = "ducklake:sqlite:" + os.path.join(self.root, "lake.sqlite")
        else:
            target = "ducklake:" + os.path.join(self.root, "lake.ducklake")
        data = os.path.join(self.root, "lake.ducklake.files") + os.sep
        opts = f"DATA_PATH '{data}', DATA_INLINING_ROW_LIMIT {self.inline_limit}"
        return f"ATTACH '{target}' AS lake ({opts})"

    def spec(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "native_path": self.native_path,
            "ducklake_ext": self.ducklake_ext,
            "sqlite_ext": self.sqlite_ext,
            "attach_sql": self.attach_sql if self.kind == "ducklake" else None,
        }

    def prepare(self) -> None:
        """Create the directory; a SQLite catalog is created in WAL mode so readers in
        one process never block a commit from another (rollback-journal mode does)."""
        os.makedirs(self.root, exist_ok=True)
        if self.catalog == "sqlite":
            import sqlite3

            db = sqlite3.connect(os.path.join(self.root, "lake.sqlite"))
            db.execute("PRAGMA journal_mode=WAL")
            db.close()

    def open(self) -> duckdb.DuckDBPyConnection:
        return open_spec(self.spec())


def open_spec(spec: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    """Open a store from a plain dict (also used by the second-process probe)."""
    if spec["kind"] == "native":
        return duckdb.connect(spec["native_path"], config=NO_NETWORK)
    con = duckdb.connect(config=NO_NETWORK)
    con.execute(f"LOAD '{spec['ducklake_ext']}'")
    if spec["sqlite_ext"]:
        con.execute(f"LOAD '{spec['sqlite_ext']}'")
    con.execute(spec["attach_sql"])
    con.execute("USE lake")
    return con


def dir_bytes(path: str) -> tuple[int, int]:
    """(total bytes, number of .parquet files) under ``path``."""
    total = 0
    parquet = 0
    for dirpath, _dirs, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
            parquet += f.endswith(".parquet")
    return total, parquet


# --------------------------------------------------------------------------- measuring


@dataclass
class Result:
    name: str
    times: dict[str, float] = field(default_factory=dict)  # seconds
    sizes: dict[str, int] = field(default_factory=dict)  # bytes / counts
    caps: dict[str, str] = field(default_factory=dict)


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """First value of a query, consuming the whole result. A result left half-read
    (``fetchone()``) keeps its autocommit transaction open, and with a SQLite catalog in
    rollback-journal mode that read lock blocks every other process's commit."""
    return con.execute(sql).fetchall()[0][0]


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median_of(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def short_error(exc: BaseException) -> str:
    text = str(exc)
    if "Could not set lock" in text or "Failed to attach DuckLake MetaData" in text:
        return "file lock held by the 1st process"
    if "database is locked" in text:
        return "SQLite: database is locked"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first[:90]


def probe(fn: Callable[[], bool]) -> str:
    try:
        return "yes" if fn() else "no"
    except duckdb.Error as exc:
        return f"no ({short_error(exc)})"


def run_store(store: Store, rows: int) -> Result:
    res = Result(store.name)
    store.prepare()
    lake = store.kind == "ducklake"
    con = store.open()
    t = "t"

    res.times["bulk load (CTAS)"] = timed(lambda: con.execute(CTAS.format(t=t, n=rows)))
    con.execute("CREATE TABLE t2 AS SELECT i AS id FROM range(10) r(i)")
    load_version: int | None = None
    load_time: str | None = None
    if lake:
        load_version, load_time = con.execute(
            "SELECT snapshot_id, snapshot_time::VARCHAR FROM ducklake_snapshots('lake') "
            "ORDER BY snapshot_id DESC LIMIT 1"
        ).fetchall()[0]
    else:
        load_time = str(scalar(con, "SELECT current_timestamp::VARCHAR"))
    con.close()

    t0 = time.perf_counter()
    con = store.open()
    con.execute("SELECT count(*) FROM t").fetchall()
    res.times["reopen + count(*)"] = time.perf_counter() - t0
    res.sizes["bytes after load"] = dir_bytes(store.root)[0]

    res.times["full-scan aggregate"] = median_of(
        lambda: con.execute(SCAN.format(t=t)).fetchall(), 3
    )
    lo = rows // 2
    res.times["selective filter (100 ids)"] = median_of(
        lambda: con.execute(FILTER.format(t=t, lo=lo, hi=lo + 99)).fetchall(), 5
    )

    lat: list[float] = []
    for j in range(SMALL_COMMITS):
        rid = rows + j
        params = [rid, rid % 1000, f"new_{j}", j * 0.5, j % 7, f"y{j}", j, j + 1]
        lat.append(timed(lambda p=params: con.execute(INSERT_ONE.format(t=t), p)))  # type: ignore[misc]
    res.times[f"single-row INSERT commit p50 (x{SMALL_COMMITS})"] = percentile(lat, 0.5)
    res.times[f"single-row INSERT commit p95 (x{SMALL_COMMITS})"] = percentile(lat, 0.95)

    res.times["UPDATE 1% of rows"] = timed(lambda: con.execute(UPDATE.format(t=t)))
    res.times["DELETE 1% of rows"] = timed(lambda: con.execute(DELETE.format(t=t)))
    res.times["full-scan aggregate after writes"] = median_of(
        lambda: con.execute(SCAN.format(t=t)).fetchall(), 3
    )
    expected = rows + SMALL_COMMITS - count_deleted(rows)
    got = scalar(con, "SELECT count(*) FROM t")
    if got != expected:
        raise SystemExit(f"{store.name}: expected {expected} rows after writes, got {got}")

    # ---- capabilities
    res.caps["time travel AT (VERSION => n)"] = probe(
        lambda: scalar(con, f"SELECT count(*) FROM t AT (VERSION => {load_version or 1})") == rows
    )
    res.caps["time travel AT (TIMESTAMP => ts)"] = probe(
        lambda: (
            scalar(con, f"SELECT count(*) FROM t AT (TIMESTAMP => TIMESTAMPTZ '{load_time}')")
            == rows
        )
    )
    res.caps["snapshot listing"] = probe(
        lambda: scalar(con, "SELECT count(*) FROM ducklake_snapshots('lake')") > SMALL_COMMITS
    )
    res.caps["rollback of a 2-table transaction"] = probe(lambda: two_table_rollback(con))
    res.caps["2nd process opens+writes while 1st holds it"] = second_process(store, con)
    res.caps["data files are plain Parquet (pyarrow)"] = (
        parquet_check(con, rows) if lake else "no (single DuckDB file format)"
    )
    con.close()
    res.sizes["bytes at end (after writes)"], res.sizes["parquet files at end"] = dir_bytes(
        store.root
    )
    return res


def count_deleted(rows: int) -> int:
    """Rows of the original range with id % 100 == 1 (the small inserts are never hit:
    their ids start at ``rows``, so count those too)."""
    base = sum(1 for _ in range(1, rows, 100))
    extra = sum(1 for rid in range(rows, rows + SMALL_COMMITS) if rid % 100 == 1)
    return base + extra


def two_table_rollback(con: duckdb.DuckDBPyConnection) -> bool:
    both = "SELECT (SELECT count(*) FROM t), (SELECT count(*) FROM t2)"
    before = con.execute(both).fetchall()[0]
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO t2 VALUES (100), (101)")
    con.execute("DELETE FROM t WHERE id < 1000")
    con.execute("ROLLBACK")
    after = con.execute(both).fetchall()[0]
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO t2 VALUES (200)")
    con.execute("UPDATE t SET k = k WHERE id = 5")
    con.execute("COMMIT")
    committed = scalar(con, "SELECT count(*) FROM t2")
    return bool(before == after and committed == before[1] + 1)


CHILD = """
import json, sys
sys.path.insert(0, {bench_dir!r})
from storage_formats import open_spec
con = open_spec(json.loads(sys.argv[1]))
con.execute("INSERT INTO t2 VALUES (999)")
print(con.execute("SELECT count(*) FROM t2").fetchall()[0][0])
"""


def second_process(store: Store, con: duckdb.DuckDBPyConnection) -> str:
    """Another OS process opens the same store (read-write) while ``con`` is still open
    and inserts one row; the first process must then see it."""
    before = scalar(con, "SELECT count(*) FROM t2")
    code = CHILD.format(bench_dir=os.path.dirname(os.path.abspath(__file__)))
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, json.dumps(store.spec())],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return "no (timed out)"
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
        return f"no ({short_error(RuntimeError(lines[-1])) if lines else proc.returncode})"
    after = scalar(con, "SELECT count(*) FROM t2")
    return "yes" if after == before + 1 else f"partly (child ok, parent sees {after - before})"


def parquet_check(con: duckdb.DuckDBPyConnection, rows: int) -> str:
    import pyarrow.parquet as pq

    files = con.execute(
        "SELECT data_file, delete_file FROM ducklake_list_files('lake', 't')"
    ).fetchall()
    if not files:
        return "no data files (all inlined)"
    n = 0
    for data_file, _delete_file in files:
        tbl = pq.read_table(data_file)
        n += tbl.num_rows
        names = set(tbl.schema.names)
        if not {"st", "l"} <= names:
            return f"no (columns {sorted(names)})"
    deletes = sum(1 for _d, dl in files if dl)
    return f"yes ({len(files)} data files, {n} rows, {deletes} with delete files)"


# --------------------------------------------------------------------------- report


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024:
            return f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def human_time(s: float) -> str:
    return f"{s * 1000:.2f} ms" if s < 1 else f"{s:.2f} s"


def render(results: list[Result], rows: int, sqlite_note: str) -> str:
    base = results[0]
    names = [r.name for r in results]
    head = "| metric | " + " | ".join(names) + " |"
    sep = "|---|" + "---|" * len(names)
    out = [
        f"DuckDB {duckdb.__version__}, {rows:,} rows, {os.cpu_count()} CPUs. "
        f"Cells: ratio vs native (absolute).",
        "",
        head,
        sep,
    ]
    for key, ref in base.times.items():
        cells = [human_time(ref)]
        for r in results[1:]:
            v = r.times[key]
            cells.append(f"{v / ref:.2f}x ({human_time(v)})" if ref > 0 else human_time(v))
        out.append(f"| {key} | " + " | ".join(cells) + " |")
    for key, ref_n in base.sizes.items():
        fmt: Callable[[float], str] = human_bytes if key.startswith("bytes") else str
        cells = [fmt(ref_n)]
        for r in results[1:]:
            v = r.sizes[key]
            cells.append(f"{v / ref_n:.2f}x ({fmt(v)})" if ref_n else fmt(v))
        out.append(f"| {key} | " + " | ".join(cells) + " |")
    out += ["", "| capability | " + " | ".join(names) + " |", sep]
    for key in base.caps:
        out.append(f"| {key} | " + " | ".join(r.caps[key] for r in results) + " |")
    if sqlite_note:
        out += ["", sqlite_note]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rows", type=int, default=500_000, help="rows in the bulk load")
    ap.add_argument("--out", help="also write the markdown report to this file")
    ap.add_argument("--sqlite-ext", help="path to sqlite_scanner.duckdb_extension")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args(argv)

    lake_ext = find_extension("ducklake")
    sqlite_ext = find_sqlite_extension(args.sqlite_ext) if lake_ext else None
    tmp = tempfile.mkdtemp(prefix="bqhouse-storage-bench-")
    stores = [Store("native", "native", os.path.join(tmp, "native"))]
    sqlite_note = ""
    if lake_ext:
        stores.append(Store("lake", "ducklake", os.path.join(tmp, "lake"), lake_ext))
        stores.append(
            Store(
                f"lake-inline({INLINE_LIMIT})",
                "ducklake",
                os.path.join(tmp, "inline"),
                lake_ext,
                inline_limit=INLINE_LIMIT,
            )
        )
        if sqlite_ext:
            stores.append(
                Store(
                    "lake-sqlite(WAL)",
                    "ducklake",
                    os.path.join(tmp, "sqlite"),
                    lake_ext,
                    sqlite_ext,
                    catalog="sqlite",
                )
            )
        else:
            sqlite_note = "SQLite catalog not measured: no sqlite_scanner extension found."
    else:
        sqlite_note = (
            f"DuckLake not measured: no ducklake extension for DuckDB {duckdb.__version__}."
        )

    try:
        results = []
        for st in stores:
            print(f"... {st.name}", file=sys.stderr, flush=True)
            results.append(run_store(st, args.rows))
        report = render(results, args.rows, sqlite_note)
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
