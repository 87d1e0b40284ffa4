"""ARROW query results: ``query_and_wait(..., query_results_format="ARROW").to_arrow()``.

The first page comes inline in the ``jobs.query`` response as base64 Arrow IPC, the rest over the
Storage Read API from the job's default stream; both must decode to what the JSON rows and a read
session on the result give. Real client, real server, real gRPC.
"""

from __future__ import annotations

import base64
import inspect
import json
from typing import Any

import httpx
import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse.grpc import job_stream
from bqhouse.jobs import arrow_page
from bqhouse.testing import Emulator

pytestmark = pytest.mark.skipif(
    "query_results_format" not in inspect.signature(bigquery.Client.query_and_wait).parameters,
    reason="the installed google-cloud-bigquery has no query_results_format (added in 3.47)",
)

NUMBERS = "SELECT n, CAST(n AS STRING) AS s FROM UNNEST(GENERATE_ARRAY(1, {n})) AS n ORDER BY n"
TYPES = """
SELECT n, n * 0.5 AS f, MOD(n, 2) = 0 AS b, CAST(n AS STRING) AS s,
  CAST(CAST(n AS STRING) AS BYTES) AS by, DATE_ADD(DATE '2024-01-01', INTERVAL n DAY) AS d,
  TIME '12:34:56.123456' AS tm, DATETIME '2024-01-02 03:04:05.678901' AS dt,
  TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00.123456 UTC', INTERVAL n SECOND) AS ts,
  NUMERIC '123.456789012' * n AS num, BIGNUMERIC '1.5' * n AS bn, ST_GEOGPOINT(n, 1) AS g,
  JSON '{"a": [1, 2], "b": null}' AS j, STRUCT(n AS x, STRUCT('y' AS z) AS inner_) AS st,
  [n, n + 1] AS arr, [STRUCT(n AS k)] AS arr_st, IF(MOD(n, 3) = 0, NULL, n) AS maybe,
  CAST(NULL AS STRING) AS nothing
FROM UNNEST(GENERATE_ARRAY(1, 7)) AS n ORDER BY n
"""


def _arrow(client: bigquery.Client, sql: str, read_client: Any, **kwargs: Any) -> pa.Table:
    rows = client.query_and_wait(sql, query_results_format="ARROW", **kwargs)
    return rows.to_arrow(bqstorage_client=read_client)


def _json_path(client: bigquery.Client, sql: str) -> pa.Table:
    return client.query_and_wait(sql).to_arrow(create_bqstorage_client=False)


def _post(emulator: Emulator, body: dict[str, Any]) -> httpx.Response:
    url = f"{emulator.url}/bigquery/v2/projects/{emulator.project}/queries"
    return httpx.post(url, json={"useLegacySql": False, **body}, timeout=120)


def _query(emulator: Emulator, sql: str, **options: Any) -> dict[str, Any]:
    response = _post(emulator, {"query": sql, "queryResultsFormat": "ARROW", **options})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _inline(body: dict[str, Any]) -> pa.Table:
    """The first page of a raw jobs.query response, decoded as the client does."""
    schema = pa.ipc.read_schema(
        pa.py_buffer(base64.b64decode(body["arrowSchema"]["serializedSchema"]))
    )
    if "arrowRecordBatch" not in body:
        return schema.empty_table()
    data = base64.b64decode(body["arrowRecordBatch"]["serializedRecordBatch"])
    return pa.Table.from_batches([pa.ipc.read_record_batch(pa.py_buffer(data), schema)])


def _job_stream(emulator: Emulator, job_id: str) -> str:
    return f"projects/{emulator.project}/locations/US/jobs/{job_id}/streams/_default"


def test_small_result_is_inline_without_the_storage_api(
    bigquery_emulator: Emulator, client: bigquery.Client, bigquery_read_client: Any
) -> None:
    sql = NUMBERS.format(n=1000)
    body = _query(bigquery_emulator, sql)
    assert "rows" not in body and "pageToken" not in body
    assert body["totalRows"] == body["pageRowCount"] == "1000"
    assert _inline(body).column("n").to_pylist() == list(range(1, 1001))
    before = job_stream.READS["job_stream"]
    got = _arrow(client, sql, bigquery_read_client)
    assert job_stream.READS["job_stream"] == before  # the inline page was the whole result
    assert got.equals(_json_path(client, sql))
    assert got.schema.field("n").type == pa.int64()


def test_rows_after_the_first_page_come_from_the_job_stream(
    bigquery_emulator: Emulator, client: bigquery.Client, bigquery_read_client: Any
) -> None:
    sql = NUMBERS.format(n=5000)
    body = _query(bigquery_emulator, sql, maxResults=300)
    assert (body["pageRowCount"], body["pageToken"], body["totalRows"]) == ("300", "300", "5000")
    assert body["jobReference"]["jobId"]
    before = job_stream.READS["job_stream"]
    got = _arrow(client, sql, bigquery_read_client, page_size=300)
    assert job_stream.READS["job_stream"] == before + 1
    assert got.equals(_json_path(client, sql))
    # The page token is also a jobs.getQueryResults token, which keeps answering JSON rows.
    url = f"{bigquery_emulator.url}/bigquery/v2/projects/{bigquery_emulator.project}/queries/"
    page = httpx.get(
        url + body["jobReference"]["jobId"], params={"pageToken": "300", "maxResults": 2}
    )
    assert page.json()["rows"] == [
        {"f": [{"v": "301"}, {"v": "301"}]},
        {"f": [{"v": "302"}, {"v": "302"}]},
    ]


def test_first_page_is_bounded_by_the_response_size_limit(
    bigquery_emulator: Emulator, client: bigquery.Client, bigquery_read_client: Any
) -> None:
    sql = "SELECT n, REPEAT('x', 1000) AS pad FROM UNNEST(GENERATE_ARRAY(1, 3000)) AS n ORDER BY n"
    response = _post(bigquery_emulator, {"query": sql, "queryResultsFormat": "ARROW"})
    assert len(response.content) <= arrow_page.PAGE_BYTES * 4 // 3 + 10_000
    body = response.json()
    first = int(body["pageRowCount"])
    assert 0 < first < 3000 and body["pageToken"] == str(first)
    got = _arrow(client, sql, bigquery_read_client)
    assert got.column("n").to_pylist() == list(range(1, 3001))
    assert set(got.column("pad").to_pylist()) == {"x" * 1000}


def test_max_results_stops_at_the_first_page(
    client: bigquery.Client, bigquery_read_client: Any
) -> None:
    before = job_stream.READS["job_stream"]
    got = _arrow(client, NUMBERS.format(n=500), bigquery_read_client, max_results=10)
    assert got.column("n").to_pylist() == list(range(1, 11))
    assert job_stream.READS["job_stream"] == before


@pytest.mark.parametrize("codec", ["LZ4_FRAME", "ZSTD"])
def test_buffer_compression(
    bigquery_emulator: Emulator, client: bigquery.Client, bigquery_read_client: Any, codec: str
) -> None:
    sql = "SELECT n, 'same text every row' AS s FROM UNNEST(GENERATE_ARRAY(1, 4000)) AS n"
    plain = _query(bigquery_emulator, sql)
    packed = _query(bigquery_emulator, sql, arrowSerializationOptions={"bufferCompression": codec})
    size = len(packed["arrowRecordBatch"]["serializedRecordBatch"])
    assert size * 2 < len(plain["arrowRecordBatch"]["serializedRecordBatch"])
    assert _inline(packed).equals(_inline(plain))
    got = _arrow(client, sql, bigquery_read_client, page_size=1000, compression_codec=codec)
    assert got.equals(_json_path(client, sql))


def test_types_match_the_storage_read_api(
    client: bigquery.Client, bigquery_read_client: Any
) -> None:
    inline = _arrow(client, TYPES, bigquery_read_client)
    streamed = _arrow(client, TYPES, bigquery_read_client, page_size=3)  # 3 inline, 4 streamed
    session = client.query(TYPES).result().to_arrow(bqstorage_client=bigquery_read_client)
    assert inline.equals(streamed)
    assert inline.equals(session)
    assert inline.schema.equals(session.schema, check_metadata=True)
    types = {f.name: f.type for f in inline.schema}
    assert types["ts"] == pa.timestamp("us", tz="UTC")
    assert types["dt"] == pa.timestamp("us")
    assert types["num"] == pa.decimal128(38, 9)
    assert pa.types.is_struct(types["st"]) and pa.types.is_list(types["arr_st"])
    geography = inline.schema.field("g").metadata or {}
    assert geography[b"ARROW:extension:name"] == b"google:sqlType:geography"
    # Values agree with the JSON rows (BIGNUMERIC aside: its Arrow type is narrower there).
    rest = _json_path(client, TYPES)
    for name in inline.column_names:
        if name != "bn":
            assert inline.column(name).to_pylist() == rest.column(name).to_pylist(), name
    assert inline.column("maybe").null_count == 2 and inline.column("nothing").null_count == 7
    assert json.loads(inline.column("j")[0].as_py()) == {"a": [1, 2], "b": None}


def test_empty_result_keeps_its_schema(
    bigquery_emulator: Emulator, client: bigquery.Client, bigquery_read_client: Any
) -> None:
    sql = "SELECT n, 'a' AS s FROM UNNEST([1, 2]) AS n WHERE n > 5"
    body = _query(bigquery_emulator, sql)
    assert "arrowRecordBatch" not in body and "pageToken" not in body
    assert (body["totalRows"], body["pageRowCount"]) == ("0", "0")
    got = _arrow(client, sql, bigquery_read_client)
    assert got.num_rows == 0
    assert got.schema.names == ["n", "s"] and got.schema.field("n").type == pa.int64()


def test_ddl_and_dml_have_no_arrow_rows(
    bigquery_emulator: Emulator, client: bigquery.Client, dataset: str, bigquery_read_client: Any
) -> None:
    body = _query(bigquery_emulator, f"CREATE TABLE `{dataset}.t` (n INT64)")
    assert "arrowRecordBatch" not in body and "arrowSchema" not in body
    rows = client.query_and_wait(
        f"INSERT INTO `{dataset}.t` VALUES (1), (2)", query_results_format="ARROW"
    )
    assert rows.num_dml_affected_rows == 2
    assert rows.to_arrow(bqstorage_client=bigquery_read_client).num_rows == 0
    body = _query(bigquery_emulator, f"DELETE FROM `{dataset}.t` WHERE n = 1")
    assert body["numDmlAffectedRows"] == "1" and "arrowRecordBatch" not in body
    with pytest.raises(exceptions.NotFound):  # a DML job has no result to stream
        list(
            bigquery_read_client.read_rows(
                _job_stream(bigquery_emulator, body["jobReference"]["jobId"])
            )
        )


def test_script_result_is_the_last_select(
    client: bigquery.Client, bigquery_read_client: Any
) -> None:
    sql = "DECLARE k INT64 DEFAULT 3; SELECT 1 AS unused; " + NUMBERS.format(n="100 * k")
    got = _arrow(client, sql, bigquery_read_client, page_size=50)
    assert got.column("n").to_pylist() == list(range(1, 301))
    assert _arrow(client, sql, bigquery_read_client).equals(got)


def test_explicit_destination_is_read_through_a_session(
    bigquery_emulator: Emulator, client: bigquery.Client, dataset: str, bigquery_read_client: Any
) -> None:
    config = bigquery.QueryJobConfig(destination=f"{dataset}.dest")
    sql = NUMBERS.format(n=2000)
    rows = client.query_and_wait(sql, job_config=config, query_results_format="ARROW")
    got = rows.to_arrow(bqstorage_client=bigquery_read_client)
    assert sorted(got.column("n").to_pylist()) == list(range(1, 2001))
    with pytest.raises(exceptions.InvalidArgument, match="explicitly-specified destination"):
        list(bigquery_read_client.read_rows(_job_stream(bigquery_emulator, rows.job_id)))


def test_bad_format_options_are_invalid(bigquery_emulator: Emulator) -> None:
    bad = [
        {"queryResultsFormat": "CSV"},
        {"queryResultsFormat": "ARROW", "arrowSerializationOptions": {"bufferCompression": "GZIP"}},
        {"queryResultsFormat": "ARROW", "arrowSerializationOptions": {"bufferCompression": 7}},
        {"queryResultsFormat": "ARROW", "arrowSerializationOptions": ["ZSTD"]},
        {"queryResultsFormat": ["ARROW"]},
        {
            "queryResultsFormat": "ARROW",
            "arrowSerializationOptions": {"picosTimestampPrecision": "TIMESTAMP_PRECISION_SECONDS"},
        },
    ]
    for options in bad:
        response = _post(bigquery_emulator, {"query": "SELECT 1", **options})
        assert response.status_code == 400, options
        error = response.json()["error"]
        assert error["errors"][0]["reason"] == "invalid"
    ok = _post(bigquery_emulator, {"query": "SELECT 1", "queryResultsFormat": "STRUCT_ENCODING"})
    assert ok.json()["rows"] == [{"f": [{"v": "1"}]}]


def test_job_stream_errors(bigquery_emulator: Emulator, bigquery_read_client: Any) -> None:
    with pytest.raises(exceptions.NotFound):
        list(bigquery_read_client.read_rows(_job_stream(bigquery_emulator, "no_such_job")))
    body = _query(bigquery_emulator, NUMBERS.format(n=10), maxResults=4)
    stream = _job_stream(bigquery_emulator, body["jobReference"]["jobId"])
    with pytest.raises(exceptions.InvalidArgument, match="out of range"):
        list(bigquery_read_client.read_rows(stream, offset=11))
    responses = list(bigquery_read_client.read_rows(stream, offset=4))
    assert responses[0].arrow_schema.serialized_schema  # the schema comes first
    assert sum(r.row_count for r in responses) == 6
    assert list(bigquery_read_client.read_rows(stream, offset=10)) == []


def test_page_bytes_cap_is_below_the_response_limit() -> None:
    assert arrow_page.PAGE_BYTES * 4 // 3 <= 10_000_000


def test_a_job_from_jobs_insert_is_read_whole_from_its_stream(
    client: bigquery.Client, bigquery_read_client: Any
) -> None:
    # BATCH priority is not a jobs.query field: the client inserts a job, waits with
    # getQueryResults(maxResults=0) and reads every row from the job's stream at offset 0.
    config = bigquery.QueryJobConfig(priority=bigquery.QueryPriority.BATCH)
    sql = NUMBERS.format(n=700)
    before = job_stream.READS["job_stream"]
    got = _arrow(client, sql, bigquery_read_client, job_config=config)
    assert job_stream.READS["job_stream"] == before + 1
    assert got.equals(_json_path(client, sql))
