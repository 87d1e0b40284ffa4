"""Storage Read API options through the official client over real gRPC: buffer compression, Avro,
snapshot_time, expire_time, and the errors for bad values."""

from __future__ import annotations

import datetime
import threading
import time
from decimal import Decimal
from typing import Any

import grpc
import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import types

Codec = types.ArrowSerializationOptions.CompressionCodec


def _request(table: str, **session: Any) -> types.CreateReadSessionRequest:
    p, d, t = table.split(".")
    session.setdefault("data_format", types.DataFormat.ARROW)
    return types.CreateReadSessionRequest(
        parent=f"projects/{p}",
        read_session=types.ReadSession(table=f"projects/{p}/datasets/{d}/tables/{t}", **session),
        max_stream_count=1,
    )


def _compressed(codec: Any) -> dict[str, Any]:
    options = types.ArrowSerializationOptions(buffer_compression=codec)
    return {"read_options": types.ReadSession.TableReadOptions(arrow_serialization_options=options)}


def _read_all(read_client: Any, session: types.ReadSession) -> pa.Table:
    return pa.concat_tables(
        [read_client.read_rows(s.name).to_arrow(session) for s in session.streams]
    )


@pytest.fixture
def words(client: bigquery.Client, dataset: str) -> str:
    """Compressible data: repeated words and small integers."""
    table = f"{dataset}.words"
    client.query(
        f"CREATE TABLE `{table}` AS SELECT n, CONCAT('word-', CAST(MOD(n, 7) AS STRING)) AS w, "
        "STRUCT(MOD(n, 3) AS m, [n, n + 1] AS pair) AS rec "
        "FROM UNNEST(GENERATE_ARRAY(1, 20000)) AS n"
    ).result()
    return table


# ---- buffer compression -----------------------------------------------------------------------


@pytest.mark.parametrize("codec", [Codec.LZ4_FRAME, Codec.ZSTD])
def test_compressed_arrow_round_trip(bigquery_read_client: Any, words: str, codec: Any) -> None:
    plain = bigquery_read_client.create_read_session(_request(words))
    packed = bigquery_read_client.create_read_session(_request(words, **_compressed(codec)))
    expected = _read_all(bigquery_read_client, plain).sort_by("n")
    got = _read_all(bigquery_read_client, packed).sort_by("n")
    assert got.equals(expected)
    assert got.num_rows == 20000

    plain_size = sum(
        len(r.arrow_record_batch.serialized_record_batch)
        for r in bigquery_read_client.read_rows(plain.streams[0].name)
    )
    responses = list(bigquery_read_client.read_rows(packed.streams[0].name))
    assert sum(len(r.arrow_record_batch.serialized_record_batch) for r in responses) < plain_size
    assert all(r.uncompressed_byte_size > 0 for r in responses)
    # Each body is one encapsulated record batch message of the session's schema.
    schema = pa.ipc.read_schema(pa.py_buffer(packed.arrow_schema.serialized_schema))
    batches = [
        pa.ipc.read_record_batch(pa.py_buffer(r.arrow_record_batch.serialized_record_batch), schema)
        for r in responses
    ]
    assert pa.Table.from_batches(batches).sort_by("n").equals(expected)


def test_unknown_compression_codec_is_invalid(bigquery_read_client: Any, words: str) -> None:
    request = _request(words)
    raw = types.CreateReadSessionRequest.pb(request)
    raw.read_session.read_options.arrow_serialization_options.buffer_compression = 99
    with pytest.raises(exceptions.InvalidArgument, match="compression codec 99"):
        bigquery_read_client.create_read_session(types.CreateReadSessionRequest.wrap(raw))


# ---- Avro ---------------------------------------------------------------------------------------


@pytest.fixture
def typed(client: bigquery.Client, dataset: str) -> str:
    table = f"{dataset}.typed"
    client.query(
        f"CREATE TABLE `{table}` AS SELECT n, n / 4 AS f, CAST(n AS STRING) AS s, n > 1 AS b, "
        "CAST(CAST(n AS STRING) AS BYTES) AS by, CAST('1.125' AS NUMERIC) AS num, "
        "CAST('2.5' AS BIGNUMERIC) AS big, "
        "DATE_ADD(DATE '2024-01-31', INTERVAL n DAY) AS d, TIME '12:34:56.789' AS tm, "
        "DATETIME '2024-02-03 04:05:06.5' AS dt, "
        "TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00+00', INTERVAL n SECOND) AS ts, "
        "IF(n = 2, NULL, n * 10) AS maybe, [n, n * 2] AS arr, "
        "[DATE '2024-01-01', DATE '2024-01-02'] AS dates, "
        "STRUCT(n AS a, STRUCT('x' AS tag) AS inner_rec, DATETIME '2024-02-03 04:05:06' AS at, "
        "TIMESTAMP '2024-01-01 00:00:00+00' AS stamp) AS rec "
        "FROM UNNEST(GENERATE_ARRAY(1, 3)) AS n"
    ).result()
    return table


def test_avro_session_has_bigquery_avro_schema(bigquery_read_client: Any, typed: str) -> None:
    session = bigquery_read_client.create_read_session(
        _request(typed, data_format=types.DataFormat.AVRO)
    )
    assert session.data_format == types.DataFormat.AVRO
    import json

    schema = json.loads(session.avro_schema.schema)
    types_by_name = {f["name"]: f["type"] for f in schema["fields"]}
    assert types_by_name["n"] == ["null", "long"]
    assert types_by_name["ts"] == ["null", {"type": "long", "logicalType": "timestamp-micros"}]
    assert types_by_name["num"][1] == {
        "type": "bytes",
        "logicalType": "decimal",
        "precision": 38,
        "scale": 9,
    }
    assert types_by_name["arr"] == {"type": "array", "items": "long"}
    assert types_by_name["rec"][1]["type"] == "record"


def test_avro_rows_and_dataframe(bigquery_read_client: Any, typed: str) -> None:
    session = bigquery_read_client.create_read_session(
        _request(typed, data_format=types.DataFormat.AVRO)
    )
    stream = session.streams[0].name
    rows = sorted(bigquery_read_client.read_rows(stream).rows(session), key=lambda r: r["n"])
    assert [r["n"] for r in rows] == [1, 2, 3]
    first = rows[0]
    assert first["f"] == 0.25 and first["s"] == "1" and first["b"] is False
    assert first["by"] == b"1"
    assert first["num"] == Decimal("1.125") and first["big"] == Decimal("2.5")
    assert first["d"] == datetime.date(2024, 2, 1)
    assert first["tm"] == datetime.time(12, 34, 56, 789000)
    assert first["dt"] == "2024-02-03T04:05:06.500000"
    assert first["ts"] == datetime.datetime(2024, 1, 1, 0, 0, 1, tzinfo=datetime.UTC)
    assert rows[1]["maybe"] is None and rows[2]["maybe"] == 30
    assert first["arr"] == [1, 2]
    assert first["dates"] == [datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)]
    assert first["rec"] == {
        "a": 1,
        "inner_rec": {"tag": "x"},
        "at": "2024-02-03T04:05:06.000000",
        "stamp": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    }

    frame = bigquery_read_client.read_rows(stream).to_dataframe(session).sort_values("n")
    assert frame["n"].tolist() == [1, 2, 3]
    assert frame["s"].tolist() == ["1", "2", "3"]

    # The same values as the Arrow session (the official client decodes Avro through pandas).
    arrow = bigquery_read_client.create_read_session(_request(typed))
    table = bigquery_read_client.read_rows(arrow.streams[0].name).to_arrow(arrow).sort_by("n")
    assert pa.Table.from_pandas(frame[["n", "f", "s"]], preserve_index=False).to_pylist() == (
        table.select(["n", "f", "s"]).to_pylist()
    )


# ---- snapshot_time ------------------------------------------------------------------------------


def _timestamp(micros: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(micros / 1e6, tz=datetime.UTC)


def test_snapshot_time_reads_as_of_that_time_while_inserts_go_on(
    bigquery_read_client: Any, client: bigquery.Client, words: str
) -> None:
    time.sleep(0.01)
    before = time.time_ns() // 1000
    time.sleep(0.01)
    client.query(f"INSERT INTO `{words}` (n, w) VALUES (-1, 'later')").result()

    stop = threading.Event()
    inserted: list[int] = []
    failures: list[BaseException] = []

    def insert_more() -> None:
        n = 100_000
        while not stop.is_set():
            try:
                client.query(f"INSERT INTO `{words}` (n, w) VALUES ({n}, 'during')").result()
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)
                return
            inserted.append(n)
            n += 1

    writer = threading.Thread(target=insert_more)
    writer.start()
    try:
        session = bigquery_read_client.create_read_session(
            _request(words, table_modifiers={"snapshot_time": _timestamp(before)})
        )
        old = _read_all(bigquery_read_client, session)
        latest = bigquery_read_client.create_read_session(_request(words))
        new = _read_all(bigquery_read_client, latest)
    finally:
        stop.set()
        writer.join()
    assert not failures
    assert old.num_rows == 20000
    assert min(old.column("n").to_pylist()) == 1
    assert -1 in new.column("n").to_pylist()
    assert session.table_modifiers.snapshot_time == _timestamp(before)


def test_snapshot_time_in_the_future_is_invalid(bigquery_read_client: Any, words: str) -> None:
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    with pytest.raises(exceptions.InvalidArgument, match="snapshot_time"):
        bigquery_read_client.create_read_session(
            _request(words, table_modifiers={"snapshot_time": future})
        )


# ---- expire_time --------------------------------------------------------------------------------


def test_requested_expire_time_is_honoured(bigquery_read_client: Any, words: str) -> None:
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=1)
    session = bigquery_read_client.create_read_session(_request(words, expire_time=soon))
    assert abs((session.expire_time - soon).total_seconds()) < 1e-3
    time.sleep(max(0.0, (soon - datetime.datetime.now(datetime.UTC)).total_seconds()))
    time.sleep(0.2)
    with pytest.raises(exceptions.NotFound, match="expired"):
        list(bigquery_read_client.read_rows(session.streams[0].name))


def test_default_expire_time_is_six_hours(bigquery_read_client: Any, words: str) -> None:
    session = bigquery_read_client.create_read_session(_request(words))
    left = session.expire_time - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(hours=5) < left <= datetime.timedelta(hours=6)


def test_expire_time_in_the_past_is_invalid(bigquery_read_client: Any, words: str) -> None:
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    with pytest.raises(exceptions.InvalidArgument, match="expire_time"):
        bigquery_read_client.create_read_session(_request(words, expire_time=past))


def test_error_status_codes_are_grpc_codes(bigquery_read_client: Any, words: str) -> None:
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    with pytest.raises(exceptions.GoogleAPICallError) as caught:
        bigquery_read_client.create_read_session(
            _request(words, table_modifiers={"snapshot_time": future})
        )
    assert caught.value.grpc_status_code == grpc.StatusCode.INVALID_ARGUMENT


def test_snapshot_time_before_the_table_is_invalid(bigquery_read_client: Any, words: str) -> None:
    before = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    with pytest.raises(exceptions.InvalidArgument, match="Invalid snapshot_time"):
        bigquery_read_client.create_read_session(
            _request(words, table_modifiers={"snapshot_time": before})
        )


def test_snapshot_time_beyond_time_travel_window_is_invalid(
    bigquery_read_client: Any, words: str
) -> None:
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=8)
    with pytest.raises(exceptions.InvalidArgument, match="time travel is limited to 7 days"):
        bigquery_read_client.create_read_session(
            _request(words, table_modifiers={"snapshot_time": old})
        )
