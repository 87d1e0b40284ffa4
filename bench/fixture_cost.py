"""What a test's own dataset costs, step by step, as a lake grows (task: per-test fixture cost).

Usage::

    python bench/fixture_cost.py [--existing 0,100,500] [--reps 10] [--json OUT]
        [--ab BASE_SRC]

For each count N of tables already in the lake (made in one transaction, in other datasets), an
in-process server (as ``bqhouse.testing``'s session fixture runs it) and the real client time,
``--reps`` times, what a typical test does with its ``bigquery_dataset``:

create dataset; create table (REST ``tables.insert``); insertAll of 10 rows; first query; second
query; ``CREATE TABLE ... AS SELECT`` via a query job; the query after it; delete the dataset with
its contents. And the bare fixture (create + delete). Medians in ms, with min-max.

``--ab BASE_SRC`` is an A/B run: a copy of ``src`` to compare against (e.g. the tree before a
change) and this checkout's ``src``, each in a child process holding the same lake sizes, run one
test at a time in turn (so load on the machine hits both alike); cells are ``A -> B ms (B/A)``
medians.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = "bench-project"
STEPS = (
    "create dataset",
    "create table (REST)",
    "insertAll 10 rows",
    "first query",
    "second query",
    "CTAS (query job)",
    "query after CTAS",
    "delete dataset (contents)",
    "fixture create+delete",
)


def populate(warehouse: Any, existing: int, per_dataset: int = 50) -> None:
    """``existing`` tables with their metadata rows, in one commit per dataset of 50."""
    from bqhouse.storage.lake import LAKE, quote, schema_name

    made = 0
    d = 0
    while made < existing:
        dataset = f"other_{d}"
        warehouse.catalog.create_dataset(PROJECT, dataset, {})
        with warehouse.lake.transaction() as cur:
            for _ in range(min(per_dataset, existing - made)):
                table = f"t{made}"
                cur.execute(
                    f"CREATE TABLE {LAKE}.{quote(schema_name(PROJECT, dataset))}.{quote(table)} "
                    "(id BIGINT, name VARCHAR)"
                )
                warehouse.catalog.put_table_meta(
                    cur, PROJECT, dataset, table, {"tableReference": {"tableId": table}}
                )
                made += 1
        d += 1


def one_test(
    client: Any, results: dict[str, list[float]], on_step: Callable[[str], None] | None = None
) -> None:
    from google.cloud import bigquery

    def step(name: str, fn: Callable[[], Any]) -> Any:
        if on_step is not None:
            on_step(name)
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        results.setdefault(name, []).append(time.perf_counter() - t0)
        # CPU seconds of the whole process (client, server, DuckDB threads): what load on a
        # shared machine disturbs least.
        results.setdefault(f"{name} (cpu)", []).append(time.process_time() - c0)
        return out

    name = f"test_{uuid.uuid4().hex[:12]}"
    dataset = step("create dataset", lambda: client.create_dataset(name))
    schema = [bigquery.SchemaField("id", "INT64"), bigquery.SchemaField("name", "STRING")]
    table = step(
        "create table (REST)",
        lambda: client.create_table(bigquery.Table(f"{PROJECT}.{name}.t", schema=schema)),
    )
    rows = [{"id": i, "name": f"n{i}"} for i in range(10)]
    errs = step("insertAll 10 rows", lambda: client.insert_rows_json(table, rows))
    assert not errs, errs
    sql = f"SELECT count(*) AS n, sum(id) AS s FROM `{PROJECT}.{name}.t`"
    for label in ("first query", "second query"):
        got = step(label, lambda: list(client.query(sql).result()))
        assert (got[0]["n"], got[0]["s"]) == (10, 45), got
    ctas = (
        f"CREATE TABLE `{PROJECT}.{name}.t2` AS SELECT id * 2 AS id, name FROM `{PROJECT}.{name}.t`"
    )
    step("CTAS (query job)", lambda: client.query(ctas).result())
    got = step(
        "query after CTAS",
        lambda: list(client.query(f"SELECT sum(id) AS s FROM `{PROJECT}.{name}.t2`").result()),
    )
    assert got[0]["s"] == 90, got
    step(
        "delete dataset (contents)",
        lambda: client.delete_dataset(dataset, delete_contents=True, not_found_ok=True),
    )

    def fixture() -> None:
        d = client.create_dataset(f"test_{uuid.uuid4().hex[:12]}")
        client.delete_dataset(d, delete_contents=True, not_found_ok=True)

    step("fixture create+delete", fixture)


class Lakes:
    """One in-process server per lake size, each lake holding that many other tables."""

    def __init__(self, counts: list[int], tmp: Path) -> None:
        from google.api_core.client_options import ClientOptions
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import bigquery

        from bqhouse.server import BackgroundServer
        from bqhouse.warehouse import Warehouse

        logging.disable(logging.INFO)  # the server's request log
        self.servers: list[Any] = []
        self.clients: dict[int, Any] = {}
        for n in counts:
            warehouse = Warehouse(tmp / f"lake{n}", project=PROJECT)
            populate(warehouse, n)
            server = BackgroundServer(warehouse).start()
            self.servers.append(server)
            self.clients[n] = bigquery.Client(
                project=PROJECT,
                credentials=AnonymousCredentials(),
                client_options=ClientOptions(api_endpoint=server.url),
            )
            one_test(self.clients[n], {name: [] for name in STEPS})  # warm-up: first plans

    def close(self) -> None:
        for server in self.servers:
            server.stop()
            server.warehouse.close()


def worker(counts: list[int]) -> None:
    """``--worker``: build the lakes, then run one test per ``N`` line read, answering its
    step times as a JSON line (A/B runs drive two of these in lock step)."""
    with tempfile.TemporaryDirectory(prefix="bqhouse-fixture-cost-") as tmp:
        lakes = Lakes(counts, Path(tmp))
        print("ready", flush=True)
        for line in sys.stdin:
            results: dict[str, list[float]] = {name: [] for name in STEPS}
            one_test(lakes.clients[int(line)], results)
            print(json.dumps({k: v[0] for k, v in results.items()}), flush=True)
        lakes.close()


def ab(base_src: str, counts: list[int], reps: int) -> dict[str, dict[str, dict[str, list[float]]]]:
    """Two workers, A on ``base_src`` and B on this checkout, one test at a time in turn."""
    here = str(Path(__file__).resolve().parent.parent / "src")
    procs = {}
    for side, src in (("A", base_src), ("B", here)):
        procs[side] = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--existing", ",".join(map(str, counts))],
            env={**os.environ, "PYTHONPATH": src},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
    runs: dict[str, dict[str, dict[str, list[float]]]] = {
        side: {str(n): {name: [] for name in STEPS} for n in counts} for side in procs
    }
    try:
        for proc in procs.values():
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for r in range(reps):
            for n in counts:
                for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                    proc = procs[side]
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write(f"{n}\n")
                    proc.stdin.flush()
                    for name, seconds in json.loads(proc.stdout.readline()).items():
                        runs[side][str(n)].setdefault(name, []).append(seconds)
    finally:
        for proc in procs.values():
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait()
    return runs


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--existing", default="0,100,500")
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--ab", help="a copy of src/ to compare against (A); B is this checkout")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.existing.split(",")]
    if args.worker:
        worker(counts)
        return 0
    print("| step | " + " | ".join(f"{n} existing" for n in counts) + " |")
    print("|---" * (len(counts) + 1) + "|")
    if args.ab:
        runs = ab(args.ab, counts, args.reps)
        for name in [*STEPS, *(f"{step} (cpu)" for step in STEPS)]:
            cells = []
            for n in counts:
                a, b = ms(runs["A"][str(n)][name]), ms(runs["B"][str(n)][name])
                cells.append(f"{a:.1f} -> {b:.1f} ms ({b / a:.2f}x)")
            print(f"| {name} | " + " | ".join(cells) + " |")
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1))
        return 0
    table: dict[str, dict[str, list[float]]] = {
        str(n): {name: [] for name in STEPS} for n in counts
    }
    with tempfile.TemporaryDirectory(prefix="bqhouse-fixture-cost-") as tmp:
        lakes = Lakes(counts, Path(tmp))
        try:
            for _ in range(args.reps):
                for n in counts:
                    one_test(lakes.clients[n], table[str(n)])
        finally:
            lakes.close()
    for name in [*STEPS, *(f"{step} (cpu)" for step in STEPS)]:
        cells = []
        for n in counts:
            samples = [s * 1000 for s in table[str(n)][name]]
            cells.append(
                f"{statistics.median(samples):.1f} ms ({min(samples):.0f}-{max(samples):.0f})"
            )
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
