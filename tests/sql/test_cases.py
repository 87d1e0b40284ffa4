"""GoogleSQL semantics pinned by rows in ``tests/sql/cases/*.sql``.

File format (after sqlglot's fixtures)::

    -- section header
    # title: unique id of the row
    # doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/...
    # params: [QueryParameter JSON]      (optional, NAMED if they have names)
    # error: invalidQuery                (optional: expected text below is an error substring)
    # notimpl: duckdb                    (optional: strict xfail, a known gap)
    # dry_run: true                      (optional: a dry run; its rows are always [])
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

import pytest
from dateutil.relativedelta import relativedelta
from google.api_core import exceptions
from google.cloud import bigquery

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
    if isinstance(value, relativedelta):
        return _interval_text(value)
    return value


def _interval_text(value: relativedelta) -> str:
    """BigQuery's canonical INTERVAL text, "Y-M D H:M:S[.F]" (the client hands relativedelta)."""
    months = value.years * 12 + value.months
    year_month = f"{'-' if months < 0 else ''}{abs(months) // 12}-{abs(months) % 12}"
    micros = ((value.hours * 60 + value.minutes) * 60 + value.seconds) * 1_000_000
    micros += value.microseconds
    sign = "-" if micros < 0 else ""
    seconds, fraction = divmod(abs(micros), 1_000_000)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    text = f"{year_month} {value.days} {sign}{hours}:{minute}:{second}"
    return text + (f".{fraction:06d}".rstrip("0") if fraction else "")


@pytest.fixture(scope="module")
def conformance_dataset(bigquery_client: bigquery.Client) -> str:
    dataset = bigquery_client.create_dataset("ds", exists_ok=True)
    return f"{dataset.project}.{dataset.dataset_id}"


def _run(client: bigquery.Client, dataset: str, case: Case) -> list[dict[str, Any]]:
    """Run the case through the real client against the server: what a user would see."""
    config = bigquery.QueryJobConfig(default_dataset=dataset, use_query_cache=False)
    raw_params = case.meta.get("params")
    if raw_params:
        # Sent as the REST QueryParameter JSON, exactly as written in the case file.
        parameters = json.loads(raw_params)
        config._properties["query"]["queryParameters"] = parameters
        named = all(p.get("name") for p in parameters)
        config._properties["query"]["parameterMode"] = "NAMED" if named else "POSITIONAL"
    if case.meta.get("dry_run") == "true":
        config.dry_run = True
        client.query(case.sql, job_config=config)  # raises what the dry run found
        return []
    rows = client.query_and_wait(case.sql, job_config=config)
    return [_json_value(dict(row.items())) for row in rows]


@pytest.mark.parametrize("case", _params())
def test_case(bigquery_client: bigquery.Client, conformance_dataset: str, case: Case) -> None:
    assert case.meta.get("doc", "").startswith(
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/"
    ), "every case needs a # doc: link to the GoogleSQL reference"
    if "error" in case.meta:
        with pytest.raises(exceptions.GoogleAPICallError) as info:
            _run(bigquery_client, conformance_dataset, case)
        assert info.value.errors and info.value.errors[0]["reason"] == case.meta["error"]
        assert case.expected in info.value.message
        return
    assert _run(bigquery_client, conformance_dataset, case) == json.loads(case.expected)


def test_every_title_is_unique() -> None:
    titles = [p.id for p in _params()]
    assert len(titles) == len(set(titles))
    assert len(titles) >= 60
