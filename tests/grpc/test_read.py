"""BigQuery Storage Read API through the official client over a real gRPC channel."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import types


def _session(
    read_client: Any, table: str, *, streams: int = 1, **options: Any
) -> types.ReadSession:
    p, d, t = table.split(".")
    return read_client.create_read_session(
        parent=f"projects/{p}",
        read_session=types.ReadSession(
            table=f"projects/{p}/datasets/{d}/tables/{t}",
            data_format=types.DataFormat.ARROW,
            read_options=types.ReadSession.TableReadOptions(**options),
        ),
        max_stream_count=streams,
    )


@pytest.fixture
def numbers(client: bigquery.Client, dataset: str) -> str:
    table = f"{dataset}.numbers"
    client.query(
        f"CREATE TABLE `{table}` AS SELECT n, CAST(n AS STRING) AS s, "
        "STRUCT(n * 2 AS twice, STRUCT(n * 3 AS thrice, 'x' AS tag) AS deep) AS rec "
        "FROM UNNEST(GENERATE_ARRAY(1, 10000)) AS n"
    ).result()
    return table


def test_multi_stream_read_returns_every_row_once(bigquery_read_client: Any, numbers: str) -> None:
    session = _session(bigquery_read_client, numbers, streams=4)
    assert len(session.streams) == 4
    assert session.estimated_row_count == 10000
    seen: list[int] = []
    for stream in session.streams:
        table = bigquery_read_client.read_rows(stream.name).to_arrow(session)
        seen += table.column("n").to_pylist()
    assert sorted(seen) == list(range(1, 10001))


def test_session_schema_is_bigquery_arrow(bigquery_read_client: Any, numbers: str) -> None:
    session = _session(bigquery_read_client, numbers)
    schema = pa.ipc.read_schema(pa.py_buffer(session.arrow_schema.serialized_schema))
    assert schema.field("n").type == pa.int64()
    assert schema.field("s").type == pa.string()
    assert pa.types.is_struct(schema.field("rec").type)


def test_selected_fields_and_row_restriction_on_nested_data(
    bigquery_read_client: Any, numbers: str
) -> None:
    session = _session(
        bigquery_read_client,
        numbers,
        selected_fields=["rec.deep.thrice", "n"],
        row_restriction="rec.twice > 19990 AND s LIKE '99%'",
    )
    table = bigquery_read_client.read_rows(session.streams[0].name).to_arrow(session)
    assert table.column_names == ["n", "rec"]
    assert table.to_pylist() == [
        {"n": 9996, "rec": {"deep": {"thrice": 29988}}},
        {"n": 9997, "rec": {"deep": {"thrice": 29991}}},
        {"n": 9998, "rec": {"deep": {"thrice": 29994}}},
        {"n": 9999, "rec": {"deep": {"thrice": 29997}}},
    ]


def test_resume_from_offset(bigquery_read_client: Any, numbers: str) -> None:
    session = _session(bigquery_read_client, numbers)
    stream = session.streams[0].name
    whole = bigquery_read_client.read_rows(stream).to_arrow(session)
    rest = bigquery_read_client.read_rows(stream, offset=7000).to_arrow(session)
    assert rest.num_rows == 3000
    assert rest.column("n").to_pylist() == whole.column("n").to_pylist()[7000:]


def test_responses_carry_row_count_and_progress(bigquery_read_client: Any, numbers: str) -> None:
    session = _session(bigquery_read_client, numbers)
    responses = list(bigquery_read_client.read_rows(session.streams[0].name))
    assert sum(r.row_count for r in responses) == 10000
    assert responses[0].arrow_schema.serialized_schema
    assert responses[-1].stats.progress.at_response_end == 1.0


def test_split_read_stream(bigquery_read_client: Any, numbers: str) -> None:
    session = _session(bigquery_read_client, numbers)
    split = bigquery_read_client.split_read_stream(
        types.SplitReadStreamRequest(name=session.streams[0].name, fraction=0.25)
    )
    parts = [
        bigquery_read_client.read_rows(s.name).to_arrow(session).column("n").to_pylist()
        for s in (split.primary_stream, split.remainder_stream)
    ]
    assert len(parts[0]) == 2500
    assert sorted(parts[0] + parts[1]) == list(range(1, 10001))


def test_snapshot_ignores_later_writes(
    bigquery_read_client: Any, client: bigquery.Client, numbers: str
) -> None:
    session = _session(bigquery_read_client, numbers)
    client.query(f"DELETE FROM `{numbers}` WHERE n > 10").result()
    assert (
        bigquery_read_client.read_rows(session.streams[0].name).to_arrow(session).num_rows == 10000
    )


def test_query_to_dataframe_with_storage_client(
    client: bigquery.Client, bigquery_read_client: Any, numbers: str
) -> None:
    job = client.query(f"SELECT n, rec FROM `{numbers}` ORDER BY n")
    frame = job.result(page_size=100).to_dataframe(bqstorage_client=bigquery_read_client)
    assert len(frame) == 10000
    assert frame["n"].tolist() == list(range(1, 10001))
    assert frame["rec"][0]["deep"] == {"thrice": 3, "tag": "x"}


def test_missing_table_is_not_found(bigquery_read_client: Any, dataset: str) -> None:
    with pytest.raises(exceptions.NotFound, match="Not found: Table"):
        _session(bigquery_read_client, f"{dataset}.missing")


def test_unknown_selected_field_is_invalid(bigquery_read_client: Any, numbers: str) -> None:
    with pytest.raises(exceptions.InvalidArgument, match="rec.nope not found"):
        _session(bigquery_read_client, numbers, selected_fields=["rec.nope"])


def test_bad_row_restriction_is_invalid(bigquery_read_client: Any, numbers: str) -> None:
    with pytest.raises(exceptions.InvalidArgument, match="row_restriction"):
        _session(bigquery_read_client, numbers, row_restriction="n >")
