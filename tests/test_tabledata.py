"""tabledata.insertAll and tabledata.list through the real client."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from google.api_core import exceptions
from google.cloud import bigquery

SCHEMA = [
    bigquery.SchemaField("id", "INTEGER", mode="REQUIRED"),
    bigquery.SchemaField("name", "STRING"),
    bigquery.SchemaField("score", "FLOAT"),
    bigquery.SchemaField("ok", "BOOLEAN"),
    bigquery.SchemaField("at", "TIMESTAMP"),
    bigquery.SchemaField("day", "DATE"),
    bigquery.SchemaField("amount", "NUMERIC"),
    bigquery.SchemaField("blob", "BYTES"),
    bigquery.SchemaField("tags", "STRING", mode="REPEATED"),
    bigquery.SchemaField("info", "RECORD", fields=[bigquery.SchemaField("k", "STRING")]),
]

ROW = {
    "id": 1,
    "name": "ada",
    "score": 1.5,
    "ok": True,
    "at": "2024-03-01T12:34:56.123456Z",
    "day": "2024-03-01",
    "amount": "12.345",
    "blob": "aGk=",
    "tags": ["x", "y"],
    "info": {"k": "v"},
}


@pytest.fixture
def table(client: bigquery.Client, dataset: str) -> bigquery.Table:
    return client.create_table(bigquery.Table(f"{dataset}.stream", schema=SCHEMA))


def test_insert_all_and_read_back(client: bigquery.Client, table: bigquery.Table) -> None:
    assert client.insert_rows_json(table, [ROW]) == []
    rows = list(client.list_rows(table))
    assert len(rows) == 1
    got = rows[0]
    assert got["id"] == 1 and got["name"] == "ada" and got["score"] == 1.5 and got["ok"] is True
    assert got["at"] == dt.datetime(2024, 3, 1, 12, 34, 56, 123456, tzinfo=dt.UTC)
    assert got["day"] == dt.date(2024, 3, 1)
    assert got["amount"] == decimal.Decimal("12.345")
    assert got["blob"] == b"hi"
    assert got["tags"] == ["x", "y"]
    assert got["info"] == {"k": "v"}
    assert client.get_table(table).num_rows == 1


def test_bad_row_reports_per_row_error_and_keeps_good_rows(
    client: bigquery.Client, table: bigquery.Table
) -> None:
    bad = {"id": "not-a-number"}
    errors = client.insert_rows_json(table, [ROW, bad, {"name": "no id"}])
    by_index = {e["index"]: e["errors"][0] for e in errors}
    assert by_index[0]["reason"] == "stopped"
    assert by_index[1]["reason"] == "invalid" and by_index[1]["location"] == "id"
    assert "Missing required field" in by_index[2]["message"]
    assert client.get_table(table).num_rows == 0  # nothing written without skipInvalidRows

    errors = client.insert_rows_json(table, [ROW, bad], skip_invalid_rows=True)
    assert [e["index"] for e in errors] == [1]
    assert client.get_table(table).num_rows == 1


def test_unknown_field(client: bigquery.Client, table: bigquery.Table) -> None:
    errors = client.insert_rows_json(table, [{**ROW, "nope": 1}])
    assert "no such field" in errors[0]["errors"][0]["message"]
    assert client.insert_rows_json(table, [{**ROW, "nope": 1}], ignore_unknown_values=True) == []


def test_insert_id_deduplicates(client: bigquery.Client, table: bigquery.Table) -> None:
    client.insert_rows_json(table, [ROW, {**ROW, "id": 2}], row_ids=["a", "b"])
    client.insert_rows_json(table, [ROW, {**ROW, "id": 3}], row_ids=["a", "c"])
    ids = sorted(r["id"] for r in client.list_rows(table))
    assert ids == [1, 2, 3]


def test_insert_into_missing_table(client: bigquery.Client, dataset: str) -> None:
    with pytest.raises(exceptions.NotFound):
        client.insert_rows_json(f"{dataset}.missing", [ROW])


def test_list_rows_paging_and_selected_fields(
    client: bigquery.Client, table: bigquery.Table
) -> None:
    client.insert_rows_json(table, [{**ROW, "id": i} for i in range(25)])
    it = client.list_rows(table, page_size=10, selected_fields=[SCHEMA[0], SCHEMA[1]])
    pages = list(it.pages)
    assert [p.num_items for p in pages] == [10, 10, 5]
    rows = [r for p in client.list_rows(table, page_size=10).pages for r in p]
    assert sorted(r["id"] for r in rows) == list(range(25))
    narrow = list(client.list_rows(table, selected_fields=[SCHEMA[0]], max_results=3))
    assert len(narrow) == 3 and list(narrow[0].keys()) == ["id"]
    started = list(client.list_rows(table, start_index=20))
    assert len(started) == 5
