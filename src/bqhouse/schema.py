"""Table schemas: BigQuery's REST ``TableFieldSchema`` dicts and their DuckDB / Arrow forms.

A *field* is the REST dict ``{"name", "type", "mode", "fields"?, "description"?, ...}``.
``normalize_fields`` turns user input into the canonical form the REST API answers with; the other
functions translate canonical fields to DuckDB column types and Arrow types and back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from bqhouse import errors

Field = dict[str, Any]

# GoogleSQL names accepted on input, mapped to the legacy names the REST API always returns.
_TYPE_ALIASES: dict[str, str] = {
    "INT64": "INTEGER",
    "FLOAT64": "FLOAT",
    "BOOL": "BOOLEAN",
    "STRUCT": "RECORD",
    "DECIMAL": "NUMERIC",
    "BIGDECIMAL": "BIGNUMERIC",
}
_TYPES = frozenset(
    {
        "INTEGER",
        "FLOAT",
        "BOOLEAN",
        "RECORD",
        "STRING",
        "BYTES",
        "TIMESTAMP",
        "DATE",
        "TIME",
        "DATETIME",
        "GEOGRAPHY",
        "JSON",
        "INTERVAL",
        "RANGE",
        "NUMERIC",
        "BIGNUMERIC",
    }
)
_MODES = frozenset({"NULLABLE", "REQUIRED", "REPEATED"})
_RANGE_ELEMENTS = frozenset({"DATE", "DATETIME", "TIMESTAMP"})
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MAX_NAME = 300

# Keys a user declares that the engine's physical columns cannot remember.
_DECLARED_EXTRAS = (
    "description",
    "policyTags",
    "maxLength",
    "precision",
    "scale",
    "defaultValueExpression",
    "collation",
    "roundingMode",
    "rangeElementType",
    "dataPolicies",
    "timestampPrecision",
)


# --------------------------------------------------------------------------- normalize


def normalize_fields(fields: list[Field], *, _path: str = "") -> list[Field]:
    """Validate ``fields`` and return them in canonical REST form (recursively).

    >>> normalize_fields([{"name": "a", "type": "int64"}])
    [{'name': 'a', 'type': 'INTEGER', 'mode': 'NULLABLE'}]
    """
    seen: set[str] = set()
    out: list[Field] = []
    for field in fields:
        norm = _normalize_field(field, _path)
        key = norm["name"].lower()
        if key in seen:
            raise errors.Invalid(
                f"Field {norm['name']} already exists in schema", location=_path + norm["name"]
            )
        seen.add(key)
        out.append(norm)
    return out


def _normalize_field(field: Field, path: str) -> Field:
    name = field.get("name")
    _check_name(name, path)
    assert isinstance(name, str)
    location = path + name
    ftype = _normalize_type(field.get("type"), location)
    mode = str(field.get("mode") or "NULLABLE").upper()
    if mode not in _MODES:
        raise errors.Invalid(
            f"Invalid value for mode: {field.get('mode')} is not a valid value", location=location
        )
    out: Field = {"name": name, "type": ftype, "mode": mode}
    for key, value in field.items():
        if key not in ("name", "type", "mode", "fields"):
            out[key] = value
    if ftype == "RECORD":
        sub = field.get("fields")
        if not sub:
            raise errors.Invalid(
                f"Field {name} is type RECORD but has no schema", location=location
            )
        out["fields"] = normalize_fields(list(sub), _path=location + ".")
    if ftype == "RANGE":
        out["rangeElementType"] = {"type": _range_element(field, location)}
    return out


def _check_name(name: object, path: str) -> None:
    if not isinstance(name, str) or not name:
        raise errors.Invalid("Empty field name", location=path or None)
    if len(name) > _MAX_NAME or not _NAME_RE.fullmatch(name):
        raise errors.Invalid(
            f'Invalid field name "{name}". Fields must contain only letters, numbers, and '
            f"underscores, start with a letter or underscore, and be at most {_MAX_NAME} "
            "characters long.",
            location=path + name,
        )


def _normalize_type(raw: object, location: str) -> str:
    text = str(raw or "").upper()
    ftype = _TYPE_ALIASES.get(text, text)
    if ftype not in _TYPES:
        raise errors.Invalid(
            f"Invalid value for type: {raw} is not a valid value", location=location
        )
    return ftype


def _range_element(field: Field, location: str) -> str:
    element = field.get("rangeElementType") or {}
    etype = _TYPE_ALIASES.get(str(element.get("type", "")).upper(), "")
    etype = etype or str(element.get("type", "")).upper()
    if etype not in _RANGE_ELEMENTS:
        raise errors.Invalid(
            "Field of type RANGE must have rangeElementType DATE, DATETIME or TIMESTAMP",
            location=location,
        )
    return etype


# --------------------------------------------------------------------------- DuckDB


def quote_ident(name: str) -> str:
    """Quote an identifier for DuckDB SQL.

    >>> quote_ident('a"b')
    '"a""b"'
    """
    return '"' + name.replace('"', '""') + '"'


_DUCK_SCALARS: dict[str, str] = {
    "INTEGER": "BIGINT",
    "FLOAT": "DOUBLE",
    "BOOLEAN": "BOOLEAN",
    "STRING": "VARCHAR",
    "BYTES": "BLOB",
    "TIMESTAMP": "TIMESTAMPTZ",
    "DATETIME": "TIMESTAMP",
    "DATE": "DATE",
    "TIME": "TIME",
    "INTERVAL": "INTERVAL",
    "JSON": "JSON",
    "GEOGRAPHY": "VARCHAR",  # stored as WKT text
    # DuckDB's DECIMAL tops out at 38 digits, so BIGNUMERIC (76.76) is narrowed to 20.18 digits.
    "BIGNUMERIC": "DECIMAL(38,18)",
}


def _duck_numeric(field: Field) -> str:
    precision, scale = _precision_scale(field, 38, 9)
    return f"DECIMAL({precision},{scale})"


def _duck_record(field: Field) -> str:
    parts = [f"{quote_ident(sub['name'])} {duckdb_type(sub)}" for sub in field["fields"]]
    return f"STRUCT({', '.join(parts)})"


def _duck_range(field: Field) -> str:
    element = duckdb_type({"type": field["rangeElementType"]["type"], "mode": "NULLABLE"})
    return f'STRUCT("start" {element}, "end" {element})'


_DUCK_BUILDERS: dict[str, Callable[[Field], str]] = {
    "NUMERIC": _duck_numeric,
    "RECORD": _duck_record,
    "RANGE": _duck_range,
}


def duckdb_type(field: Field) -> str:
    """The DuckDB SQL type of a normalized field.

    >>> duckdb_type({"name": "a", "type": "INTEGER", "mode": "REPEATED"})
    'BIGINT[]'
    """
    ftype = field["type"]
    builder = _DUCK_BUILDERS.get(ftype)
    base = builder(field) if builder else _DUCK_SCALARS[ftype]
    return base + "[]" if field.get("mode") == "REPEATED" else base


def column_definitions(fields: list[Field]) -> list[str]:
    """``CREATE TABLE`` column definitions for normalized fields.

    >>> column_definitions([{"name": "id", "type": "INTEGER", "mode": "REQUIRED"}])
    ['"id" BIGINT NOT NULL']
    """
    return [
        f"{quote_ident(f['name'])} {duckdb_type(f)}"
        + (" NOT NULL" if f.get("mode") == "REQUIRED" else "")
        for f in fields
    ]


def _precision_scale(field: Field, precision: int, scale: int) -> tuple[int, int]:
    # REST sends int64 values as strings, so "10" and 10 are both valid here.
    if field.get("precision") is None:
        return precision, scale
    return int(field["precision"]), int(field.get("scale") or 0)


# --------------------------------------------------------------------------- Arrow

_ARROW_SCALARS: dict[str, pa.DataType] = {
    "INTEGER": pa.int64(),
    "FLOAT": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "STRING": pa.string(),
    "BYTES": pa.binary(),
    "TIMESTAMP": pa.timestamp("us", tz="UTC"),
    "DATETIME": pa.timestamp("us"),
    "DATE": pa.date32(),
    "TIME": pa.time64("us"),
    "JSON": pa.string(),
    "GEOGRAPHY": pa.string(),
    "INTERVAL": pa.month_day_nano_interval(),
    "BIGNUMERIC": pa.decimal128(38, 18),  # same narrowing as duckdb_type
}


def _arrow_numeric(field: Field) -> pa.DataType:
    return pa.decimal128(*_precision_scale(field, 38, 9))


def _arrow_record(field: Field) -> pa.DataType:
    return pa.struct([arrow_field(sub) for sub in field["fields"]])


def _arrow_range(field: Field) -> pa.DataType:
    element = _ARROW_SCALARS[field["rangeElementType"]["type"]]
    return pa.struct([pa.field("start", element), pa.field("end", element)])


_ARROW_BUILDERS: dict[str, Callable[[Field], pa.DataType]] = {
    "NUMERIC": _arrow_numeric,
    "RECORD": _arrow_record,
    "RANGE": _arrow_range,
}


def arrow_type(field: Field) -> pa.DataType:
    """The Arrow type of a normalized field (a list type when REPEATED).

    >>> arrow_type({"name": "d", "type": "DATE", "mode": "REPEATED"})
    ListType(list<item: date32[day]>)
    """
    ftype = field["type"]
    builder = _ARROW_BUILDERS.get(ftype)
    base = builder(field) if builder else _ARROW_SCALARS[ftype]
    return pa.list_(base) if field.get("mode") == "REPEATED" else base


def arrow_field(field: Field) -> pa.Field:
    """The Arrow field of a normalized field; REQUIRED is non-nullable.

    >>> arrow_field({"name": "a", "type": "STRING", "mode": "REQUIRED"}).nullable
    False
    """
    return pa.field(field["name"], arrow_type(field), nullable=field.get("mode") != "REQUIRED")


def arrow_schema(fields: list[Field]) -> pa.Schema:
    """The Arrow schema of normalized fields.

    >>> arrow_schema([{"name": "a", "type": "INTEGER", "mode": "NULLABLE"}]).names
    ['a']
    """
    return pa.schema([arrow_field(f) for f in fields])


# --------------------------------------------------------------------------- Arrow -> fields

_JSON_EXTENSIONS = frozenset({"arrow.json", "duckdb.json"})


def _is_json(typ: pa.DataType, meta: dict[bytes, bytes] | None) -> bool:
    # DuckDB 1.4 gives a plain string for JSON by default and the ``arrow.json`` extension type
    # with ``arrow_lossless_conversion``; an unregistered extension shows up only as metadata.
    if isinstance(typ, pa.BaseExtensionType):
        return typ.extension_name in _JSON_EXTENSIONS
    name = (meta or {}).get(b"ARROW:extension:name", b"").decode()
    return name in _JSON_EXTENSIONS


def _decimal_type(typ: pa.DataType) -> str:
    fits_numeric = typ.scale <= 9 and typ.precision - typ.scale <= 29
    return "NUMERIC" if fits_numeric else "BIGNUMERIC"


def _struct_fields(typ: pa.DataType) -> list[Field]:
    return [_field_from_arrow(typ.field(i)) for i in range(typ.num_fields)]


def _is_geography(typ: pa.DataType) -> bool:
    return bool(pa.types.is_union(typ) and typ.num_fields == 1 and typ.field(0).name == "geography")


# A GEOGRAPHY result column turned into WKT strings by bqhouse.sql.geography.strip_marker.
_GEOGRAPHY_METADATA = (b"bqhouse:type", b"GEOGRAPHY")


_ArrowRule = tuple[Callable[[pa.DataType], bool], Callable[[pa.DataType], str]]

# Ordered (predicate, BigQuery type) pairs: Arrow types are classified by predicates, not names.
_ARROW_RULES: list[_ArrowRule] = [
    (pa.types.is_integer, lambda t: "INTEGER"),
    (pa.types.is_floating, lambda t: "FLOAT"),
    (pa.types.is_decimal, _decimal_type),
    (lambda t: pa.types.is_string(t) or pa.types.is_large_string(t), lambda t: "STRING"),
    (pa.types.is_string_view, lambda t: "STRING"),
    (lambda t: pa.types.is_binary(t) or pa.types.is_large_binary(t), lambda t: "BYTES"),
    (pa.types.is_fixed_size_binary, lambda t: "BYTES"),
    (pa.types.is_binary_view, lambda t: "BYTES"),
    (pa.types.is_boolean, lambda t: "BOOLEAN"),
    (pa.types.is_date, lambda t: "DATE"),
    (pa.types.is_time, lambda t: "TIME"),
    (pa.types.is_timestamp, lambda t: "TIMESTAMP" if t.tz else "DATETIME"),
    (pa.types.is_struct, lambda t: "RECORD"),
    (pa.types.is_interval, lambda t: "INTERVAL"),
    (pa.types.is_duration, lambda t: "INTERVAL"),
    (pa.types.is_null, lambda t: "STRING"),
    # A GEOGRAPHY in a query is DuckDB's UNION(geography VARCHAR) (bqhouse.sql.functions.geography).
    (_is_geography, lambda t: "GEOGRAPHY"),
]


def _bq_type(typ: pa.DataType, name: str) -> str:
    for predicate, result in _ARROW_RULES:
        if predicate(typ):
            return result(typ)
    raise errors.InternalError(f"Unsupported Arrow type {typ} for column {name}")


def _is_list(typ: pa.DataType) -> bool:
    return bool(
        pa.types.is_list(typ) or pa.types.is_large_list(typ) or pa.types.is_fixed_size_list(typ)
    )


def _field_from_arrow(afield: pa.Field) -> Field:
    typ, meta, mode = afield.type, afield.metadata, "NULLABLE"
    if _is_list(typ):
        mode, meta, typ = "REPEATED", typ.value_field.metadata, typ.value_type
    elif not afield.nullable:
        mode = "REQUIRED"
    if pa.types.is_dictionary(typ):
        typ = typ.value_type
    if _is_json(typ, meta):
        return {"name": afield.name, "type": "JSON", "mode": mode}
    if (meta or {}).get(_GEOGRAPHY_METADATA[0]) == _GEOGRAPHY_METADATA[1]:
        return {"name": afield.name, "type": "GEOGRAPHY", "mode": mode}
    if isinstance(typ, pa.BaseExtensionType):
        typ = typ.storage_type
    out: Field = {"name": afield.name, "type": _bq_type(typ, afield.name), "mode": mode}
    if out["type"] == "RECORD":
        out["fields"] = _struct_fields(typ)
    return out


def fields_from_arrow(schema: pa.Schema) -> list[Field]:
    """Describe an Arrow schema (e.g. a query result) as REST fields.

    >>> fields_from_arrow(pa.schema([pa.field("x", pa.list_(pa.int32()))]))
    [{'name': 'x', 'type': 'INTEGER', 'mode': 'REPEATED'}]
    """
    return [_field_from_arrow(schema.field(i)) for i in range(len(schema))]


# --------------------------------------------------------------------------- overlay

# Physical type -> declared types it stores faithfully but cannot name by itself.
_CARRIED_BY: dict[str, frozenset[str]] = {
    "STRING": frozenset({"GEOGRAPHY", "JSON"}),
    "JSON": frozenset({"JSON"}),
    "NUMERIC": frozenset({"BIGNUMERIC"}),
    "BIGNUMERIC": frozenset({"NUMERIC"}),
    "RECORD": frozenset({"RANGE"}),
}


def _overlay_mode(derived: str, declared: str | None) -> str:
    if declared == "REQUIRED" and derived == "NULLABLE":
        return "REQUIRED"
    return derived


def _overlay_field(derived: Field, declared: Field) -> Field:
    out = dict(derived)
    if declared.get("type") in _CARRIED_BY.get(derived["type"], frozenset()):
        out["type"] = declared["type"]
        if declared["type"] == "RANGE":
            out.pop("fields", None)
    out["mode"] = _overlay_mode(derived["mode"], declared.get("mode"))
    for key in _DECLARED_EXTRAS:
        if key in declared:
            out[key] = declared[key]
    if out["type"] != "RANGE":
        out.pop("rangeElementType", None)
    if out["type"] == "RECORD" and "fields" in derived:
        out["fields"] = overlay_fields(derived["fields"], declared.get("fields"))
    return out


def overlay_fields(derived: list[Field], declared: list[Field] | None) -> list[Field]:
    """Lay the user's declared schema over fields derived from physical columns.

    >>> overlay_fields([{"name": "g", "type": "STRING", "mode": "NULLABLE"}],
    ...                [{"name": "G", "type": "GEOGRAPHY", "mode": "NULLABLE"}])
    [{'name': 'g', 'type': 'GEOGRAPHY', 'mode': 'NULLABLE'}]
    """
    by_name = {f["name"].lower(): f for f in declared or []}
    out = []
    for field in derived:
        match = by_name.get(field["name"].lower())
        out.append(_overlay_field(field, match) if match else dict(field))
    return out
