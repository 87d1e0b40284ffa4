"""The column-wise ProtoRows decoder gives exactly what the row-by-row decoder gives.

``ProtoDecoder.fast`` parses a whole ``ProtoRows`` in one protobuf call and builds each column in
one pass; ``ProtoDecoder.decode`` converts row by row and names bad rows. Random rows over every
mapped type (absent fields, default values, repeated, nested, overflow, bad bytes) must give the
same table, or the fast pass must step aside so the exact one answers.
"""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa
import pytest
from google.cloud.bigquery_storage_v1 import types
from google.protobuf import descriptor_pb2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bqhouse import errors, schema
from bqhouse.grpc.proto_rows import ProtoDecoder, RowErrors, message_class
from bqhouse.testing import proto_message

FD = descriptor_pb2.FieldDescriptorProto
ProtoRows = types.ProtoRows.pb()

# (name, proto type, repeated?, BigQuery type, mode)
COLUMNS = [
    ("i", FD.TYPE_INT64, False, "INTEGER", "NULLABLE"),
    ("u", FD.TYPE_UINT64, False, "INTEGER", "NULLABLE"),
    ("i32", FD.TYPE_SINT32, False, "INTEGER", "NULLABLE"),
    ("e", FD.TYPE_ENUM, False, "INTEGER", "NULLABLE"),
    ("f", FD.TYPE_DOUBLE, False, "FLOAT", "NULLABLE"),
    ("f32", FD.TYPE_FLOAT, False, "FLOAT", "NULLABLE"),
    ("b", FD.TYPE_BOOL, False, "BOOLEAN", "NULLABLE"),
    ("s", FD.TYPE_STRING, False, "STRING", "NULLABLE"),
    ("by", FD.TYPE_BYTES, False, "BYTES", "NULLABLE"),
    ("ts", FD.TYPE_INT64, False, "TIMESTAMP", "NULLABLE"),
    ("tss", FD.TYPE_STRING, False, "TIMESTAMP", "NULLABLE"),
    ("d", FD.TYPE_INT32, False, "DATE", "NULLABLE"),
    ("ds", FD.TYPE_STRING, False, "DATE", "NULLABLE"),
    ("dt", FD.TYPE_STRING, False, "DATETIME", "NULLABLE"),
    ("tm", FD.TYPE_STRING, False, "TIME", "NULLABLE"),
    ("n", FD.TYPE_STRING, False, "NUMERIC", "NULLABLE"),
    ("nb", FD.TYPE_BYTES, False, "NUMERIC", "NULLABLE"),
    ("j", FD.TYPE_STRING, False, "JSON", "NULLABLE"),
    ("req", FD.TYPE_INT64, False, "INTEGER", "REQUIRED"),
    ("tags", FD.TYPE_STRING, True, "STRING", "REPEATED"),
    ("ints", FD.TYPE_INT64, True, "INTEGER", "REPEATED"),
    ("one", FD.TYPE_STRING, False, "STRING", "REPEATED"),  # a scalar into a REPEATED column
]
SUB = [{"name": "x", "type": "INTEGER", "mode": "NULLABLE"}]
SUB += [{"name": "y", "type": "TIMESTAMP", "mode": "NULLABLE"}]
FIELDS: list[dict[str, Any]] = [
    {"name": name.upper() if name == "s" else name, "type": bq, "mode": mode}
    for name, _, _, bq, mode in COLUMNS
] + [
    {"name": "rec", "type": "RECORD", "mode": "NULLABLE", "fields": SUB},
    {"name": "recs", "type": "RECORD", "mode": "REPEATED", "fields": SUB},
    {"name": "absent", "type": "STRING", "mode": "NULLABLE"},  # no proto field: NULL
    {"name": "absent_list", "type": "INTEGER", "mode": "REPEATED"},
]


def _client_class() -> tuple[Any, descriptor_pb2.DescriptorProto]:
    file = descriptor_pb2.FileDescriptorProto(name="decode_test.proto", package="t")
    row = file.message_type.add(name="Row")
    sub = row.nested_type.add(name="Sub")
    sub.field.add(name="x", number=1, type=FD.TYPE_INT64, label=FD.LABEL_OPTIONAL)
    sub.field.add(name="y", number=2, type=FD.TYPE_STRING, label=FD.LABEL_OPTIONAL)
    enum = row.enum_type.add(name="Kind")
    for number, name in enumerate(["ZERO", "ONE", "TWO"]):
        enum.value.add(name=name, number=number)
    for number, (name, kind, repeated, _, _) in enumerate(COLUMNS, start=1):
        field = row.field.add(
            name=name,
            number=number,
            type=kind,
            label=FD.LABEL_REPEATED if repeated else FD.LABEL_OPTIONAL,
        )
        if kind == FD.TYPE_ENUM:
            field.type_name = ".t.Row.Kind"
    for number, name, label in ((90, "rec", FD.LABEL_OPTIONAL), (91, "recs", FD.LABEL_REPEATED)):
        row.field.add(
            name=name, number=number, type=FD.TYPE_MESSAGE, label=label, type_name=".t.Row.Sub"
        )
    return proto_message(file, "t.Row")


ROW, DESCRIPTOR = _client_class()
DECODER = ProtoDecoder(message_class(DESCRIPTOR), FIELDS)

_ints = st.sampled_from([0, 1, -1, 2**31 - 1, -(2**63), 2**63 - 1, 12345])
_stamps = st.sampled_from(
    ["2024-01-02T03:04:05Z", "2024-01-02 03:04:05.123456+00:00", "", "not a time", "1970-01-01"]
)
_sub = st.fixed_dictionaries({}, optional={"x": _ints, "y": _stamps})
VALUES: dict[str, Any] = {
    "i": _ints,
    "u": st.sampled_from([0, 1, 2**63 - 1, 2**63, 2**64 - 1]),  # > int64: Arrow refuses
    "i32": st.sampled_from([0, -1, 2**31 - 1, -(2**31)]),
    "e": st.sampled_from([0, 1, 2]),
    "f": st.sampled_from([0.0, -0.0, 1.5, -2.25, float("inf"), 1e308]),
    "f32": st.sampled_from([0.0, 0.5, -3.0]),
    "b": st.booleans(),
    "s": st.text(max_size=5),
    "by": st.binary(max_size=5),
    "ts": st.sampled_from([0, 1, -1, 1_700_000_000_000_000]),
    "tss": _stamps,
    "d": st.sampled_from([0, 1, -1, 19000]),
    "ds": st.sampled_from(["2024-02-29", "2023-02-29", "", "0001-01-01"]),
    "dt": st.sampled_from(["2024-01-02T03:04:05", "2024-01-02 03:04:05.5", "nope"]),
    "tm": st.sampled_from(["03:04:05", "23:59:59.999999", "25:00:00"]),
    "n": st.sampled_from(["0", "1.5", "-123.456789012", "1e40", "abc", "NaN"]),
    "nb": st.sampled_from([b"", b"\x01", b"\xff", b"\x00\xca\x9a\x3b"]),
    "j": st.sampled_from(['{"a": 1}', "[]", ""]),
    "req": _ints,
    "tags": st.lists(st.text(max_size=3), max_size=3),
    "ints": st.lists(_ints, max_size=3),
    "one": st.text(max_size=3),
    "rec": _sub,
    "recs": st.lists(_sub, max_size=2),
}


def _serialize(values: dict[str, Any]) -> bytes:
    row = ROW()
    for name, value in values.items():
        if name == "rec":
            getattr(row, name).SetInParent()
            for key, sub in value.items():
                setattr(row.rec, key, sub)
        elif name == "recs":
            for sub in value:
                row.recs.add(**sub)
        elif isinstance(value, list):
            getattr(row, name).extend(value)
        else:
            setattr(row, name, value)
    return row.SerializeToString()


_row = st.fixed_dictionaries({}, optional=VALUES).map(_serialize)
_garbage = st.sampled_from([b"\xff\xff\xff", b"\x08", b"\x0a\x05ab"])  # not messages


def _outcome(decode: Any) -> tuple[str, Any]:
    try:
        return "rows", decode()
    except RowErrors as exc:
        return "errors", exc.rows


def _same(fast: pa.Table, slow: pa.Table) -> None:
    assert fast.schema == slow.schema
    assert fast.equals(slow)
    assert fast.to_pylist() == slow.to_pylist()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_row, _row, _row, _garbage), max_size=8))
def test_fast_pass_matches_row_by_row(serialized: list[bytes]) -> None:
    rows = ProtoRows(serialized_rows=serialized)
    slow = _outcome(lambda: DECODER.decode(serialized))
    fast = DECODER.fast(rows)
    if fast is not None:
        assert slow[0] == "rows", f"fast pass accepted rows the exact pass refuses: {slow[1]}"
        _same(fast, slow[1])
    kind, got = _outcome(lambda: DECODER.decode_rows(rows))
    assert kind == slow[0]
    if kind == "rows":
        _same(got, slow[1])
    else:
        assert got == slow[1]


def test_fast_pass_is_taken_for_good_rows() -> None:
    values = {
        **dict(i=-(2**63), u=5, i32=-1, e=2, f=1e308, f32=0.5, b=True, s="é", by=b"\x00"),
        **dict(ts=1, tss="2024-01-02T03:04:05Z", d=19000, ds="2024-02-29", j="[]"),
        **dict(dt="2024-01-02T03:04:05", tm="03:04:05", n="1.5", nb=b"\x01", req=7),
        **dict(tags=["a", ""], ints=[0, 1], one="x", recs=[{"x": 2}, {}]),
        "rec": {"x": 1, "y": "2024-01-02T03:04:05Z"},
    }
    rows = ProtoRows(serialized_rows=[_serialize(values), _serialize({"req": 0})])
    fast = DECODER.fast(rows)
    assert fast is not None
    first, second = fast.to_pylist()
    assert second["req"] == 0 and second["i"] is None and second["f"] is None
    assert second["tags"] == [] and second["one"] == [] and second["rec"] is None
    assert first["absent"] is None and first["absent_list"] == []
    assert first["S"] == values["s"]  # columns match proto fields case-insensitively
    assert first["u"] == 5 and first["rec"]["x"] == 1


def test_unset_vs_default_values() -> None:
    """proto2 presence: a field set to 0 / "" / false is a value, an unset field is NULL."""
    defaults = _serialize({"req": 1, "i": 0, "s": "", "b": False, "f": -0.0, "ts": 0})
    unset = _serialize({"req": 2})
    table = DECODER.decode_rows(ProtoRows(serialized_rows=[defaults, unset]))
    a, b = table.to_pylist()
    assert (a["i"], a["S"], a["b"], a["f"], str(a["ts"])) == (
        0,
        "",
        False,
        0.0,
        "1970-01-01 00:00:00+00:00",
    )
    assert (b["i"], b["S"], b["b"], b["f"], b["ts"]) == (None, None, None, None, None)
    assert math.copysign(1.0, a["f"]) == -1.0  # the sign survives


def test_bad_rows_are_named_by_their_index() -> None:
    good = _serialize({"req": 1})
    overflow = _serialize({"req": 2, "u": 2**64 - 1})
    missing = _serialize({"i": 3})
    serialized = [good, b"\xff\xff", overflow, good, missing]
    with pytest.raises(RowErrors) as raised:
        DECODER.decode_rows(ProtoRows(serialized_rows=serialized))
    assert sorted(raised.value.rows) == [1, 2, 4]
    assert "Missing required field: req" in raised.value.rows[4]


def test_bad_descriptor_is_invalid() -> None:
    broken = descriptor_pb2.DescriptorProto(name="Row")
    broken.field.add(name="x", number=1, type=FD.TYPE_MESSAGE, type_name=".nowhere.Missing")
    with pytest.raises(errors.Invalid, match="Invalid proto schema"):
        message_class(broken)


def test_a_message_named_like_the_wrapper_still_decodes() -> None:
    """The one-call parse adds a wrapper type; a clash with the client's names is harmless."""
    clash = descriptor_pb2.DescriptorProto(name="_bqhouse_batch")
    clash.field.add(name="x", number=1, type=FD.TYPE_INT64, label=FD.LABEL_OPTIONAL)
    klass = message_class(clash)
    fields = [{"name": "x", "type": "INTEGER", "mode": "NULLABLE"}]
    decoder = ProtoDecoder(klass, fields)
    rows = ProtoRows(serialized_rows=[klass(x=7).SerializeToString(), b""])
    table = decoder.decode_rows(rows)
    assert table.to_pylist() == [{"x": 7}, {"x": None}]
    assert table.schema == schema.arrow_schema(fields)
