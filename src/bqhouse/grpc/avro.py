"""Avro for the Storage Read API: BigQuery's Avro schema for a table and rows as binary records.

``AvroRows.serialized_binary_rows`` is a run of Avro binary-encoded records with no container
header, no block counts and no sync markers: the official client parses it with repeated
``fastavro.schemaless_reader`` calls against the session's JSON schema.
Type mapping (BigQuery's Avro conventions): INTEGER ``long``; FLOAT ``double``; BOOLEAN
``boolean``; STRING ``string``; BYTES ``bytes``; NUMERIC and BIGNUMERIC ``bytes`` with the
``decimal`` logical type; DATE ``int``/``date``; TIME ``long``/``time-micros``; TIMESTAMP
``long``/``timestamp-micros``; DATETIME ``string``/``datetime``; GEOGRAPHY and JSON ``string``
with ``sqlType``; RECORD a nested record; NULLABLE a union with ``null`` first; REPEATED an array.
https://cloud.google.com/bigquery/docs/reference/storage#avro_schema_details
"""

from __future__ import annotations

import io
import json
from typing import Any

import fastavro
import pyarrow as pa
import pyarrow.compute as pc

Field = dict[str, Any]
# DATETIME as text, always with six fractional digits (Arrow's strftime gives the same).
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"
# Top-level columns whose Avro binary form is the Arrow value cast to an integer: they are cast in
# Arrow and written against the physical type, skipping Python date/time objects per value.
_PHYSICAL: dict[str, tuple[pa.DataType, str]] = {
    "TIMESTAMP": (pa.int64(), "long"),
    "TIME": (pa.int64(), "long"),
    "DATE": (pa.int32(), "int"),
}

_PRIMITIVE: dict[str, Any] = {
    "INTEGER": "long",
    "FLOAT": "double",
    "BOOLEAN": "boolean",
    "STRING": "string",
    "BYTES": "bytes",
    "DATE": {"type": "int", "logicalType": "date"},
    "TIME": {"type": "long", "logicalType": "time-micros"},
    "TIMESTAMP": {"type": "long", "logicalType": "timestamp-micros"},
    "DATETIME": {"type": "string", "logicalType": "datetime"},
    "GEOGRAPHY": {"type": "string", "sqlType": "GEOGRAPHY"},
    "JSON": {"type": "string", "sqlType": "JSON"},
    "INTERVAL": {"type": "string", "sqlType": "INTERVAL"},
    "NUMERIC": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 9},
    "BIGNUMERIC": {"type": "bytes", "logicalType": "decimal", "precision": 77, "scale": 38},
}


def _type(field: Field, namespace: str) -> Any:
    kind = field["type"]
    if kind == "RECORD":
        base: Any = {
            "type": "record",
            "name": field["name"],
            "namespace": namespace,
            "fields": _fields(field["fields"], f"{namespace}.{field['name']}"),
        }
    elif kind == "RANGE":
        element = {"name": "x", "type": field["rangeElementType"]["type"], "mode": "NULLABLE"}
        base = {
            "type": "record",
            "name": field["name"],
            "namespace": namespace,
            "fields": [{"name": n, "type": _type(element, namespace)} for n in ("start", "end")],
        }
    else:
        base = dict(_PRIMITIVE[kind]) if isinstance(_PRIMITIVE[kind], dict) else _PRIMITIVE[kind]
    if field.get("mode") == "REPEATED":
        return {"type": "array", "items": base}
    return base if field.get("mode") == "REQUIRED" else ["null", base]


def _fields(fields: list[Field], namespace: str) -> list[dict[str, Any]]:
    return [{"name": f["name"], "type": _type(f, namespace)} for f in fields]


def avro_schema(fields: list[Field]) -> dict[str, Any]:
    """The Avro schema BigQuery sends for ``fields`` (a record named ``__root__``).

    >>> avro_schema([{"name": "n", "type": "INTEGER", "mode": "NULLABLE"}])["fields"]
    [{'name': 'n', 'type': ['null', 'long']}]
    """
    return {"type": "record", "name": "__root__", "fields": _fields(fields, "__root__")}


def _interval_text(value: Any) -> str:
    """An Arrow month-day-nano interval as BigQuery's canonical ``Y-M D H:M:S[.F]`` text."""
    months, days, nanos = value.months, value.days, value.nanoseconds
    sign = "-" if nanos < 0 else ""
    micros = abs(nanos) // 1000
    seconds, frac = divmod(micros, 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{months // 12}-{months % 12} {days} {sign}{hours}:{minutes}:{seconds}"
    return f"{text}.{frac:06d}".rstrip("0") if frac else text


def _converter(field: Field) -> Any:
    """A function from the Python value Arrow gives to the value fastavro writes, or None."""
    kind = field["type"]
    one: Any = None
    if kind == "DATETIME":
        one = lambda d: d.strftime(DATETIME_FORMAT)  # noqa: E731
    elif kind == "INTERVAL":
        one = _interval_text
    elif kind == "RECORD":
        subs = [(f["name"], _converter(f)) for f in field["fields"]]
        if any(c for _, c in subs):
            one = lambda r: {  # noqa: E731
                n: (c(r[n]) if c and r[n] is not None else r[n]) for n, c in subs
            }
    elif kind == "RANGE":
        element = _converter({"type": field["rangeElementType"]["type"]})
        if element:
            one = lambda r: {k: (element(v) if v is not None else v) for k, v in r.items()}  # noqa: E731
    if one is None or field.get("mode") != "REPEATED":
        return one
    return lambda items: [one(v) if v is not None else v for v in items]


def _read_long(data: bytes, pos: int) -> tuple[int, int]:
    """An Avro (zigzag varint) long at ``pos``; returns it and the position after it."""
    shift = value = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return (value >> 1) ^ -(value & 1), pos


class AvroRowWriter:
    """Encodes Arrow record batches of ``fields`` as concatenated Avro binary records.

    fastavro's container writer does the per-row work in compiled code; with every row in one
    block, that block's bytes are exactly the concatenated records the Storage API sends.
    """

    def __init__(self, fields: list[Field]) -> None:
        self.schema = avro_schema(fields)
        self.schema_json = json.dumps(self.schema)
        physical = avro_schema(fields)
        self._casts: list[tuple[int, Any]] = []
        self._convert: list[tuple[str, Any]] = []
        for i, f in enumerate(fields):
            kind, repeated = f["type"], f.get("mode") == "REPEATED"
            if kind in _PHYSICAL or (kind == "DATETIME" and not repeated):
                cast = _PHYSICAL.get(kind)
                self._casts.append((i, cast[0] if cast else None))
                base = cast[1] if cast else "string"
                physical["fields"][i]["type"] = (
                    {"type": "array", "items": base}
                    if repeated
                    else base
                    if f.get("mode") == "REQUIRED"
                    else ["null", base]
                )
            else:
                self._convert.append((f["name"], _converter(f)))
        self._writer_schema = fastavro.parse_schema(physical)
        header = io.BytesIO()
        fastavro.writer(header, self._writer_schema, [], codec="null")
        self._header = len(header.getvalue())

    def _physical(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        for i, target in self._casts:
            column = batch.column(i)
            if target is None:  # DATETIME
                column = pc.strftime(column, format=DATETIME_FORMAT.replace(".%f", ""))
            elif pa.types.is_list(column.type):
                column = column.cast(pa.list_(target))
            else:
                column = column.cast(target)
            batch = batch.set_column(i, batch.schema.field(i).name, column)
        return batch

    def encode(self, batch: pa.RecordBatch) -> bytes:
        rows = self._physical(batch).to_pylist()
        converters = [(name, conv) for name, conv in self._convert if conv]
        for row in rows if converters else ():
            for name, conv in converters:
                if row[name] is not None:
                    row[name] = conv(row[name])
        out = io.BytesIO()
        fastavro.writer(out, self._writer_schema, rows, codec="null", sync_interval=1 << 62)
        data = out.getvalue()
        if len(data) == self._header:
            return b""
        _, pos = _read_long(data, self._header)  # the block's row count
        size, pos = _read_long(data, pos)
        return data[pos : pos + size]
