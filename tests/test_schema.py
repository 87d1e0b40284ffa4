"""Schema normalization and the DuckDB / Arrow translations."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa
import pytest

from bqhouse import errors
from bqhouse.schema import (
    arrow_schema,
    arrow_type,
    column_definitions,
    duckdb_type,
    fields_from_arrow,
    normalize_fields,
    overlay_fields,
)


def _one(spec: dict[str, Any]) -> dict[str, Any]:
    return normalize_fields([{"name": "c", **spec}])[0]


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("int64", "INTEGER"),
        ("FLOAT64", "FLOAT"),
        ("bool", "BOOLEAN"),
        ("DECIMAL", "NUMERIC"),
        ("BIGDECIMAL", "BIGNUMERIC"),
        ("json", "JSON"),
        ("Geography", "GEOGRAPHY"),
        ("INTERVAL", "INTERVAL"),
    ],
)
def test_type_aliases(given: str, canonical: str) -> None:
    assert _one({"type": given})["type"] == canonical


def test_normalize_keeps_extras_and_recurses() -> None:
    fields = normalize_fields(
        [
            {
                "name": "s",
                "type": "STRUCT",
                "mode": "repeated",
                "description": "d",
                "fields": [{"name": "x", "type": "string", "maxLength": "10"}],
            },
            {"name": "r", "type": "RANGE", "rangeElementType": {"type": "DATE"}},
        ]
    )
    assert fields == [
        {
            "name": "s",
            "type": "RECORD",
            "mode": "REPEATED",
            "description": "d",
            "fields": [{"name": "x", "type": "STRING", "mode": "NULLABLE", "maxLength": "10"}],
        },
        {"name": "r", "type": "RANGE", "mode": "NULLABLE", "rangeElementType": {"type": "DATE"}},
    ]


@pytest.mark.parametrize(
    ("fields", "message", "location"),
    [
        ([{"name": "", "type": "STRING"}], "Empty field name", None),
        ([{"name": "1a", "type": "STRING"}], 'Invalid field name "1a"', "1a"),
        ([{"name": "a-b", "type": "STRING"}], 'Invalid field name "a-b"', "a-b"),
        ([{"name": "a" * 301, "type": "STRING"}], "at most 300", "a" * 301),
        (
            [{"name": "x", "type": "STRING"}, {"name": "X", "type": "INTEGER"}],
            "Field X already exists in schema",
            "X",
        ),
        ([{"name": "r", "type": "RECORD"}], "Field r is type RECORD but has no schema", "r"),
        (
            [{"name": "r", "type": "RECORD", "fields": [{"name": "b", "type": "FOO"}]}],
            "Invalid value for type: FOO is not a valid value",
            "r.b",
        ),
        (
            [{"name": "m", "type": "STRING", "mode": "SOMETIMES"}],
            "Invalid value for mode: SOMETIMES is not a valid value",
            "m",
        ),
        ([{"name": "r", "type": "RANGE"}], "rangeElementType", "r"),
    ],
)
def test_normalize_rejects(
    fields: list[dict[str, Any]], message: str, location: str | None
) -> None:
    with pytest.raises(errors.Invalid) as caught:
        normalize_fields(fields)
    assert message in caught.value.message
    assert caught.value.location == location


def test_name_of_300_chars_is_fine() -> None:
    assert normalize_fields([{"name": "_" + "a" * 299, "type": "STRING"}])


NESTED = normalize_fields(
    [
        {"name": "i", "type": "INTEGER", "mode": "REQUIRED"},
        {"name": "n", "type": "NUMERIC"},
        {"name": "p", "type": "NUMERIC", "precision": "10", "scale": "2"},
        {"name": "bn", "type": "BIGNUMERIC"},
        {"name": "ts", "type": "TIMESTAMP", "mode": "REPEATED"},
        {"name": "g", "type": "GEOGRAPHY"},
        {"name": "r", "type": "RANGE", "rangeElementType": {"type": "DATETIME"}},
        {
            "name": "rec",
            "type": "RECORD",
            "fields": [{"name": "x", "type": "DATE"}],
        },
    ]
)


def test_duckdb_types() -> None:
    assert [duckdb_type(f) for f in NESTED] == [
        "BIGINT",
        "DECIMAL(38,9)",
        "DECIMAL(10,2)",
        "DECIMAL(38,18)",
        "TIMESTAMPTZ[]",
        "VARCHAR",
        'STRUCT("start" TIMESTAMP, "end" TIMESTAMP)',
        'STRUCT("x" DATE)',
    ]


def test_column_definitions_quote_and_not_null() -> None:
    fields = [
        {"name": 'we"ird', "type": "JSON", "mode": "NULLABLE"},
        {"name": "id", "type": "INTEGER", "mode": "REQUIRED"},
    ]
    assert column_definitions(fields) == ['"we""ird" JSON', '"id" BIGINT NOT NULL']


def test_duckdb_accepts_every_type_and_matches_arrow() -> None:
    every = normalize_fields(
        [
            {"name": t.lower(), "type": t}
            for t in [
                "INTEGER",
                "FLOAT",
                "BOOLEAN",
                "STRING",
                "BYTES",
                "NUMERIC",
                "BIGNUMERIC",
                "TIMESTAMP",
                "DATETIME",
                "DATE",
                "TIME",
                "INTERVAL",
                "JSON",
                "GEOGRAPHY",
            ]
        ]
        + [{"name": "arr", "type": "INTEGER", "mode": "REPEATED"}]
        + [{"name": "rec", "type": "RECORD", "fields": [{"name": "x", "type": "TIME"}]}]
        + [{"name": "rng", "type": "RANGE", "rangeElementType": {"type": "DATE"}}]
    )
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"CREATE TABLE t ({', '.join(column_definitions(every))})")
    physical = con.sql("SELECT * FROM t").fetch_arrow_table().schema
    expected = arrow_schema(every)
    # JSON comes back as plain string from DuckDB, which is also how arrow_type stores it.
    assert [f.type for f in physical] == [f.type for f in expected]


def test_arrow_types() -> None:
    schema = arrow_schema(NESTED)
    assert schema.field("i").nullable is False
    assert schema.field("p").type == pa.decimal128(10, 2)
    assert schema.field("ts").type == pa.list_(pa.timestamp("us", tz="UTC"))
    assert arrow_type({"name": "d", "type": "DATETIME", "mode": "NULLABLE"}) == pa.timestamp("us")
    assert arrow_type({"name": "v", "type": "INTERVAL"}) == pa.month_day_nano_interval()


def test_fields_from_arrow() -> None:
    schema = pa.schema(
        [
            pa.field("a", pa.uint8()),
            pa.field("b", pa.float32(), nullable=False),
            pa.field("c", pa.decimal128(38, 9)),
            pa.field("d", pa.decimal128(38, 18)),
            pa.field("e", pa.large_string()),
            pa.field("f", pa.large_binary()),
            pa.field("g", pa.date64()),
            pa.field("h", pa.time32("s")),
            pa.field("i", pa.timestamp("ns", tz="America/New_York")),
            pa.field("j", pa.timestamp("ms")),
            pa.field("k", pa.large_list(pa.struct([pa.field("x", pa.bool_(), nullable=False)]))),
            pa.field("l", pa.dictionary(pa.int32(), pa.string())),
            pa.field("m", pa.duration("us")),
            pa.field("n", pa.null()),
            pa.field("o", pa.list_(pa.int64()), nullable=False),
            pa.field("p", pa.json_(pa.string())),
            pa.field("q", pa.string(), metadata={b"ARROW:extension:name": b"arrow.json"}),
        ]
    )
    assert [(f["name"], f["type"], f["mode"]) for f in fields_from_arrow(schema)] == [
        ("a", "INTEGER", "NULLABLE"),
        ("b", "FLOAT", "REQUIRED"),
        ("c", "NUMERIC", "NULLABLE"),
        ("d", "BIGNUMERIC", "NULLABLE"),
        ("e", "STRING", "NULLABLE"),
        ("f", "BYTES", "NULLABLE"),
        ("g", "DATE", "NULLABLE"),
        ("h", "TIME", "NULLABLE"),
        ("i", "TIMESTAMP", "NULLABLE"),
        ("j", "DATETIME", "NULLABLE"),
        ("k", "RECORD", "REPEATED"),
        ("l", "STRING", "NULLABLE"),
        ("m", "INTERVAL", "NULLABLE"),
        ("n", "STRING", "NULLABLE"),
        ("o", "INTEGER", "REPEATED"),
        ("p", "JSON", "NULLABLE"),
        ("q", "JSON", "NULLABLE"),
    ]
    assert fields_from_arrow(schema)[10]["fields"] == [
        {"name": "x", "type": "BOOLEAN", "mode": "REQUIRED"}
    ]


def test_fields_from_arrow_round_trips_declared_fields() -> None:
    plain = [f for f in NESTED if f["type"] not in ("GEOGRAPHY", "RANGE", "BIGNUMERIC")]
    plain = [f for f in plain if "precision" not in f]
    assert fields_from_arrow(arrow_schema(plain)) == plain


def test_fields_from_duckdb_json() -> None:
    con = duckdb.connect()
    plain = con.sql("""select '{"a":1}'::JSON j""").fetch_arrow_table().schema
    # By default DuckDB 1.4.4 drops the JSON-ness: a plain string with no metadata.
    assert fields_from_arrow(plain)[0]["type"] == "STRING"
    con.execute("SET arrow_lossless_conversion = true")
    lossless = con.sql("""select '{"a":1}'::JSON j""").fetch_arrow_table().schema
    assert fields_from_arrow(lossless)[0]["type"] == "JSON"


def test_fields_from_arrow_unknown_type() -> None:
    with pytest.raises(errors.InternalError):
        fields_from_arrow(pa.schema([pa.field("u", pa.dense_union([]))]))


def test_overlay_fields() -> None:
    derived = fields_from_arrow(
        pa.schema(
            [
                pa.field("g", pa.string()),
                pa.field("j", pa.string()),
                pa.field("big", pa.decimal128(38, 9)),
                pa.field("id", pa.int64()),
                pa.field("added", pa.int64()),
                pa.field(
                    "r", pa.struct([pa.field("start", pa.date32()), pa.field("end", pa.date32())])
                ),
                pa.field(
                    "rec", pa.struct([pa.field("s", pa.string()), pa.field("new", pa.int64())])
                ),
                pa.field("tags", pa.list_(pa.string())),
            ]
        )
    )
    declared = normalize_fields(
        [
            {"name": "G", "type": "GEOGRAPHY", "description": "where"},
            {"name": "j", "type": "JSON", "policyTags": {"names": ["p"]}},
            {"name": "big", "type": "BIGNUMERIC"},
            {"name": "id", "type": "STRING", "mode": "REQUIRED", "defaultValueExpression": "1"},
            {"name": "r", "type": "RANGE", "rangeElementType": {"type": "DATE"}},
            {"name": "rec", "type": "RECORD", "fields": [{"name": "s", "type": "JSON"}]},
            {"name": "tags", "type": "STRING", "mode": "REQUIRED"},
        ]
    )
    out = overlay_fields(derived, declared)
    assert out == [
        {"name": "g", "type": "GEOGRAPHY", "mode": "NULLABLE", "description": "where"},
        {"name": "j", "type": "JSON", "mode": "NULLABLE", "policyTags": {"names": ["p"]}},
        {"name": "big", "type": "BIGNUMERIC", "mode": "NULLABLE"},
        # The physical INTEGER cannot hold a STRING, so the engine's type wins.
        {"name": "id", "type": "INTEGER", "mode": "REQUIRED", "defaultValueExpression": "1"},
        {"name": "added", "type": "INTEGER", "mode": "NULLABLE"},
        {"name": "r", "type": "RANGE", "mode": "NULLABLE", "rangeElementType": {"type": "DATE"}},
        {
            "name": "rec",
            "type": "RECORD",
            "mode": "NULLABLE",
            "fields": [
                {"name": "s", "type": "JSON", "mode": "NULLABLE"},
                {"name": "new", "type": "INTEGER", "mode": "NULLABLE"},
            ],
        },
        {"name": "tags", "type": "STRING", "mode": "REPEATED"},
    ]
    assert overlay_fields(derived, None) == derived
