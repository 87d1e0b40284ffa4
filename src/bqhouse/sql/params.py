"""Decode BigQuery REST ``queryParameters`` into values DuckDB can bind.

A ``QueryParameter`` is ``{name, parameterType: {type, arrayType, structTypes}, parameterValue:
{value, arrayValues, structValues}}``; every scalar travels as a JSON string.
See https://cloud.google.com/bigquery/docs/reference/rest/v2/QueryParameter and
https://cloud.google.com/bigquery/docs/parameterized-queries.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from bqhouse import errors

NAMED = "NAMED"
POSITIONAL = "POSITIONAL"

# GoogleSQL scalar type -> DuckDB type used in the CAST wrapped around each parameter reference.
SCALAR_TYPES: dict[str, str] = {
    "INT64": "BIGINT",
    "INTEGER": "BIGINT",
    "FLOAT64": "DOUBLE",
    "FLOAT": "DOUBLE",
    "NUMERIC": "DECIMAL(38, 9)",
    "BIGNUMERIC": "DECIMAL(38, 18)",
    "BOOL": "BOOLEAN",
    "BOOLEAN": "BOOLEAN",
    "STRING": "VARCHAR",
    "BYTES": "BLOB",
    "DATE": "DATE",
    "TIME": "TIME",
    "DATETIME": "TIMESTAMP",
    "TIMESTAMP": "TIMESTAMPTZ",
    "JSON": "JSON",
    "INTERVAL": "INTERVAL",
    "GEOGRAPHY": "VARCHAR",
}

_INTERVAL_RE = re.compile(
    r"^\s*(?:(?P<sign>-)?(?P<y>\d+)-(?P<m>\d+))?\s*(?:(?P<d>-?\d+))?\s*"
    r"(?:(?P<tsign>-)?(?P<h>\d+):(?P<mi>\d+):(?P<s>\d+(?:\.\d+)?))?\s*$"
)


@dataclass
class BoundParameters:
    """Parameters ready for ``duckdb.execute(sql, values)``.

    ``values`` is a dict keyed by lower-cased name in NAMED mode and a list in POSITIONAL mode;
    ``types`` holds the matching DuckDB type of each.

    >>> p = decode_parameters([{"name": "n", "parameterType": {"type": "INT64"},
    ...     "parameterValue": {"value": "3"}}], "NAMED")
    >>> p.values, p.type_of("N")
    ({'n': 3}, 'BIGINT')
    """

    mode: str = NAMED
    values: dict[str, Any] | list[Any] = field(default_factory=dict)
    types: dict[str, str] | list[str] = field(default_factory=dict)

    def type_of(self, key: str | int) -> str | None:
        """The DuckDB type of a named (any case) or 0-based positional parameter, or None."""
        if isinstance(self.types, dict):
            return self.types.get(str(key).lower())
        index = int(key)
        return self.types[index] if 0 <= index < len(self.types) else None


def decode_parameters(
    query_parameters: list[dict[str, Any]] | None, parameter_mode: str | None
) -> BoundParameters:
    """Turn REST ``queryParameters`` into Python values and DuckDB types.

    >>> decode_parameters([{"parameterType": {"type": "STRING"},
    ...     "parameterValue": {"value": "x"}}], "POSITIONAL").values
    ['x']
    """
    params = query_parameters or []
    mode = (parameter_mode or _infer_mode(params)).upper()
    if mode == POSITIONAL:
        return BoundParameters(
            POSITIONAL,
            [_decode(p.get("parameterType", {}), p.get("parameterValue")) for p in params],
            [duckdb_type(p.get("parameterType", {})) for p in params],
        )
    if mode != NAMED:
        raise errors.Invalid(f"Invalid parameterMode: {parameter_mode}")
    values: dict[str, Any] = {}
    types: dict[str, str] = {}
    for p in params:
        name = p.get("name")
        if not name:
            raise errors.Invalid("Named query parameters must have a name")
        values[name.lower()] = _decode(p.get("parameterType", {}), p.get("parameterValue"))
        types[name.lower()] = duckdb_type(p.get("parameterType", {}))
    return BoundParameters(NAMED, values, types)


def _infer_mode(params: list[dict[str, Any]]) -> str:
    # The REST API requires parameterMode when parameters are present; be lenient if omitted.
    return NAMED if params and all(p.get("name") for p in params) else POSITIONAL


def duckdb_type(parameter_type: dict[str, Any]) -> str:
    """The DuckDB type for a BigQuery ``QueryParameterType``.

    >>> duckdb_type({"type": "ARRAY", "arrayType": {"type": "STRUCT",
    ...     "structTypes": [{"name": "a", "type": {"type": "INT64"}}]}})
    'STRUCT("a" BIGINT)[]'
    """
    kind = str(parameter_type.get("type", "")).upper()
    if kind == "ARRAY":
        return f"{duckdb_type(parameter_type.get('arrayType', {}))}[]"
    if kind in ("STRUCT", "RECORD"):
        fields = [
            f'"{_field_name(f, i)}" {duckdb_type(f.get("type", {}))}'
            for i, f in enumerate(parameter_type.get("structTypes", []))
        ]
        return f"STRUCT({', '.join(fields)})"
    if kind not in SCALAR_TYPES:
        raise errors.Invalid(f"Unsupported query parameter type: {kind or '<missing>'}")
    return SCALAR_TYPES[kind]


def _field_name(struct_field: dict[str, Any], index: int) -> str:
    return str(struct_field.get("name") or f"_field_{index + 1}").replace('"', '""')


def _decode(parameter_type: dict[str, Any], value: dict[str, Any] | None) -> Any:
    kind = str(parameter_type.get("type", "")).upper()
    if kind == "ARRAY":
        element_type = parameter_type.get("arrayType", {})
        items = (value or {}).get("arrayValues") or []
        return [_decode(element_type, item) for item in items]
    if kind in ("STRUCT", "RECORD"):
        if value is None or value.get("structValues") is None:
            return None
        return _decode_struct(parameter_type, value["structValues"])
    raw = None if value is None else value.get("value")
    if raw is None:
        return None
    return _decode_scalar(kind, raw)


def _decode_struct(parameter_type: dict[str, Any], struct_values: dict[str, Any]) -> dict[str, Any]:
    fields = parameter_type.get("structTypes", [])
    return {
        _field_name(f, i): _decode(f.get("type", {}), struct_values.get(_field_name(f, i)))
        for i, f in enumerate(fields)
    }


def _decode_scalar(kind: str, raw: Any) -> Any:
    decoder = _SCALAR_DECODERS.get(kind)
    if decoder is None:
        raise errors.Invalid(f"Unsupported query parameter type: {kind}")
    try:
        return decoder(raw)
    except (ValueError, TypeError, ArithmeticError, binascii.Error) as exc:
        raise errors.Invalid(f"Invalid {kind} value for query parameter: {raw!r}") from exc


def _int64(raw: Any) -> int:
    number = int(str(raw).strip())
    if not -(2**63) <= number < 2**63:
        raise ValueError("INT64 out of range")
    return number


def _float64(raw: Any) -> float:
    # Python's float() already reads BigQuery's "NaN", "Infinity" and "-Infinity" spellings.
    return float(str(raw).strip())


def _numeric(raw: Any) -> Decimal:
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise ValueError(str(raw)) from exc
    if not number.is_finite():
        raise ValueError("NUMERIC must be finite")
    return number


def _bool(raw: Any) -> bool:
    text = str(raw).strip().lower()
    if text not in ("true", "false"):
        raise ValueError(text)
    return text == "true"


def _bytes(raw: Any) -> bytes:
    return base64.b64decode(str(raw), validate=True)


def _timestamp(raw: Any) -> dt.datetime:
    # BigQuery accepts "2024-01-01 12:00:00+00:00", "...Z", "... UTC" and a bare value meaning UTC.
    text = str(raw).strip()
    if text.upper().endswith(" UTC"):
        text = text[:-4]
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _datetime(raw: Any) -> dt.datetime:
    value = dt.datetime.fromisoformat(str(raw).strip())
    if value.tzinfo is not None:
        raise ValueError("DATETIME must not carry a time zone")
    return value


def _interval(raw: Any) -> str:
    # BigQuery's canonical form is "Y-M D H:M:S[.F]"; DuckDB reads "1 year 2 months ..." strings.
    match = _INTERVAL_RE.match(str(raw))
    if match is None or not any(match.groupdict().values()):
        raise ValueError(str(raw))
    g = match.groupdict()
    sign = -1 if g["sign"] else 1
    tsign = "-" if g["tsign"] else ""
    months = sign * (int(g["y"] or 0) * 12 + int(g["m"] or 0))
    clock = f"{tsign}{g['h'] or 0}:{g['mi'] or 0}:{g['s'] or 0}"
    return f"{months} months {int(g['d'] or 0)} days {clock}"


_SCALAR_DECODERS: dict[str, Callable[[Any], Any]] = {
    "INT64": _int64,
    "INTEGER": _int64,
    "FLOAT64": _float64,
    "FLOAT": _float64,
    "NUMERIC": _numeric,
    "BIGNUMERIC": _numeric,
    "BOOL": _bool,
    "BOOLEAN": _bool,
    "STRING": str,
    "BYTES": _bytes,
    "DATE": lambda raw: dt.date.fromisoformat(str(raw).strip()),
    "TIME": lambda raw: dt.time.fromisoformat(str(raw).strip()),
    "DATETIME": _datetime,
    "TIMESTAMP": _timestamp,
    "JSON": str,
    "INTERVAL": _interval,
    "GEOGRAPHY": str,
}
