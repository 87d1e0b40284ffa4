"""BigQuery Storage Read API through the official client over a real gRPC channel."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import types


def _session(
    read_client: Any, table: str, *, streams: int = 1, avro: bool = False, **options: Any
) -> types.ReadSession:
    p, d, t = table.split(".")
    return read_client.create_read_session(
        parent=f"projects/{p}",
        read_session=types.ReadSession(
            table=f"projects/{p}/datasets/{d}/tables/{t}",
            data_format=types.DataFormat.AVRO if avro else types.DataFormat.ARROW,
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


# ---- lazily scanned sessions and response boundaries -------------------------------------------


@pytest.fixture
def flat(client: bigquery.Client, dataset: str) -> str:
    """Every column type a lake table is scanned lazily with, NULLs, Parquet plus inlined rows,
    and deleted rows (a delete file)."""
    table = f"{dataset}.flat"
    client.query(
        f"CREATE TABLE `{table}` AS SELECT n, n / 4 AS f, CONCAT('row-', CAST(n AS STRING)) AS s, "
        "MOD(n, 2) = 0 AS b, CAST(CAST(n AS STRING) AS BYTES) AS by, "
        "CAST(n AS NUMERIC) / 8 AS num, "
        "DATE_ADD(DATE '2024-01-31', INTERVAL MOD(n, 900) DAY) AS d, "
        "TIME '12:34:56.789' AS tm, "
        "DATETIME_ADD(DATETIME '2024-02-03 04:05:06.5', INTERVAL n SECOND) AS dt, "
        "TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00+00', INTERVAL n SECOND) AS ts, "
        "IF(MOD(n, 5) = 0, NULL, n) AS maybe FROM UNNEST(GENERATE_ARRAY(1, 60000)) AS n"
    ).result()
    client.query(f"DELETE FROM `{table}` WHERE MOD(n, 7) = 3").result()
    client.query(
        f"INSERT INTO `{table}` (n, s) VALUES (-1, 'inlined'), (-2, NULL), (-3, 'inlined')"
    ).result()
    return table


def _read_all(read_client: Any, session: types.ReadSession) -> pa.Table:
    return pa.concat_tables(
        [read_client.read_rows(s.name).to_arrow(session) for s in session.streams]
    )


def _expected_n() -> list[int]:
    return sorted([n for n in range(1, 60001) if n % 7 != 3] + [-1, -2, -3])


def test_lazy_session_is_scanned_not_materialised(
    bigquery_emulator: Any, bigquery_read_client: Any, flat: str
) -> None:
    from bqhouse.grpc.read import ReadService

    service = ReadService(bigquery_emulator.server.warehouse)
    p, d, t = flat.split(".")
    request = types.CreateReadSessionRequest.pb(
        types.CreateReadSessionRequest(
            parent=f"projects/{p}",
            read_session=types.ReadSession(
                table=f"projects/{p}/datasets/{d}/tables/{t}", data_format=types.DataFormat.ARROW
            ),
            max_stream_count=1,
        )
    )
    session = service.create_read_session(request)
    assert service.sessions[session.name].rows.scanned
    assert session.estimated_row_count == len(_expected_n())
    # A row restriction (or a snapshot time, or a query result) is read at creation instead.
    request.read_session.read_options.row_restriction = "n > 0"
    session = service.create_read_session(request)
    assert not service.sessions[session.name].rows.scanned


def test_lazy_session_returns_what_a_materialised_one_does(
    bigquery_read_client: Any, flat: str
) -> None:
    lazy = _session(bigquery_read_client, flat, streams=3)
    eager = _session(bigquery_read_client, flat, row_restriction="TRUE")  # materialised
    assert lazy.arrow_schema.serialized_schema == eager.arrow_schema.serialized_schema
    assert lazy.estimated_row_count == eager.estimated_row_count == len(_expected_n())
    got = _read_all(bigquery_read_client, lazy)
    expected = _read_all(bigquery_read_client, eager)
    assert got.schema == expected.schema
    assert got.sort_by("n").equals(expected.sort_by("n"))
    assert got.column("n").to_pylist() == expected.column("n").to_pylist()  # the same order
    assert sorted(got.column("n").to_pylist()) == _expected_n()


def test_lazy_session_reads_its_snapshot_while_writes_go_on(
    bigquery_read_client: Any, client: bigquery.Client, flat: str
) -> None:
    session = _session(bigquery_read_client, flat, streams=4)
    client.query(f"DELETE FROM `{flat}` WHERE n < 30000").result()
    client.query(f"INSERT INTO `{flat}` (n) VALUES (-100)").result()
    client.query(f"UPDATE `{flat}` SET s = 'changed' WHERE n > 50000").result()
    client.query(f"ALTER TABLE `{flat}` DROP COLUMN maybe").result()
    old = _read_all(bigquery_read_client, session)
    assert sorted(old.column("n").to_pylist()) == _expected_n()
    assert "changed" not in old.column("s").to_pylist()
    assert old.column_names[-1] == "maybe"
    new = _read_all(bigquery_read_client, _session(bigquery_read_client, flat, streams=2))
    assert min(new.column("n").to_pylist()) == -100
    assert "maybe" not in new.column_names


def test_lazy_session_split_and_offsets(bigquery_read_client: Any, flat: str) -> None:
    session = _session(bigquery_read_client, flat)
    stream = session.streams[0].name
    whole = bigquery_read_client.read_rows(stream).to_arrow(session).column("n").to_pylist()
    split = bigquery_read_client.split_read_stream(
        types.SplitReadStreamRequest(name=stream, fraction=0.5)
    )
    parts = [
        bigquery_read_client.read_rows(s.name).to_arrow(session).column("n").to_pylist()
        for s in (split.primary_stream, split.remainder_stream)
    ]
    assert parts[0] + parts[1] == whole
    rest = bigquery_read_client.read_rows(split.remainder_stream.name, offset=11).to_arrow(session)
    assert rest.column("n").to_pylist() == parts[1][11:]
    with pytest.raises(exceptions.InvalidArgument, match="out of range"):
        list(bigquery_read_client.read_rows(stream, offset=len(whole) + 1))


@pytest.mark.parametrize("restriction", ["", "TRUE"], ids=["scanned", "materialised"])
def test_offsets_resume_across_response_boundaries(
    bigquery_read_client: Any, flat: str, restriction: str
) -> None:
    from bqhouse.grpc.read import BATCH_BYTES

    session = _session(bigquery_read_client, flat, row_restriction=restriction)
    stream = session.streams[0].name
    responses = list(bigquery_read_client.read_rows(stream))
    sizes = [r.row_count for r in responses]
    assert len(sizes) >= 3 and sum(sizes) == len(_expected_n())
    payloads = [len(r.arrow_record_batch.serialized_record_batch) for r in responses]
    assert max(payloads) <= 2 * BATCH_BYTES  # a response is about BATCH_BYTES, never the table
    progress = [r.stats.progress for r in responses]
    assert progress[0].at_response_start == 0.0 and progress[-1].at_response_end == 1.0
    assert all(
        a.at_response_end == b.at_response_start
        for a, b in zip(progress, progress[1:], strict=False)
    )
    whole = bigquery_read_client.read_rows(stream).to_arrow(session).column("n").to_pylist()
    first, second = sizes[0], sizes[0] + sizes[1]
    for offset in (first - 1, first, first + 1, second + 7, len(whole) - 1, len(whole)):
        rest = bigquery_read_client.read_rows(stream, offset=offset).to_arrow(session)
        assert rest.column("n").to_pylist() == whole[offset:], offset


def test_lazy_avro_session_returns_what_a_materialised_one_does(
    bigquery_read_client: Any, flat: str
) -> None:
    lazy = _session(bigquery_read_client, flat, streams=2, avro=True)
    eager = _session(bigquery_read_client, flat, avro=True, row_restriction="TRUE")
    assert lazy.avro_schema.schema == eager.avro_schema.schema

    def rows(session: types.ReadSession) -> list[dict[str, Any]]:
        return [
            row
            for stream in session.streams
            for row in bigquery_read_client.read_rows(stream.name).rows(session)
        ]

    assert sorted(rows(lazy), key=lambda r: r["n"]) == sorted(rows(eager), key=lambda r: r["n"])
