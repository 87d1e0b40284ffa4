"""Fuzzing with a fixed budget: schemathesis on docs/openapi.json finds no 5xx, and random
GoogleSQL expressions and random rows never kill the server and get BigQuery-shaped errors.

``BQHOUSE_FUZZ_EXAMPLES`` (default 10 per operation / 40 SQL cases) sets the budget.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from serverproc import PROJECT, ServerProcess

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EXAMPLES = int(os.environ.get("BQHOUSE_FUZZ_EXAMPLES", "10"))
OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
cases_run: list[str] = []


def test_schemathesis_finds_no_server_error(live: ServerProcess, tmp_path: Path) -> None:
    pytest.importorskip("schemathesis")
    st_bin = shutil.which("st") or str(Path(sys.executable).parent / "st")
    if not Path(st_bin).exists():
        pytest.skip("schemathesis CLI missing")
    live.client().create_dataset("fuzz", exists_ok=True)
    done = subprocess.run(
        [
            st_bin,
            "run",
            str(OPENAPI),
            "--url",
            live.url,
            "--checks",
            "not_a_server_error",
            "--max-examples",
            str(EXAMPLES),
            "--phases",
            "examples,fuzzing",
            "--workers",
            "1",
            "--seed",
            "1",
            "--suppress-health-check",
            "all",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,  # st writes a .schemathesis/ cache into its working directory
    )
    assert live.alive()
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    cases_run.append(f"schemathesis: {done.stdout.strip().splitlines()[-1:]}")


LITERALS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True).map(lambda f: f"CAST('{f}' AS FLOAT64)"),
    st.text(max_size=8).map(lambda s: "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"),
    st.sampled_from(["NULL", "TRUE", "DATE '2024-02-29'", "[1, 2]", "STRUCT(1 AS a)", "b'x'"]),
)
FUNCTIONS = ["ABS", "LENGTH", "UPPER", "SAFE_CAST", "CONCAT", "ARRAY_LENGTH", "DIV", "MOD", "IF"]
OPERATORS = ["+", "-", "*", "/", "||", "=", "<", "AND", "OR", "IN"]


def _expressions() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(OPERATORS), inner).map(lambda t: f"({' '.join(t)})"),
            st.tuples(st.sampled_from(FUNCTIONS), st.lists(inner, max_size=3)).map(
                lambda t: f"{t[0]}({', '.join(t[1])})"
            ),
        )

    return st.recursive(LITERALS, extend, max_leaves=6)


def _assert_bigquery_shaped(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error = response.json()["error"]
        assert {"code", "message", "errors", "status"} <= set(error)
        assert error["errors"][0]["reason"]


def test_random_sql_and_rows(live: ServerProcess) -> None:
    client = live.client()
    client.create_dataset("fz", exists_ok=True)
    client.query_and_wait("CREATE TABLE IF NOT EXISTS fz.t (i INT64, s STRING, n NUMERIC)")
    base = f"{live.url}/bigquery/v2/projects/{PROJECT}"
    http = httpx.Client(timeout=120)

    @settings(
        max_examples=EXAMPLES * 4,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        expr=_expressions(), row=st.dictionaries(st.sampled_from(["i", "s", "n", "x"]), LITERALS)
    )
    def check(expr: str, row: dict[str, Any]) -> None:
        response = http.post(
            f"{base}/queries", json={"query": f"SELECT {expr} AS v", "useLegacySql": False}
        )
        _assert_bigquery_shaped(response)
        response = http.post(
            f"{base}/datasets/fz/tables/t/insertAll", json={"rows": [{"json": row}]}
        )
        _assert_bigquery_shaped(response)
        cases_run.append(expr)

    check()
    http.close()
    assert live.alive()
    print(f"\nfuzz cases run: {len(cases_run)}")
