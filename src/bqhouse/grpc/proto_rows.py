"""Decode AppendRows payloads (ProtoRows with their ProtoSchema, or Arrow) into Arrow tables.

The message class is built from the ``DescriptorProto`` the client sends, with protobuf's own
``descriptor_pool`` and ``message_factory``: nothing is generated or executed. Field names match
table columns case-insensitively; conversions follow BigQuery's proto type mapping:
https://cloud.google.com/bigquery/docs/write-api#data_type_conversions
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyarrow as pa
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError, Message

from bqhouse import errors, schema

Field = dict[str, Any]
_names = itertools.count()
_cache: dict[bytes, type[Message]] = {}
_cache_lock = threading.Lock()


class RowErrors(errors.Invalid):
    """Some rows could not be converted: ``rows`` maps a row index to its message."""

    def __init__(self, rows: dict[int, str]) -> None:
        super().__init__(f"Errors found in {len(rows)} row(s); see row_errors")
        self.rows = rows


def _type_names(message: descriptor_pb2.DescriptorProto, prefix: str = "") -> set[str]:
    here = f"{prefix}{message.name}"
    names = {here, *(f"{here}.{e.name}" for e in message.enum_type)}
    for nested in message.nested_type:
        names |= _type_names(nested, f"{here}.")
    return names


def _relink(message: descriptor_pb2.DescriptorProto, known: set[str]) -> None:
    """Point fully qualified references (``.pkg.Outer.Inner``) at the nested types we hold."""
    for fd in message.field:
        if fd.type_name.startswith("."):
            parts = fd.type_name[1:].split(".")
            for i in range(len(parts)):
                if ".".join(parts[i:]) in known:
                    fd.type_name = "." + ".".join(parts[i:])
                    break
    for nested in message.nested_type:
        _relink(nested, known)


def message_class(descriptor: descriptor_pb2.DescriptorProto) -> type[Message]:
    """The message class a self-contained ``DescriptorProto`` describes.

    >>> d = descriptor_pb2.DescriptorProto(name="Row")
    >>> _ = d.field.add(name="x", number=1, type=3, label=1)
    >>> message_class(d)(x=5).x
    5
    """
    key = descriptor.SerializeToString(deterministic=True)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    copy = descriptor_pb2.DescriptorProto()
    copy.CopyFrom(descriptor)
    _relink(copy, _type_names(copy))
    file = descriptor_pb2.FileDescriptorProto(name=f"bqhouse_append_{next(_names)}.proto")
    file.message_type.add().CopyFrom(copy)
    try:
        pool = descriptor_pool.DescriptorPool()
        pool.Add(file)
        klass = message_factory.GetMessageClass(pool.FindMessageTypeByName(copy.name))
    except Exception as exc:  # protobuf raises TypeError, KeyError or its own Error
        raise errors.Invalid(f"Invalid proto schema: {exc}") from exc
    with _cache_lock:
        _cache[key] = klass
    return klass


def check_fields(descriptor: Any, fields: list[Field], table: str) -> None:
    """BigQuery refuses proto fields the table does not have."""
    known = {f["name"].lower() for f in fields}
    extra = [fd.name for fd in descriptor.fields if fd.name.lower() not in known]
    if extra:
        raise errors.Invalid(
            f"Input schema has more fields than BigQuery schema, extra fields: "
            f"'{','.join(extra)}' (table {table})"
        )
    for fd in descriptor.fields:
        sub = next(f for f in fields if f["name"].lower() == fd.name.lower())
        if fd.message_type is not None and sub["type"] == "RECORD":
            check_fields(fd.message_type, sub["fields"], table)


# ---- values ---------------------------------------------------------------------------------


def _numeric(scale: int) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, bytes):  # little-endian two's complement, scaled by 10^scale
            return Decimal(int.from_bytes(value, "little", signed=True)).scaleb(-scale)
        return Decimal(str(value))

    return convert


def _timestamp(value: Any) -> Any:
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value  # int64 microseconds since the epoch


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value  # int32 days


def _civil(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("packed civil-time integers are not supported; send a string")
        return parse(value)

    return convert


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "NUMERIC": _numeric(9),
    "BIGNUMERIC": _numeric(38),
    "TIMESTAMP": _timestamp,
    "DATE": _date,
    "DATETIME": _civil(lambda s: dt.datetime.fromisoformat(s.replace("T", " "))),
    "TIME": _civil(dt.time.fromisoformat),
}


def _value(value: Any, field: Field) -> Any:
    if field["type"] == "RECORD":
        return _row(value, field["fields"])
    convert = _CONVERTERS.get(field["type"])
    return convert(value) if convert else value


def _row(message: Message, fields: list[Field]) -> dict[str, Any]:
    by_lower = {fd.name.lower(): fd for fd in message.DESCRIPTOR.fields}
    row: dict[str, Any] = {}
    for field in fields:
        fd = by_lower.get(field["name"].lower())
        value: Any = None
        if fd is None:
            pass
        elif fd.is_repeated:
            value = [_value(v, field) for v in getattr(message, fd.name)]
        elif message.HasField(fd.name) if fd.has_presence else True:
            value = _value(getattr(message, fd.name), field)
        if value is None and field.get("mode") == "REQUIRED":
            raise ValueError(f"Missing required field: {field['name']}")
        row[field["name"]] = [] if value is None and field.get("mode") == "REPEATED" else value
    return row


# ---- tables ---------------------------------------------------------------------------------


@dataclass
class ProtoDecoder:
    """Decodes serialized rows of one message class into the table's Arrow schema."""

    klass: type[Message]
    fields: list[Field]

    def decode(self, serialized: list[bytes]) -> pa.Table:
        """Every row, or ``RowErrors`` naming each bad one (then nothing is written)."""
        target = schema.arrow_schema(self.fields)
        rows: list[dict[str, Any]] = []
        bad: dict[int, str] = {}
        for index, data in enumerate(serialized):
            try:
                rows.append(_row(self.klass.FromString(data), self.fields))
            except (DecodeError, ValueError, TypeError, ArithmeticError) as exc:
                bad[index] = f"Could not convert row {index}: {exc}"
        if not bad:
            try:
                return pa.Table.from_pylist(rows, schema=target)
            except (pa.ArrowException, ValueError, TypeError, OverflowError):
                pass
        for index, row in enumerate(rows):  # find the rows Arrow refuses
            try:
                pa.Table.from_pylist([row], schema=target)
            except (pa.ArrowException, ValueError, TypeError, OverflowError) as exc:
                bad[index] = f"Could not convert row {index}: {exc}"
        raise RowErrors(bad)


def decode_arrow(serialized_schema: bytes, batch: bytes, fields: list[Field]) -> pa.Table:
    """An Arrow record batch (IPC) conformed to the table's schema by column name."""
    target = schema.arrow_schema(fields)
    try:
        incoming = pa.ipc.read_schema(pa.py_buffer(serialized_schema))
        data = pa.ipc.read_record_batch(pa.py_buffer(batch), incoming)
    except (pa.ArrowException, ValueError) as exc:
        raise errors.Invalid(f"Invalid Arrow data: {exc}") from exc
    by_lower = {name.lower(): i for i, name in enumerate(data.schema.names)}
    extra = set(by_lower) - {n.lower() for n in target.names}
    if extra:
        raise errors.Invalid(
            "Input schema has more fields than BigQuery schema, extra fields: "
            f"'{','.join(sorted(extra))}'"
        )
    columns = [
        data.column(by_lower[f.name.lower()])
        if f.name.lower() in by_lower
        else pa.nulls(data.num_rows, f.type)
        for f in target
    ]
    try:
        return pa.Table.from_batches(
            [pa.RecordBatch.from_arrays(columns, names=target.names)]
        ).cast(target)
    except (pa.ArrowException, ValueError) as exc:
        raise errors.Invalid(f"Arrow data does not match the table schema: {exc}") from exc
