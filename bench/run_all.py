"""Run every benchmark in bench/ as one command, print all their tables and write RESULTS.md.

Usage::

    python bench/run_all.py [--quick] [--only NAME] [--out FILE] [--json-dir DIR]
        [--results bench/RESULTS.md] [--no-results]

``--quick`` uses small sizes (what CI runs; a few minutes on 2 cores). Each bench runs in its
own subprocess with the same interpreter, one after the other (never in parallel: they would
disturb each other's timings). A bench that crashes is reported and the others still run; the
exit status is non-zero if any crashed. No wall-clock threshold is asserted: every number is a
ratio against a limit measured in the same run, for reading. At the end ``report.py`` writes
``bench/RESULTS.md`` (date, versions, machine, every table) and ``bench/results.png`` (the
per-query TPC-H ratios and the other ratios; skipped when matplotlib is missing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import report

HERE = Path(__file__).resolve().parent

# name -> (script, full args, quick args); json_flag is added when --json-dir is given.
BENCHES: dict[str, tuple[str, list[str], list[str]]] = {
    "tpch": ("tpch.py", ["--sf", "1", "--reps", "3"], ["--quick"]),
    "rest_api": ("rest_api.py", [], ["--quick"]),
    "storage_read": ("storage_read.py", [], ["--quick"]),
    "storage_write": ("storage_write.py", [], ["--quick"]),
    "workloads": ("workloads.py", [], ["--quick"]),
    "storage_formats": ("storage_formats.py", [], ["--rows", "20000"]),
}
JSON_BENCHES = {"tpch", "rest_api", "storage_read", "storage_write", "workloads"}


def run_one(name: str, quick: bool, json_dir: Path | None) -> tuple[int, str, float]:
    script, full_args, quick_args = BENCHES[name]
    cmd = [sys.executable, str(HERE / script), *(quick_args if quick else full_args)]
    if json_dir is not None and name in JSON_BENCHES:
        cmd += ["--json", str(json_dir / f"{name}.json")]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    text = proc.stdout
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        text += f"\n**{name} crashed (exit {proc.returncode})**\n\n```\n{tail}\n```\n"
    return proc.returncode, text, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="small sizes (CI)")
    ap.add_argument("--only", action="append", choices=sorted(BENCHES), help="run just these")
    ap.add_argument("--out", help="also write the combined markdown report here")
    ap.add_argument("--json-dir", help="benches that support it write JSON results here")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"), help="report to write")
    ap.add_argument("--no-results", action="store_true", help="do not write RESULTS.md/PNG")
    args = ap.parse_args(argv)
    json_dir = Path(args.json_dir or tempfile.mkdtemp(prefix="bqhouse-bench-json-"))
    json_dir.mkdir(parents=True, exist_ok=True)

    sections = []
    titled: list[tuple[str, str]] = []
    failed = []
    t0 = time.perf_counter()
    for name in args.only or list(BENCHES):
        print(f"... {name}", file=sys.stderr, flush=True)
        code, text, elapsed = run_one(name, args.quick, json_dir)
        if code:
            failed.append(name)
        section = f"## {name} ({elapsed:.0f} s)\n\n{text.strip()}\n"
        print(section, flush=True)
        sections.append(section)
        titled.append((f"{name} ({elapsed:.0f} s)", text))
    total = time.perf_counter() - t0
    footer = f"Total {total:.0f} s on {os.cpu_count()} CPUs" + (
        f"; crashed: {', '.join(failed)}" if failed else ""
    )
    print(footer)
    if args.out:
        Path(args.out).write_text("\n".join(sections) + "\n" + footer + "\n", encoding="utf-8")
    if not args.no_results:
        results = Path(args.results)
        mode = "quick" if args.quick else "full"
        report.write_report(
            json_dir, titled, results, results.with_name("results.png"), mode, total
        )
        print(f"wrote {results} and {results.with_name('results.png').name}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
