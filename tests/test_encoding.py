"""Wire encoding: rows must round-trip through google-cloud-bigquery's own parsers."""

from __future__ import annotations

import base64
import datetime as dt
import gc
import math
import random
import struct
from decimal import Decimal
from typing import Any

import duckdb
import orjson
import pyarrow as pa
import pytest
from dateutil.relativedelta import relativedelta
from google.cloud._helpers import _datetime_from_microseconds
from google.cloud.bigquery._helpers import _rows_from_json

from bqhouse.encoding import (
    decimal_text,
    decode_insert_rows,
    encode_rows,
    encode_rows_json,
    interval_text,
    java_double_text,
)
from bqhouse.schema import arrow_schema, fields_from_arrow, normalize_fields

UTC = dt.UTC


def _fields(*specs: dict[str, Any]) -> list[dict[str, Any]]:
    return normalize_fields(list(specs))


ALL_FIELDS = _fields(
    {"name": "i", "type": "INT64"},
    {"name": "f", "type": "FLOAT64"},
    {"name": "b", "type": "BOOL"},
    {"name": "s", "type": "STRING"},
    {"name": "by", "type": "BYTES"},
    {"name": "n", "type": "NUMERIC"},
    {"name": "bn", "type": "BIGNUMERIC"},
    {"name": "d", "type": "DATE"},
    {"name": "t", "type": "TIME"},
    {"name": "dtm", "type": "DATETIME"},
    {"name": "ts", "type": "TIMESTAMP"},
    {"name": "j", "type": "JSON"},
    {"name": "g", "type": "GEOGRAPHY"},
    {"name": "iv", "type": "INTERVAL"},
    {"name": "r", "type": "RANGE", "rangeElementType": {"type": "DATE"}},
    {
        "name": "rec",
        "type": "RECORD",
        "fields": [
            {"name": "x", "type": "INTEGER"},
            {"name": "tags", "type": "STRING", "mode": "REPEATED"},
            {
                "name": "inner",
                "type": "RECORD",
                "mode": "REPEATED",
                "fields": [{"name": "ts", "type": "TIMESTAMP"}],
            },
        ],
    },
    {"name": "arr", "type": "INTEGER", "mode": "REPEATED"},
)

TS = dt.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=UTC)
OLD_TS = dt.datetime(1901, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)

ROW: dict[str, Any] = {
    "i": -12,
    "f": 1.5,
    "b": True,
    "s": "héllo",
    "by": b"\x00\xffab",
    "n": Decimal("-12.500000000"),
    "bn": Decimal("123456789.123456789012345678"),
    "d": dt.date(2024, 1, 31),
    "t": dt.time(12, 34, 56, 123456),
    "dtm": dt.datetime(2024, 1, 31, 12, 34, 56),
    "ts": TS,
    "j": '{"a":[1,2]}',
    "g": "POINT(1 2)",
    "iv": pa.MonthDayNano([14, 3, (4 * 3600 + 5 * 60 + 6) * 10**9 + 500_000_000]),
    "r": {"start": dt.date(2024, 1, 1), "end": None},
    "rec": {"x": 7, "tags": ["a", "b"], "inner": [{"ts": OLD_TS}, {"ts": None}]},
    "arr": [1, 2, 3],
}

EXPECTED = (
    -12,
    1.5,
    True,
    "héllo",
    b"\x00\xffab",
    Decimal("-12.5"),
    Decimal("123456789.123456789012345678"),
    dt.date(2024, 1, 31),
    dt.time(12, 34, 56, 123456),
    dt.datetime(2024, 1, 31, 12, 34, 56),
    TS,
    {"a": [1, 2]},
    "POINT(1 2)",
    relativedelta(years=1, months=2, days=3, hours=4, minutes=5, seconds=6, microseconds=500000),
    {"start": dt.date(2024, 1, 1), "end": None},
    {"x": 7, "tags": ["a", "b"], "inner": [{"ts": OLD_TS}, {"ts": None}]},
    [1, 2, 3],
)


def _micros(when: dt.datetime) -> str:
    return str((when - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(microseconds=1))


def _table(rows: list[dict[str, Any]], fields: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=arrow_schema(fields))


def _parse(rows: list[dict[str, Any]], fields: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [tuple(row.values()) for row in _rows_from_json(rows, fields)]


def test_every_type_round_trips_through_client_parser() -> None:
    null_row = {name: None for name in ROW}
    rows = encode_rows(_table([ROW, null_row], ALL_FIELDS), ALL_FIELDS, use_int64_timestamp=True)
    parsed = _parse(rows, ALL_FIELDS)
    assert parsed[0] == EXPECTED
    nulls = parsed[1]
    assert nulls[:-2] == (None,) * (len(EXPECTED) - 2)
    # A NULL record is null, a NULL repeated field comes back as an empty array.
    assert nulls[-2:] == (None, [])


def test_wire_shapes_are_strings() -> None:
    rows = encode_rows(_table([ROW], ALL_FIELDS), ALL_FIELDS, use_int64_timestamp=True)
    cells = [c["v"] for c in rows[0]["f"]]
    assert cells[:3] == ["-12", "1.5", "true"]
    assert cells[4] == base64.b64encode(b"\x00\xffab").decode()
    assert cells[5] == "-12.5"
    assert cells[7:10] == ["2024-01-31", "12:34:56.123456", "2024-01-31T12:34:56"]
    assert cells[10] == _micros(TS)
    assert cells[13] == "1-2 3 4:5:6.5"
    assert cells[14] == "[2024-01-01, UNBOUNDED)"
    assert cells[15] == {
        "f": [
            {"v": "7"},
            {"v": [{"v": "a"}, {"v": "b"}]},
            {"v": [{"v": {"f": [{"v": _micros(OLD_TS)}]}}, {"v": {"f": [{"v": None}]}}]},
        ]
    }
    assert cells[16] == [{"v": "1"}, {"v": "2"}, {"v": "3"}]


def test_float_specials() -> None:
    fields = _fields({"name": "f", "type": "FLOAT"})
    values = [float("nan"), float("inf"), float("-inf"), 0.1, 1e20, -0.0, 3.0]
    rows = encode_rows(_table([{"f": v} for v in values], fields), fields)
    assert [r["f"][0]["v"] for r in rows][:3] == ["NaN", "Infinity", "-Infinity"]
    parsed = [p[0] for p in _parse(rows, fields)]
    assert math.isnan(parsed[0])
    assert parsed[1:] == values[1:]


def test_numeric_text_has_no_exponent() -> None:
    fields = _fields({"name": "n", "type": "NUMERIC"})
    values = [Decimal("0E-9"), Decimal("1200"), Decimal("0.000000001"), Decimal("-0.5")]
    rows = encode_rows(_table([{"n": v} for v in values], fields), fields)
    assert [r["f"][0]["v"] for r in rows] == ["0", "1200", "0.000000001", "-0.5"]


@pytest.mark.parametrize("when", [TS, OLD_TS, dt.datetime(1970, 1, 1, tzinfo=UTC)])
def test_legacy_float_timestamps_round_trip(when: dt.datetime) -> None:
    fields = _fields({"name": "ts", "type": "TIMESTAMP"})
    rows = encode_rows(_table([{"ts": when}], fields), fields)
    text = rows[0]["f"][0]["v"]
    # Older clients (and the legacy format) parse the cell as float seconds.
    assert _datetime_from_microseconds(1e6 * float(text)) == when


def test_legacy_timestamp_text_is_java_style() -> None:
    assert java_double_text(1700000000.123456) == "1.700000000123456E9"
    assert java_double_text(-2177434432.109877) == "-2.177434432109877E9"
    assert java_double_text(1.7e9) == "1.7E9"
    assert java_double_text(0.0) == "0.0"
    assert java_double_text(12.5) == "12.5"
    assert java_double_text(1e20) == "1.0E20"
    assert java_double_text(-1.5e-5) == "-1.5E-5"
    assert java_double_text(12345678.0) == "1.2345678E7"


def test_interval_text_signs() -> None:
    assert interval_text(-14, -3, -(3600 * 10**9)) == "-1-2 -3 -1:0:0"
    assert interval_text(0, 0, 0) == "0-0 0 0:0:0"


def test_time_without_fraction_and_sliced_table() -> None:
    fields = _fields(
        {"name": "t", "type": "TIME"}, {"name": "a", "type": "STRING", "mode": "REPEATED"}
    )
    rows_in = [{"t": dt.time(1, 2, 3), "a": ["x"]}, {"t": dt.time(4, 5, 6), "a": ["y", "z"]}]
    table = _table(rows_in, fields).slice(1)
    rows = encode_rows(table, fields)
    assert rows == [{"f": [{"v": "04:05:06"}, {"v": [{"v": "y"}, {"v": "z"}]}]}]


def test_duckdb_result_table_encodes() -> None:
    result = duckdb.sql(
        """select 1 i, '{"a":1}'::JSON j, interval 1 day iv, [1, 2] l,
                  {'a': 1.5::DECIMAL(10,2)} s, NULL::INTEGER z"""
    ).fetch_arrow_table()
    fields = fields_from_arrow(result.schema)
    rows = encode_rows(result, fields)
    assert _parse(rows, fields) == [
        (1, '{"a":1}', relativedelta(days=1), [1, 2], {"a": Decimal("1.5")}, None)
    ]
    assert rows[0]["f"][2] == {"v": "0-0 1 0:0:0"}


def test_encode_many_rows_of_every_common_type() -> None:
    # Speed is measured in bench/rest_api.py, never asserted here (machines are noisy).
    fields = _fields(
        *[{"name": f"i{k}", "type": "INTEGER"} for k in range(3)],
        {"name": "f", "type": "FLOAT"},
        {"name": "s", "type": "STRING"},
        {"name": "ts", "type": "TIMESTAMP"},
        {"name": "d", "type": "DATE"},
        {"name": "n", "type": "NUMERIC"},
        {"name": "b", "type": "BOOLEAN"},
        {"name": "dt", "type": "DATETIME"},
    )
    n = 25_000
    cols: dict[str, Any] = {f"i{k}": list(range(n)) for k in range(3)}
    cols |= {
        "f": [k / 3 for k in range(n)],
        "s": [str(k) for k in range(n)],
        "ts": [TS] * n,
        "d": [dt.date(2024, 1, 1)] * n,
        "n": [Decimal("1.25")] * n,
        "b": [True] * n,
        "dt": [dt.datetime(2024, 1, 1, 1, 2, 3)] * n,
    }
    table = pa.table(cols, schema=arrow_schema(fields))
    rows = encode_rows(table, fields)
    assert len(rows) == n
    assert rows[-1]["f"][0] == {"v": str(n - 1)}
    assert rows[0]["f"][7] == {"v": "1.25"}


def _random_doubles(count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    bits = [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(count)]
    uniform = [rng.uniform(-1e6, 1e6) for _ in range(count)]
    scaled = [rng.random() * 10 ** rng.randint(-8, 20) for _ in range(count)]
    edges = [0.0, -0.0, 1e-4, 9.999e-5, 1e16, 9999999999999998.0, 1e7, 1e-3, 5e-324, 1.5e300]
    edges += [float("nan"), float("inf"), -float("inf"), 51255482385.67197, 0.1, 3.0]
    return bits + uniform + scaled + edges


def _single_column(values: list[Any], spec: dict[str, Any], **kwargs: Any) -> list[Any]:
    fields = _fields({"name": "c", **spec})
    table = pa.table({"c": values}, schema=arrow_schema(fields))
    return [row["f"][0]["v"] for row in encode_rows(table, fields, **kwargs)]


def _float_text(value: float) -> str:
    # BigQuery's FLOAT64 text is the shortest round-trip form, which is Python's repr.
    specials = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
    return specials.get(repr(value), repr(value))


def test_column_wise_floats_match_python_repr() -> None:
    values = _random_doubles(3000, seed=5)
    expected = [_float_text(v) for v in values]
    assert _single_column(values, {"type": "FLOAT"}) == expected


def test_column_wise_timestamps_match_java_double_text() -> None:
    rng = random.Random(7)
    span = 253402300799 * 10**6  # 9999-12-31 in micros
    micros = [rng.randint(-62135596800 * 10**6, span) for _ in range(5000)]
    micros += [rng.randint(-(10**13), 10**13) for _ in range(500)]  # around 1970: plain form
    micros += [0, 1, -1, 10**13, 10**13 - 1, 1700000000 * 10**6, -(10**13)]
    values = [
        dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=us) for us in micros
    ] + [None]
    expected = [java_double_text(us / 1e6) for us in micros] + [None]
    assert _single_column(values, {"type": "TIMESTAMP"}) == expected


@pytest.mark.parametrize("type_", ["NUMERIC", "BIGNUMERIC"])
def test_column_wise_decimals_match_decimal_text(type_: str) -> None:
    rng = random.Random(11)
    scale = 9 if type_ == "NUMERIC" else 18
    values = [
        Decimal(rng.randint(-(10**20), 10**20)).scaleb(-rng.randint(0, scale)) for _ in range(2000)
    ]
    values += [Decimal(0), Decimal("1E-9"), Decimal("-1E-7"), Decimal("0.000001"), Decimal(100)]
    expected = [decimal_text(v) for v in values] + [None]
    assert _single_column([*values, None], {"type": type_}) == expected


def test_encode_leaves_the_garbage_collector_as_it_was() -> None:
    fields = _fields({"name": "c", "type": "INTEGER"})
    table = pa.table({"c": [1, 2]}, schema=arrow_schema(fields))
    assert gc.isenabled()
    encode_rows(table, fields)
    assert gc.isenabled()
    gc.disable()
    try:
        encode_rows(table, fields)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _same_json(table: pa.Table, fields: list[dict[str, Any]], **kwargs: Any) -> None:
    """The column-wise JSON writer emits exactly what orjson makes of ``encode_rows``."""
    assert encode_rows_json(table, fields, **kwargs) == orjson.dumps(
        encode_rows(table, fields, **kwargs)
    )


@pytest.mark.parametrize("int64_ts", [False, True])
def test_json_bytes_match_encode_rows_for_every_type(int64_ts: bool) -> None:
    null_row = {name: None for name in ROW}
    table = _table([ROW, null_row, ROW], ALL_FIELDS)
    _same_json(table, ALL_FIELDS, use_int64_timestamp=int64_ts)
    _same_json(table.slice(1), ALL_FIELDS, use_int64_timestamp=int64_ts)
    assert orjson.loads(encode_rows_json(table, ALL_FIELDS)) == encode_rows(table, ALL_FIELDS)


def test_json_bytes_escape_strings_like_orjson() -> None:
    fields = _fields(
        {"name": "s", "type": "STRING"},
        {"name": "j", "type": "JSON"},
        {"name": "i", "type": "INT64"},
    )
    texts = ['a"b', "back\\slash", "tab\tnew\nline", "\x00nul\x1f", "é😀\u2028", "", None]
    table = pa.table(
        {"s": texts, "j": ['{"k": "v\\n"}'] * len(texts), "i": list(range(len(texts)))},
        schema=arrow_schema(fields),
    )
    _same_json(table, fields)
    assert [r["f"][0]["v"] for r in orjson.loads(encode_rows_json(table, fields))] == texts


def test_json_bytes_of_random_floats_timestamps_and_decimals() -> None:
    rng = random.Random(3)
    floats = _random_doubles(1000, seed=9)
    fields = _fields(
        {"name": "f", "type": "FLOAT"},
        {"name": "ts", "type": "TIMESTAMP"},
        {"name": "n", "type": "NUMERIC"},
        {"name": "d", "type": "DATE"},
        {"name": "t", "type": "TIME"},
        {"name": "dt", "type": "DATETIME"},
        {"name": "b", "type": "BOOL"},
    )
    n = len(floats)
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    table = pa.table(
        {
            "f": floats,
            "ts": [
                epoch + dt.timedelta(microseconds=rng.randint(-(10**16), 10**16)) for _ in floats
            ],
            "n": [
                Decimal(rng.randint(-(10**15), 10**15)).scaleb(-rng.randint(0, 9)) for _ in floats
            ],
            "d": [dt.date(1, 1, 1) + dt.timedelta(days=rng.randint(0, 3_000_000)) for _ in floats],
            "t": [dt.time(rng.randint(0, 23), 0, 1, rng.choice([0, 5])) for _ in floats],
            "dt": [dt.datetime(2024, 1, 1, microsecond=rng.choice([0, 7])) for _ in floats],
            "b": [rng.choice([True, False, None]) for _ in floats],
        },
        schema=arrow_schema(fields),
    )
    assert table.num_rows == n
    for int64_ts in (False, True):
        _same_json(table, fields, use_int64_timestamp=int64_ts)


def test_json_bytes_of_empty_and_columnless_tables() -> None:
    fields = _fields({"name": "c", "type": "INTEGER"})
    empty = pa.table({"c": pa.array([], pa.int64())})
    _same_json(empty, fields)
    _same_json(pa.table({"c": [1, 2]}).select([]), [])
    result = duckdb.sql(
        "select 1 i, [1, 2] l, {'a': 1.5::DECIMAL(10,2)} s, NULL z, 'x'::BLOB b"
    ).fetch_arrow_table()
    _same_json(result, fields_from_arrow(result.schema))


# --------------------------------------------------------------------------- decode


def _decode_one(value: Any, spec: dict[str, Any]) -> tuple[list[dict[str, Any]], Any]:
    fields = _fields({"name": "c", **spec})
    good, bad = decode_insert_rows([{"c": value}], fields)
    return good, bad


def _ok(value: Any, spec: dict[str, Any]) -> Any:
    good, bad = _decode_one(value, spec)
    assert bad == {}
    return good[0]["c"]


def _err(value: Any, spec: dict[str, Any]) -> dict[str, Any]:
    good, bad = _decode_one(value, spec)
    assert good == []
    (error,) = bad[0]
    assert error["reason"] == "invalid"
    assert error["debugInfo"] == ""
    return error


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        ({"type": "INTEGER"}, "12", 12),
        ({"type": "INTEGER"}, 12, 12),
        ({"type": "INTEGER"}, " -3 ", -3),
        ({"type": "FLOAT"}, "1.5", 1.5),
        ({"type": "FLOAT"}, 2, 2.0),
        ({"type": "FLOAT"}, "Infinity", math.inf),
        ({"type": "FLOAT"}, "-infinity", -math.inf),
        ({"type": "BOOLEAN"}, "TRUE", True),
        ({"type": "BOOLEAN"}, False, False),
        ({"type": "STRING"}, "x", "x"),
        ({"type": "BYTES"}, "AP8=", b"\x00\xff"),
        ({"type": "NUMERIC"}, "1.5", Decimal("1.500000000")),
        ({"type": "NUMERIC"}, 0.1, Decimal("0.100000000")),
        ({"type": "NUMERIC"}, "1.0000000005", Decimal("1.000000001")),
        ({"type": "NUMERIC"}, "-1.0000000005", Decimal("-1.000000001")),
        ({"type": "BIGNUMERIC"}, "1.5", Decimal("1.5")),
        ({"type": "DATE"}, "2024-01-31", dt.date(2024, 1, 31)),
        ({"type": "TIME"}, "12:34:56.5", dt.time(12, 34, 56, 500000)),
        ({"type": "DATETIME"}, "2024-01-31T01:02:03", dt.datetime(2024, 1, 31, 1, 2, 3)),
        ({"type": "DATETIME"}, "2024-01-31 01:02:03.25", dt.datetime(2024, 1, 31, 1, 2, 3, 250000)),
        ({"type": "TIMESTAMP"}, "2024-01-01 12:00:00", dt.datetime(2024, 1, 1, 12, tzinfo=UTC)),
        ({"type": "TIMESTAMP"}, "2024-01-01T12:00:00Z", dt.datetime(2024, 1, 1, 12, tzinfo=UTC)),
        (
            {"type": "TIMESTAMP"},
            "2024-01-01T12:00:00.123456+05:30",
            dt.datetime(2024, 1, 1, 6, 30, 0, 123456, tzinfo=UTC),
        ),
        ({"type": "TIMESTAMP"}, "2024-01-01 12:00:00 UTC", dt.datetime(2024, 1, 1, 12, tzinfo=UTC)),
        ({"type": "TIMESTAMP"}, 1.5, dt.datetime(1970, 1, 1, 0, 0, 1, 500000, tzinfo=UTC)),
        ({"type": "TIMESTAMP"}, -1, dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ({"type": "JSON"}, {"a": [1, None]}, '{"a":[1,null]}'),
        ({"type": "JSON"}, '{"a": 1}', '{"a":1}'),
        ({"type": "JSON"}, 3, "3"),
        ({"type": "GEOGRAPHY"}, "POINT(1 2)", "POINT(1 2)"),
        ({"type": "INTERVAL"}, "1-2 3 4:5:6.5", (14, 3, 14706 * 10**9 + 5 * 10**8)),
        (
            {"type": "RANGE", "rangeElementType": {"type": "DATE"}},
            "[2024-01-01, UNBOUNDED)",
            {"start": dt.date(2024, 1, 1), "end": None},
        ),
        ({"type": "INTEGER", "mode": "REPEATED"}, ["1", 2], [1, 2]),
        ({"type": "INTEGER", "mode": "REPEATED"}, None, []),
        ({"type": "INTEGER"}, None, None),
    ],
)
def test_decode_accepts(spec: dict[str, Any], value: Any, expected: Any) -> None:
    assert _ok(value, spec) == expected


@pytest.mark.parametrize(
    ("spec", "value", "fragment"),
    [
        ({"type": "INTEGER"}, "abc", "integer"),
        ({"type": "INTEGER"}, 1.5, "integer"),
        ({"type": "INTEGER"}, True, "integer"),
        ({"type": "INTEGER"}, "99999999999999999999", "out of range"),
        ({"type": "FLOAT"}, "x", "double"),
        ({"type": "BOOLEAN"}, "yes", "boolean"),
        ({"type": "BYTES"}, "not base64!", "base64"),
        ({"type": "NUMERIC"}, "1" * 30, "Invalid NUMERIC"),
        ({"type": "NUMERIC"}, "abc", "numeric"),
        ({"type": "DATE"}, "2024-02-30", "date"),
        ({"type": "TIME"}, "25:00:00", "time"),
        ({"type": "DATETIME"}, "yesterday", "datetime"),
        ({"type": "TIMESTAMP"}, "2024-13-01 00:00:00", "timestamp"),
        ({"type": "JSON"}, "{bad", "JSON"),
        ({"type": "STRING"}, {"a": 1}, "string"),
        ({"type": "INTEGER", "mode": "REPEATED"}, [1, None], "Null value"),
        ({"type": "INTEGER", "mode": "REPEATED"}, 5, "Expected array"),
        ({"type": "INTEGER", "mode": "REQUIRED"}, None, "Missing required field: c."),
    ],
)
def test_decode_rejects(spec: dict[str, Any], value: Any, fragment: str) -> None:
    error = _err(value, spec)
    assert error["location"] == "c"
    assert fragment in error["message"]


def test_decode_unknown_fields_and_nested_locations() -> None:
    fields = _fields(
        {"name": "id", "type": "INTEGER", "mode": "REQUIRED"},
        {
            "name": "rec",
            "type": "RECORD",
            "fields": [{"name": "x", "type": "INTEGER", "mode": "REQUIRED"}],
        },
    )
    rows = [
        {"id": 1, "rec": {"x": "2"}},
        {"id": 2, "extra": 1},
        {"rec": {"x": None}},
        {"ID": "4"},
    ]
    good, bad = decode_insert_rows(rows, fields)
    assert good == [{"id": 1, "rec": {"x": 2}}, {"id": 4, "rec": None}]
    assert bad[1] == [
        {
            "reason": "invalid",
            "location": "extra",
            "debugInfo": "",
            "message": "no such field: extra.",
        }
    ]
    assert [(e["location"], e["message"]) for e in bad[2]] == [
        ("id", "Missing required field: id."),
        ("rec.x", "Missing required field: x."),
    ]
    good, bad = decode_insert_rows(rows[1:2], fields, ignore_unknown_values=True)
    assert good == [{"id": 2, "rec": None}] and bad == {}


def test_decoded_rows_load_into_arrow_and_encode_back() -> None:
    fields = ALL_FIELDS
    payload = {
        "i": "5",
        "f": "NaN",
        "b": "false",
        "s": "s",
        "by": "AAE=",
        "n": "3.25",
        "bn": 7,
        "d": "2024-02-29",
        "t": "23:59:59",
        "dtm": "2024-02-29 23:59:59.000001",
        "ts": "1969-07-20 20:17:40.5+00:00",
        "j": {"k": "v"},
        "g": "POINT(0 0)",
        "iv": "0-0 1 0:0:0",
        "r": "[2024-01-01, 2024-02-01)",
        "rec": {"x": 1, "tags": ["t"], "inner": [{"ts": 0}]},
        "arr": [],
    }
    good, bad = decode_insert_rows([payload], fields)
    assert bad == {}
    table = pa.Table.from_pylist(good, schema=arrow_schema(fields))
    parsed = _parse(encode_rows(table, fields, use_int64_timestamp=True), fields)[0]
    assert parsed[0] == 5 and math.isnan(parsed[1]) and parsed[2] is False
    assert parsed[8:10] == (dt.time(23, 59, 59), dt.datetime(2024, 2, 29, 23, 59, 59, 1))
    assert parsed[10] == dt.datetime(1969, 7, 20, 20, 17, 40, 500000, tzinfo=UTC)
    assert parsed[11] == {"k": "v"}
    assert parsed[14] == {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 2, 1)}
    assert parsed[15] == {
        "x": 1,
        "tags": ["t"],
        "inner": [{"ts": dt.datetime(1970, 1, 1, tzinfo=UTC)}],
    }
