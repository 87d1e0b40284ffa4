"""GoogleSQL semantics pinned by rows in ``tests/sql/cases/*.sql``.

File format (after sqlglot's fixtures)::

    -- section header
    # title: unique id of the row
    # doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/...
    # params: [QueryParameter JSON]      (optional, NAMED if they have names)
    # error: invalidQuery                (optional: expected text below is an error substring)
    # notimpl: duckdb                    (optional: strict xfail, a known gap)
    SELECT ...;
    [{"col": 1}];

Results compare as JSON would: numbers by value, dates/times as ISO strings, NUMERIC as strings,
BYTES as base64, NaN/Infinity as strings.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bqhouse import errors
from bqhouse.sql import decode_parameters, translate

CASES_DIR = Path(__file__).parent / "cases"


@dataclass
class Case:
    meta: dict[str, str] = field(default_factory=dict)
    sql: str = ""
    expected: str = ""


def _parse_file(path: Path) -> list[Case]:
    cases: list[Case] = []
    current = Case()
    buffer: list[str] = []
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not buffer and (not stripped or stripped.startswith("--")):
            continue
        if not buffer and stripped.startswith("# ") and ":" in stripped:
            key, value = stripped[2:].split(":", 1)
            current.meta[key.strip()] = value.strip()
            continue
        buffer.append(line)
        if stripped.endswith(";"):
            text = "\n".join(buffer).strip()[:-1]
            buffer = []
            if not current.sql:
                current.sql = text
            else:
                current.expected = text
                cases.append(current)
                current = Case()
    assert not buffer and not current.sql, f"{path.name}: unterminated case {current.meta}"
    return cases


def _params() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.sql")):
        for case in _parse_file(path):
            title = case.meta.get("title", case.sql[:40])
            marks = []
            if "notimpl" in case.meta:
                marks.append(pytest.mark.xfail(reason=f"not implemented: {title}", strict=True))
            params.append(pytest.param(case, id=f"{path.stem}: {title}", marks=marks))
    return params


def _json_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        # The REST API prints NUMERIC without trailing zeros ("2.5", not "2.500000000").
        return format(value.normalize(), "f")
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value).replace("inf", "Infinity").replace("nan", "NaN")
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("ATTACH ':memory:' AS lake")
    connection.execute('CREATE SCHEMA lake."p.ds"')
    return connection


def _run(con: duckdb.DuckDBPyConnection, case: Case) -> list[dict[str, Any]]:
    raw_params = case.meta.get("params")
    bound = None
    if raw_params:
        query_parameters = json.loads(raw_params)
        mode = "NAMED" if all(p.get("name") for p in query_parameters) else "POSITIONAL"
        bound = decode_parameters(query_parameters, mode)
    statements = translate(case.sql, default_project="p", default_dataset="ds", parameters=bound)
    rows: list[dict[str, Any]] = []
    cursor = con.cursor()
    for statement in statements:
        cursor.execute(statement.sql, bound.values if bound else None)
        if cursor.description is not None:
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return [_json_value(row) for row in rows]


@pytest.mark.parametrize("case", _params())
def test_case(con: duckdb.DuckDBPyConnection, case: Case) -> None:
    assert case.meta.get("doc", "").startswith(
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/"
    ), "every case needs a # doc: link to the GoogleSQL reference"
    if "error" in case.meta:
        with pytest.raises((errors.BigQueryError, duckdb.Error)) as info:
            _run(con, case)
        if isinstance(info.value, errors.BigQueryError):
            assert info.value.reason == case.meta["error"]
        assert case.expected in str(info.value)
        return
    assert _run(con, case) == json.loads(case.expected)


def test_every_title_is_unique() -> None:
    titles = [p.id for p in _params()]
    assert len(titles) == len(set(titles))
    assert len(titles) >= 60
