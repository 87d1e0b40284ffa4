"""The column-wise insertAll decoder answers exactly as the reference decoder, or not at all."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from bqhouse import schema
from bqhouse.encoding import decode_insert_rows
from bqhouse.insert_columns import decode_columns


def _reference(rows: list[Any], fields: list[dict[str, Any]]) -> pa.Table | None:
    good, problems = decode_insert_rows(rows, fields)
    if problems:
        return None
    return pa.Table.from_pylist(good, schema=schema.arrow_schema(fields))


def _field(typ: str, mode: str = "NULLABLE", **extra: Any) -> dict[str, Any]:
    return {"name": "v", "type": typ, "mode": mode, **extra}


# (type, value): plain forms the fast path takes, and look-alikes it must leave to the reference.
CASES: list[tuple[str, Any]] = [
    ("INTEGER", 5),
    ("INTEGER", -(2**63)),
    ("INTEGER", 2**63 - 1),
    ("INTEGER", 2**63),
    ("INTEGER", "42"),
    ("INTEGER", "-007"),
    ("INTEGER", "+5"),
    ("INTEGER", " 5 "),
    ("INTEGER", "9223372036854775808"),
    ("INTEGER", "1e3"),
    ("INTEGER", "\u0661\u0662"),
    ("INTEGER", 1.0),
    ("INTEGER", True),
    ("INTEGER", "x"),
    ("FLOAT", 1.5),
    ("FLOAT", 3),
    ("FLOAT", 2**53 + 1),
    ("FLOAT", "1.5"),
    ("FLOAT", False),
    ("BOOLEAN", True),
    ("BOOLEAN", "true"),
    ("BOOLEAN", 1),
    ("STRING", "héllo"),
    ("STRING", ""),
    ("STRING", 12),
    ("STRING", True),
    ("NUMERIC", "1.5"),
    ("NUMERIC", "-0.0"),
    ("NUMERIC", "12345678901234567890123456789.123456789"),
    ("NUMERIC", "123456789012345678901234567890"),
    ("NUMERIC", "1.1234567895"),
    ("NUMERIC", "1e5"),
    ("NUMERIC", "+1"),
    ("NUMERIC", ".5"),
    ("NUMERIC", "1."),
    ("NUMERIC", 7),
    ("NUMERIC", 7.25),
    ("NUMERIC", "NaN"),
    ("BIGNUMERIC", "1.123456789012345678"),
    ("BIGNUMERIC", "1.1234567890123456789"),
    ("DATE", "2024-02-29"),
    ("DATE", "2023-02-29"),
    ("DATE", "0000-01-01"),
    ("DATE", "0001-01-01"),
    ("DATE", "9999-12-31"),
    ("DATE", "2024-1-5"),
    ("DATE", " 2024-01-05"),
    ("DATE", 20240105),
    ("TIMESTAMP", "2024-01-05 10:00:00"),
]


@pytest.mark.parametrize(("typ", "value"), CASES)
def test_fast_path_agrees_with_reference(typ: str, value: Any) -> None:
    fields = [_field(typ), {"name": "n", "type": "INTEGER", "mode": "NULLABLE"}]
    rows = [{"v": value, "n": 1}, {"n": 2}, {"v": None}]
    fast = decode_columns(rows, fields)
    if fast is None:
        return  # the reference decides
    assert fast.equals(_reference(rows, fields)), (typ, value)


@pytest.mark.parametrize(
    ("fields", "rows"),
    [
        ([_field("INTEGER")], [{"V": 1}]),  # case folding is the reference's business
        ([_field("INTEGER")], [{"v": 1, "extra": 2}]),  # unknown field: an error or ignored
        ([_field("INTEGER", "REQUIRED")], [{"v": 1}, {}]),  # missing required field
        ([_field("INTEGER", "REPEATED")], [{"v": [1]}]),
        ([_field("NUMERIC", precision=5, scale=2)], [{"v": "1234.5"}]),  # too many digits
        ([_field("INTEGER")], ["not a row"]),
    ],
)
def test_fast_path_leaves_the_rest_to_the_reference(
    fields: list[dict[str, Any]], rows: list[Any]
) -> None:
    assert decode_columns(rows, fields) is None


def test_parameterized_numeric_in_range() -> None:
    fields = [_field("NUMERIC", precision=5, scale=2)]
    rows = [{"v": "123.4"}, {"v": "-999.99"}, {"v": 12}]
    fast = decode_columns(rows, fields)
    assert fast is not None
    assert fast.equals(_reference(rows, fields))


def test_wide_rows_agree() -> None:
    fields = [
        {"name": "i", "type": "INTEGER", "mode": "REQUIRED"},
        {"name": "f", "type": "FLOAT", "mode": "NULLABLE"},
        {"name": "b", "type": "BOOLEAN", "mode": "NULLABLE"},
        {"name": "s", "type": "STRING", "mode": "NULLABLE"},
        {"name": "n", "type": "NUMERIC", "mode": "NULLABLE"},
        {"name": "d", "type": "DATE", "mode": "NULLABLE"},
    ]
    rows = [
        {"i": k, "f": k / 3, "b": k % 2 == 0, "s": f"s{k}", "n": f"{k}.{k % 10}", "d": "2024-03-01"}
        for k in range(300)
    ] + [{"i": -1}]
    fast = decode_columns(rows, fields)
    assert fast is not None
    assert fast.equals(_reference(rows, fields))
