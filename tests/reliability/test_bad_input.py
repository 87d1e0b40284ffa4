"""Bad input gets BigQuery's error and changes nothing.

Every case checks the HTTP status, the error reason and a piece of the message, then that the
target table still has its rows (count and checksum) and no dataset or table appeared.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from serverproc import PROJECT, ServerProcess

BASE = f"/bigquery/v2/projects/{PROJECT}"
INSERT = f"{BASE}/datasets/bad/tables/t/insertAll"
CHECK = "SELECT COUNT(*), SUM(id), STRING_AGG(name, ',' ORDER BY id) FROM bad.t"
tried: list[str] = []


@pytest.fixture(scope="module")
def http(live: ServerProcess) -> Iterator[httpx.Client]:
    client = live.client()
    client.create_dataset("bad", exists_ok=True)
    schema = [
        bigquery.SchemaField("id", "INT64"),
        bigquery.SchemaField("name", "STRING"),
        bigquery.SchemaField("n", "NUMERIC"),
    ]
    client.create_table(bigquery.Table(f"{PROJECT}.bad.t", schema=schema), exists_ok=True)
    client.query_and_wait("INSERT bad.t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    with httpx.Client(base_url=live.url, timeout=120) as http:
        yield http


def snapshot(live: ServerProcess) -> tuple[Any, ...]:
    client = live.client()
    row = list(client.query_and_wait(CHECK))[0]
    tables = sorted(t.table_id for t in client.list_tables("bad"))
    datasets = sorted(d.dataset_id for d in client.list_datasets())
    return (*row.values(), tables, datasets)


def assert_error(response: httpx.Response, status: int, reason: str, fragment: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == status
    assert error["errors"][0]["reason"] == reason, error
    assert fragment in error["message"], error["message"]


def deep(levels: int) -> list[dict[str, Any]]:
    field: dict[str, Any] = {"name": "leaf", "type": "INT64"}
    for i in range(levels - 1):
        field = {"name": f"r{i}", "type": "RECORD", "fields": [field]}
    return [field]


ROW = {"insertId": "x", "json": {"id": 9, "name": "z"}}
# (id, method, path, request kwargs, status, reason, message fragment)
REQUESTS: list[tuple[str, str, str, dict[str, Any], int, str, str]] = [
    ("malformed-json", "POST", INSERT, {"content": b'{"rows": [}'}, 400, "invalid", "JSON"),
    ("json-array", "POST", INSERT, {"content": b"[1, 2]"}, 400, "invalid", "JSON"),
    (
        "wrong-content-type",
        "POST",
        INSERT,
        {"content": orjson.dumps({"rows": [ROW]}), "headers": {"content-type": "text/csv"}},
        400,
        "invalid",
        "content type",
    ),
    (
        "non-utf8-bytes",
        "POST",
        INSERT,
        {"content": b'{"rows": [{"json": {"id": 1, "name": "\xff\xfe"}}]}'},
        400,
        "invalid",
        "JSON",
    ),
    (
        "payload-over-10mb",
        "POST",
        INSERT,
        {"content": b'{"rows": [' + b" " * (10 * 1024 * 1024) + b"]}"},
        413,
        "invalid",
        "Request payload size exceeds the limit: 10485760 bytes.",
    ),
    (
        "insertall-over-50000-rows",
        "POST",
        INSERT,
        {"json": {"rows": [{"json": {"id": 1}}] * 50_001}},
        400,
        "invalid",
        "too many rows present in the request, limit: 50000",
    ),
    (
        "query-over-1024k-chars",
        "POST",
        f"{BASE}/queries",
        {"json": {"query": "SELECT 1 " + "-" * (1024 * 1024), "useLegacySql": False}},
        400,
        "invalid",
        "The query is too large.",
    ),
    (
        "invalid-table-name",
        "POST",
        f"{BASE}/datasets/bad/tables",
        {"json": {"tableReference": {"projectId": PROJECT, "datasetId": "bad", "tableId": "a/b"}}},
        400,
        "invalid",
        "",
    ),
    (
        "invalid-dataset-name",
        "POST",
        f"{BASE}/datasets",
        {"json": {"datasetReference": {"projectId": PROJECT, "datasetId": "no spaces!"}}},
        400,
        "invalid",
        "",
    ),
    (
        "nesting-over-15",
        "POST",
        f"{BASE}/datasets/bad/tables",
        {
            "json": {
                "tableReference": {"projectId": PROJECT, "datasetId": "bad", "tableId": "deep"},
                "schema": {"fields": deep(16)},
            }
        },
        400,
        "invalid",
        "nesting",
    ),
    (
        "over-10000-columns",
        "POST",
        f"{BASE}/datasets/bad/tables",
        {
            "json": {
                "tableReference": {"projectId": PROJECT, "datasetId": "bad", "tableId": "wide"},
                "schema": {"fields": [{"name": f"c{i}", "type": "INT64"} for i in range(10_001)]},
            }
        },
        400,
        "invalid",
        "10000",
    ),
    ("unknown-route", "GET", f"{BASE}/nothing/here", {}, 404, "notFound", "Not found"),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "reason", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in REQUESTS],
)
def test_refused_request(
    live: ServerProcess,
    http: httpx.Client,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    reason: str,
    fragment: str,
) -> None:
    before = snapshot(live)
    assert_error(http.request(method, path, **kwargs), status, reason, fragment)
    assert snapshot(live) == before
    tried.append(path)


# insertAll rows that are refused one by one: (id, row json, message fragment)
BAD_ROWS: list[tuple[str, dict[str, Any], str]] = [
    ("unknown-field", {"id": 5, "nope": 1}, "no such field"),
    ("wrong-type-int", {"id": "five"}, ""),
    ("wrong-type-struct-for-string", {"id": 5, "name": {"a": 1}}, ""),
    ("huge-integer", {"id": 2**70}, ""),
    ("nan-numeric", {"id": 5, "n": "NaN"}, ""),
    ("numeric-too-precise", {"id": 5, "n": "1e40"}, ""),
]


@pytest.mark.parametrize(
    ("row", "fragment"), [pytest.param(*case[1:], id=case[0]) for case in BAD_ROWS]
)
def test_refused_row(live: ServerProcess, http: httpx.Client, row: Any, fragment: str) -> None:
    before = snapshot(live)
    body = {"rows": [{"json": row}, {"json": {"id": 100, "name": "good"}}]}
    response = http.post(INSERT, json=body)
    assert response.status_code == 200, response.text
    found = {e["index"]: e["errors"][0] for e in response.json()["insertErrors"]}
    assert found[0]["reason"] == "invalid" and fragment in found[0]["message"].lower(), found
    # Without skipInvalidRows the good row is not written either: it reports "stopped".
    assert found[1]["reason"] == "stopped"
    assert snapshot(live) == before
    tried.append(f"row {row}")


def test_unknown_values_ignored_and_invalid_rows_skipped(
    live: ServerProcess, http: httpx.Client
) -> None:
    client = live.client()
    client.query_and_wait("CREATE TABLE bad.kept (id INT64)")
    body = {
        "ignoreUnknownValues": True,
        "skipInvalidRows": True,
        "rows": [{"json": {"id": 1, "extra": "x"}}, {"json": {"id": "bad"}}, {"json": {"id": 3}}],
    }
    response = http.post(f"{BASE}/datasets/bad/tables/kept/insertAll", json=body).json()
    assert [e["index"] for e in response["insertErrors"]] == [1]
    assert sorted(r[0] for r in client.query_and_wait("SELECT id FROM bad.kept")) == [1, 3]
    client.query_and_wait("DROP TABLE bad.kept")
    tried.append("ignoreUnknownValues+skipInvalidRows")


def load_csv(live: ServerProcess, text: str, **config: Any) -> bigquery.LoadJob:
    job_config = bigquery.LoadJobConfig(source_format="CSV", **config)
    job = live.client().load_table_from_file(
        io.BytesIO(text.encode()), "bad.t", job_config=job_config
    )
    with contextlib.suppress(exceptions.GoogleAPICallError):
        job.result()
    return job


def test_csv_bad_rows_over_max_bad_records(live: ServerProcess) -> None:
    before = snapshot(live)
    job = load_csv(live, "7,g,1\nx,h,2\ny,i,3\n", max_bad_records=1)
    assert job.error_result is not None and job.error_result["reason"] == "invalid", job.errors
    assert snapshot(live) == before
    tried.append("csv over maxBadRecords")


def test_csv_bad_rows_under_max_bad_records(live: ServerProcess) -> None:
    client = live.client()
    client.query_and_wait("CREATE TABLE bad.csv (id INT64, name STRING)")
    job = live.client().load_table_from_file(
        io.BytesIO(b"7,g\nx,h\n8,i\n"),
        "bad.csv",
        job_config=bigquery.LoadJobConfig(source_format="CSV", max_bad_records=1),
    )
    job.result()
    assert sorted(r[0] for r in client.query_and_wait("SELECT id FROM bad.csv")) == [7, 8]
    client.query_and_wait("DROP TABLE bad.csv")
    tried.append("csv under maxBadRecords")


def test_load_schema_mismatch(live: ServerProcess) -> None:
    before = snapshot(live)
    job = load_csv(
        live,
        "1,2\n",
        schema=[bigquery.SchemaField("id", "STRING"), bigquery.SchemaField("x", "INT64")],
    )
    assert job.error_result is not None and job.error_result["reason"] == "invalid", job.errors
    assert snapshot(live) == before
    tried.append("load schema mismatch")


@pytest.mark.parametrize(
    "uri", ["gs://b/../../../etc/passwd", "gs://../etc/passwd", "gs://b/%2e%2e/%2e%2e/x"]
)
def test_load_uri_escaping_bucket_root(live: ServerProcess, uri: str) -> None:
    before = snapshot(live)
    job = live.client().load_table_from_uri(
        uri, "bad.t", job_config=bigquery.LoadJobConfig(source_format="CSV")
    )
    with pytest.raises(exceptions.GoogleAPICallError):
        job.result()
    assert job.error_result is not None
    assert job.error_result["reason"] in ("invalid", "notFound", "accessDenied"), job.errors
    assert snapshot(live) == before
    tried.append(f"uri {uri}")


def test_report_bad_inputs() -> None:
    print(f"\nbad inputs tried: {len(tried)}")
