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
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import DecodeError, Message

from bqhouse import errors, schema

Field = dict[str, Any]
_names = itertools.count()
_cache: dict[bytes, type[Message]] = {}
# id(pool) -> (the pool, kept so that its id is never reused; row type name -> wrapper class)
_batches: dict[int, tuple[Any, dict[str, type[Message] | None]]] = {}
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


def batch_class(klass: type[Message]) -> type[Message] | None:
    """A message ``{ repeated <klass> rows = 1; }``: parses a whole ``ProtoRows`` in one call.

    ``ProtoRows.serialized_rows`` is field 1, length-delimited, so its wire bytes are exactly
    this message's. None if the wrapper cannot be built (then rows are parsed one by one).
    """
    row = klass.DESCRIPTOR
    with _cache_lock:  # held throughout: two connections must not both add the wrapper
        _, known = _batches.setdefault(id(row.file.pool), (row.file.pool, {}))
        if row.full_name not in known:
            known[row.full_name] = _new_batch_class(row)
        return known[row.full_name]


def _new_batch_class(row: Any) -> type[Message] | None:
    file = descriptor_pb2.FileDescriptorProto(
        name=f"{row.file.name}.batch", package="_bqhouse_batch", dependency=[row.file.name]
    )
    wrapper = file.message_type.add(name="Batch")
    wrapper.field.add(
        name="rows",
        number=1,
        type=descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE,
        label=descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED,
        type_name=f".{row.full_name}",
    )
    try:
        row.file.pool.Add(file)
        return message_factory.GetMessageClass(
            row.file.pool.FindMessageTypeByName("_bqhouse_batch.Batch")
        )
    except Exception:  # a name clash with the client's own types: parse row by row instead
        return None


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


def _by_lower(descriptor: Any) -> dict[str, Any]:
    found = _fields_by_lower.get(descriptor)
    if found is None:
        found = _fields_by_lower[descriptor] = {fd.name.lower(): fd for fd in descriptor.fields}
    return found


_fields_by_lower: dict[Any, dict[str, Any]] = {}


def _row(message: Message, fields: list[Field]) -> dict[str, Any]:
    by_lower = _by_lower(message.DESCRIPTOR)
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


class _Slow(Exception):
    """The column-wise pass cannot decide: the row-by-row pass gives the exact answer."""


_INT_TYPES = frozenset(
    {
        FieldDescriptor.CPPTYPE_INT32,
        FieldDescriptor.CPPTYPE_INT64,
        FieldDescriptor.CPPTYPE_UINT32,
        FieldDescriptor.CPPTYPE_UINT64,
    }
)
# Converters that return an integer unchanged (int64 micros, int32 days).
_INT_IDENTITY = frozenset({"TIMESTAMP", "DATE"})


def _present(rows: list[Message], fd: Any) -> list[Any]:
    """One field of every row: its value, None when the row does not set it."""
    name = fd.name
    if fd.is_repeated:
        return [list(getattr(m, name)) for m in rows]
    if fd.message_type is not None:
        return [getattr(m, name) if m.HasField(name) else None for m in rows]
    if fd.has_presence:  # a falsy value may be the default of an unset field: ask
        return [v if (v := getattr(m, name)) or m.HasField(name) else None for m in rows]
    return [getattr(m, name) for m in rows]


def _column(rows: list[Message], field: Field, fd: Any, arrow_type: pa.DataType) -> pa.Array:
    """The values ``_row`` gives this field in every row, as one Arrow array."""
    mode = field.get("mode")
    if fd is None:
        if mode == "REQUIRED":
            raise _Slow
        return pa.array([[] if mode == "REPEATED" else None] * len(rows), arrow_type)
    values = _present(rows, fd)
    if field["type"] == "RECORD" or (
        field["type"] in _CONVERTERS
        and not (field["type"] in _INT_IDENTITY and fd.cpp_type in _INT_TYPES)
    ):
        if fd.is_repeated:
            values = [[_value(v, field) for v in row] for row in values]
        else:
            values = [None if v is None else _value(v, field) for v in values]
    if mode == "REQUIRED" and None in values:
        raise _Slow
    if mode == "REPEATED" and not fd.is_repeated:
        values = [[] if v is None else v for v in values]
    return pa.array(values, arrow_type)


@dataclass
class ProtoDecoder:
    """Decodes serialized rows of one message class into the table's Arrow schema.

    ``decode_rows`` parses the whole ``ProtoRows`` in one protobuf call and builds each column in
    one pass. Anything it cannot do (a bad row, a missing REQUIRED value, a value Arrow refuses)
    sends the request to ``decode``, the row-by-row pass, which names each bad row.
    """

    klass: type[Message]
    fields: list[Field]

    def __post_init__(self) -> None:
        self.target = schema.arrow_schema(self.fields)
        self.batch = batch_class(self.klass)
        by_lower = _by_lower(self.klass.DESCRIPTOR)
        self.plan = [
            (field, by_lower.get(field["name"].lower()), self.target.field(i).type)
            for i, field in enumerate(self.fields)
        ]

    def decode_rows(self, rows: Any) -> pa.Table:
        """A ``ProtoRows`` message: every row, or ``RowErrors`` naming each bad one."""
        fast = self.fast(rows)
        return self.decode(list(rows.serialized_rows)) if fast is None else fast

    def fast(self, rows: Any) -> pa.Table | None:
        """The column-wise pass: what ``decode`` gives, or None when only ``decode`` can tell."""
        if self.batch is None:
            return None
        try:
            parsed = list(self.batch.FromString(rows.SerializeToString()).rows)
            columns = [_column(parsed, field, fd, typ) for field, fd, typ in self.plan]
            return pa.Table.from_arrays(columns, schema=self.target)
        except Exception:  # a bad row or value: the exact pass decides and names the rows
            return None

    def decode(self, serialized: list[bytes]) -> pa.Table:
        """Every row, or ``RowErrors`` naming each bad one (then nothing is written)."""
        target = self.target
        rows: list[tuple[int, dict[str, Any]]] = []
        bad: dict[int, str] = {}
        for index, data in enumerate(serialized):
            try:
                rows.append((index, _row(self.klass.FromString(data), self.fields)))
            except (DecodeError, ValueError, TypeError, ArithmeticError) as exc:
                bad[index] = f"Could not convert row {index}: {exc}"
        if not bad:
            try:
                return pa.Table.from_pylist([row for _, row in rows], schema=target)
            except (pa.ArrowException, ValueError, TypeError, OverflowError):
                pass
        for index, row in rows:  # find the rows Arrow refuses
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
