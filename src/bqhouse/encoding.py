"""BigQuery's JSON wire encoding of table rows.

``encode_rows`` produces the ``rows`` of tabledata.list / jobs.getQueryResults (every scalar a
string, ``{"f": [{"v": ...}]}`` nesting); ``decode_insert_rows`` validates and converts the JSON
rows of tabledata.insertAll into Python values ready for ``pa.Table.from_pylist``.

Encoding works column by column: each column becomes its BigQuery text with Arrow compute (casts,
regex rewrites, string joins) and one ``to_pylist``, so no cell goes through a Python formatting
function on the hot path. Only the rare values Arrow prints differently from BigQuery (floats
outside ``[1e-4, 1e16)``, NaN/Infinity, timestamps outside 1970-04-26 .. 2106-02-07) are patched
one by one, and INTERVAL, RANGE and BYTES stay per value. The ``{"f": [{"v": ...}]}`` dicts are
then built with the cyclic garbage collector paused, since they cannot form cycles and a
collection pass every 700 allocations otherwise costs about as much as building them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gc
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse.schema import Field
from bqhouse.sql import geography

# --------------------------------------------------------------------------- encode

_Encoder = Callable[[pa.Array, Field, bool], list[Any]]

_FLOAT_SPECIALS = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def _as_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if isinstance(arr.type, pa.BaseExtensionType):
        arr = arr.storage
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if pa.types.is_union(arr.type) and arr.type.num_fields == 1:
        arr = arr.field(0)  # a GEOGRAPHY result: DuckDB's UNION(geography VARCHAR) of WKT text
    return arr


def _map(arr: pa.Array, func: Callable[[Any], Any]) -> list[Any]:
    return [None if v is None else func(v) for v in arr.to_pylist()]


def _to_text(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    # Arrow's own cast already prints integers, booleans and dates exactly as BigQuery does.
    return list(pc.cast(arr, pa.string()).to_pylist())


def _plain(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return list(arr.to_pylist())


def _float_text(value: float) -> str:
    text = repr(float(value))
    return _FLOAT_SPECIALS.get(text, text)


def _patched_array(
    text: pa.Array, odd: pa.Array, values: pa.Array, func: Callable[[Any], Any]
) -> pa.Array:
    """``text`` with the cells where ``odd`` is true recomputed by ``func`` (rare cells)."""
    odd = pc.fill_null(odd, False)
    if not pc.any(odd).as_py():
        return text
    out = text.to_pylist()
    index = pc.indices_nonzero(odd)
    for i, value in zip(index.to_pylist(), values.take(index).to_pylist(), strict=True):
        out[i] = func(value)
    return pa.array(out, pa.string())


def _patched(
    text: pa.Array, odd: pa.Array, values: pa.Array, func: Callable[[Any], Any]
) -> list[Any]:
    """``text`` as a list, with the cells where ``odd`` is true recomputed by ``func``."""
    return list(_patched_array(text, odd, values, func).to_pylist())


def _float_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    # Arrow and Python both print the shortest round-trip digits; they differ only in when they
    # switch to exponent form and in Python's ".0" on whole numbers. Inside [1e-4, 1e16) Python's
    # repr is plain, so there Arrow's text plus ".0" is it; everything else goes through repr.
    values = pc.cast(arr, pa.float64())
    text = pc.cast(values, pa.string())
    text = pc.replace_substring_regex(text, r"^(-?\d+)$", r"\1.0")
    size = pc.abs(values)
    plain = pc.or_(pc.equal(size, 0.0), pc.and_(pc.greater_equal(size, 1e-4), pc.less(size, 1e16)))
    odd = pc.or_(pc.invert(plain), pc.match_substring(text, "e"))
    return _patched_array(text, odd, values, _float_text)


def _floats(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return list(_float_texts(arr, field, int64_ts).to_pylist())


def _bytes(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return _map(arr, lambda b: base64.b64encode(b).decode("ascii"))


def decimal_text(value: Decimal) -> str:
    """A decimal as BigQuery prints NUMERIC: no exponent, no trailing zeros.

    >>> decimal_text(Decimal("1200.500"))
    '1200.5'
    """
    norm = value.normalize()
    return "0" if norm.is_zero() else format(norm, "f")


def _decimal_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    # Arrow prints every digit of the scale ("1.250000000"), which BigQuery trims; like Java's
    # BigDecimal it also uses exponent form below 1e-6 ("1E-9"), so those cells are patched.
    text = pc.cast(arr, pa.string())
    trimmed = pc.replace_substring_regex(text, r"(\.\d*?)0+$", r"\1")
    trimmed = pc.replace_substring_regex(trimmed, r"\.$", "")
    return _patched_array(trimmed, pc.match_substring(text, "E"), arr, decimal_text)


def _decimals(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    if arr.type.scale < 0:
        return _map(arr, decimal_text)
    return list(_decimal_texts(arr, field, int64_ts).to_pylist())


def _date_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    return pc.cast(pc.cast(arr, pa.date32()), pa.string())


def _dates(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return list(_date_texts(arr, field, int64_ts).to_pylist())


def _time_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    # Arrow prints "HH:MM:SS.ffffff"; BigQuery (and the client's fixed-length parser) drops a
    # zero fraction.
    text = pc.cast(pc.cast(arr, pa.time64("us")), pa.string())
    return pc.replace_substring_regex(text, r"\.000000$", "")


def _times(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return list(_time_texts(arr, field, int64_ts).to_pylist())


def _datetime_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    text = pc.cast(pc.cast(arr, pa.timestamp("us")), pa.string())
    text = pc.replace_substring(text, " ", "T", max_replacements=1)
    return pc.replace_substring_regex(text, r"\.000000$", "")


def _datetimes(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return list(_datetime_texts(arr, field, int64_ts).to_pylist())


def _micros(arr: pa.Array) -> pa.Array:
    unit_us = pa.timestamp("us", tz=arr.type.tz)
    return pc.cast(pc.cast(arr, unit_us), pa.int64())


def java_double_text(value: float) -> str:
    """A double as Java's ``Double.toString`` prints it, which is BigQuery's legacy TIMESTAMP form.

    >>> java_double_text(1700000000.123456)
    '1.700000000123456E9'
    """
    text = repr(value)
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        return text.replace("-0.0", "0.0")
    if "e" not in text:
        # Fast path for timestamps: repr is plain "digits.digits", so only the point moves.
        sign, body = ("-", text[1:]) if text[0] == "-" else ("", text)
        whole, _, frac = body.partition(".")
        digits = (whole[1:] + frac).rstrip("0") or "0"
        return f"{sign}{whole[0]}.{digits}E{len(whole) - 1}"
    sign_bit, digit_tuple, exponent = Decimal(text).as_tuple()
    assert isinstance(exponent, int)
    mantissa = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    power = exponent + len(digit_tuple) - 1
    return f"{'-' if sign_bit else ''}{mantissa[0]}.{mantissa[1:] or '0'}E{power}"


# Between 1e7 s (1970-04-26) and 2**32 s (2106-02-07) Java prints a timestamp in exponent form,
# and a double's spacing there is under a microsecond, so its shortest digits are exactly the
# microsecond digits: the text comes straight from the int64 micros, with no float formatting.
_JAVA_PLAIN_MICROS = 10**13
_EXACT_MICROS = 2**32 * 10**6


def _java_micros_text(micros: pa.Array) -> pa.Array:
    """``java_double_text(us / 1e6)`` column-wise, for micros in the exact exponent-form range."""
    digits = pc.cast(pc.abs(micros), pa.string())
    exponent = pc.cast(pc.subtract(pc.binary_length(digits), 7), pa.string())
    trimmed = pc.utf8_rtrim(digits, characters="0")
    tail = pc.utf8_slice_codeunits(trimmed, 1)
    tail = pc.if_else(pc.equal(pc.binary_length(tail), 0), "0", tail)
    sign = pc.if_else(pc.less(micros, 0), "-", "")
    head = pc.utf8_slice_codeunits(trimmed, 0, 1)
    return pc.binary_join_element_wise(sign, head, ".", tail, "E", exponent, "")


def _java_seconds(us: int) -> str:
    return java_double_text(us / 1e6)


def _timestamp_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    micros = _micros(arr)
    if int64_ts:
        return pc.cast(micros, pa.string())
    size = pc.abs(micros)  # wraps for INT64_MIN, which the range test then sends per value
    odd = pc.or_(pc.less(size, _JAVA_PLAIN_MICROS), pc.greater_equal(size, _EXACT_MICROS))
    return _patched_array(_java_micros_text(micros), odd, micros, _java_seconds)


def _timestamps(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    return list(_timestamp_texts(arr, field, int64_ts).to_pylist())


def interval_text(months: int, days: int, nanos: int) -> str:
    """BigQuery's canonical INTERVAL text ``[-]Y-M D [-]H:M:S[.F]``.

    >>> interval_text(14, 3, 14706 * 10**9)
    '1-2 3 4:5:6'
    """
    years, month = divmod(abs(months), 12)
    seconds, frac_ns = divmod(abs(nanos), 10**9)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    micros = frac_ns // 1000
    fraction = f".{micros:06d}".rstrip("0") if micros else ""
    calendar_sign = "-" if months < 0 else ""
    time_sign = "-" if nanos < 0 else ""
    return f"{calendar_sign}{years}-{month} {days} {time_sign}{hours}:{minutes}:{secs}{fraction}"


def _intervals(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    if pa.types.is_duration(arr.type):
        nanos = pc.cast(pc.cast(arr, pa.duration("ns")), pa.int64())
        return _map(nanos, lambda ns: interval_text(0, 0, ns))
    return _map(arr, lambda v: interval_text(v.months, v.days, v.nanoseconds))


def _range_bound(value: Any) -> str:
    return "UNBOUNDED" if value is None else str(value)


def _ranges(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    element: Field = {"name": "x", "type": field["rangeElementType"]["type"], "mode": "NULLABLE"}
    # The client parses RANGE<TIMESTAMP> bounds with int(), so bounds are always int64 micros.
    starts, ends = (_encode_column(_as_array(child), element, True) for child in arr.flatten())
    valid = arr.is_valid().to_pylist()
    return [
        f"[{_range_bound(s)}, {_range_bound(e)})" if ok else None
        for ok, s, e in zip(valid, starts, ends, strict=True)
    ]


def _records(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    children = [
        _encode_column(_as_array(child), sub, int64_ts)
        for child, sub in zip(arr.flatten(), field["fields"], strict=True)
    ]
    valid = arr.is_valid().to_pylist()
    return [
        {"f": [{"v": v} for v in cells]} if ok else None
        for ok, cells in zip(valid, zip(*children, strict=True), strict=True)
    ]


_ENCODERS: dict[str, _Encoder] = {
    "INTEGER": _to_text,
    "BOOLEAN": _to_text,
    "FLOAT": _floats,
    "STRING": _plain,
    "GEOGRAPHY": _plain,
    "JSON": _plain,
    "BYTES": _bytes,
    "NUMERIC": _decimals,
    "BIGNUMERIC": _decimals,
    "DATE": _dates,
    "TIME": _times,
    "DATETIME": _datetimes,
    "TIMESTAMP": _timestamps,
    "INTERVAL": _intervals,
    "RANGE": _ranges,
    "RECORD": _records,
}


def _repeated(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    element = {**field, "mode": "NULLABLE"}
    # ``values`` is the whole child array and ``offsets`` index into it even for a slice.
    values = _encode_column(_as_array(arr.values), element, int64_ts)
    offsets = arr.offsets.to_pylist()
    valid = arr.is_valid().to_pylist()
    return [
        [{"v": v} for v in values[offsets[i] : offsets[i + 1]]] if valid[i] else []
        for i in range(len(arr))
    ]


def _encode_column(arr: pa.Array, field: Field, int64_ts: bool) -> list[Any]:
    if field.get("mode") == "REPEATED":
        return _repeated(arr, field, int64_ts)
    if pa.types.is_null(arr.type):
        return [None] * len(arr)
    return _ENCODERS[field["type"]](arr, field, int64_ts)


def encode_rows(
    table: pa.Table, fields: list[Field], *, use_int64_timestamp: bool = False
) -> list[dict[str, Any]]:
    """Encode ``table`` as BigQuery REST ``rows``; columns are matched to ``fields`` by position.

    >>> t = pa.table({"n": [1, None]})
    >>> encode_rows(t, [{"name": "n", "type": "INTEGER", "mode": "NULLABLE"}])
    [{'f': [{'v': '1'}]}, {'f': [{'v': None}]}]
    """
    with _gc_paused():
        if not fields:
            return [{"f": []} for _ in range(table.num_rows)]
        columns = [
            _encode_column(_as_array(table.column(i)), field, use_int64_timestamp)
            for i, field in enumerate(fields)
        ]
        # Wrapping cells column by column is measurably faster than per row.
        cells = [[{"v": v} for v in column] for column in columns]
        return [{"f": list(row)} for row in zip(*cells, strict=True)]


# --------------------------------------------------------------------------- encode to JSON bytes

_TextEncoder = Callable[[pa.Array, Field, bool], pa.Array]


def _cast_text(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    return pc.cast(arr, pa.string())


def _string_texts(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    return pc.cast(arr, pa.string())


# Scalar types whose BigQuery text comes out of Arrow compute as a string array. Everything else
# (RECORD, REPEATED, BYTES, INTERVAL, RANGE, negative-scale decimals) takes the list encoders.
_TEXT_ENCODERS: dict[str, _TextEncoder] = {
    "INTEGER": _cast_text,
    "BOOLEAN": _cast_text,
    "FLOAT": _float_texts,
    "STRING": _string_texts,
    "GEOGRAPHY": _string_texts,
    "JSON": _string_texts,
    "NUMERIC": _decimal_texts,
    "BIGNUMERIC": _decimal_texts,
    "DATE": _date_texts,
    "TIME": _time_texts,
    "DATETIME": _datetime_texts,
    "TIMESTAMP": _timestamp_texts,
}
# Text that may hold characters JSON must escape; the other types print only [-+.:0-9A-Za-z ].
_FREE_TEXT = {"STRING", "GEOGRAPHY", "JSON"}
_NULL_CELL = '{"v":null}'
# Pages up to this many cells are encoded cell by cell (same bytes, lower fixed cost).
_SMALL_PAGE_CELLS = 256


def _json_escaped(text: pa.Array) -> pa.Array:
    """String contents as they go between JSON quotes (as orjson writes them)."""
    escaped = pc.replace_substring(text, "\\", "\\\\")
    escaped = pc.replace_substring(escaped, '"', '\\"')
    control = pc.match_substring_regex(text, r"[\x00-\x1f]")
    return _patched_array(escaped, control, text, lambda v: orjson.dumps(v).decode()[1:-1])


def _text_encoder(arr: pa.Array, field: Field) -> _TextEncoder | None:
    if field.get("mode") == "REPEATED" or pa.types.is_null(arr.type):
        return None
    if field["type"] in _FREE_TEXT and not (
        pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
    ):
        return None
    if field["type"] in ("NUMERIC", "BIGNUMERIC") and arr.type.scale < 0:
        return None
    return _TEXT_ENCODERS.get(field["type"])


def _json_cells(arr: pa.Array, field: Field, int64_ts: bool) -> pa.Array:
    """Each cell of a column as its JSON text ``{"v":...}``, a string array without nulls."""
    text_encoder = _text_encoder(arr, field)
    if text_encoder is None:
        values = _encode_column(arr, field, int64_ts)
        return pa.array([orjson.dumps({"v": v}).decode() for v in values], pa.string())
    text = pc.cast(text_encoder(arr, field, int64_ts), pa.string())
    if field["type"] in _FREE_TEXT:
        text = _json_escaped(text)
    cells = pc.binary_join_element_wise('{"v":"', text, '"}', "")
    return pc.fill_null(cells, _NULL_CELL)


def encode_rows_json(
    table: pa.Table, fields: list[Field], *, use_int64_timestamp: bool = False
) -> bytes:
    """``orjson.dumps(encode_rows(table, fields))``, built column by column in Arrow.

    Each column becomes the JSON text of its cells, the cells of a row are joined with Arrow's
    element-wise string join, and the rows are one contiguous buffer: no Python object per cell
    for the scalar types (the rest go through ``encode_rows``'s encoders cell by cell).

    >>> t = pa.table({"n": [1, None], "s": ["a", "c"]})
    >>> encode_rows_json(t, [{"name": "n", "type": "INTEGER", "mode": "NULLABLE"},
    ...                      {"name": "s", "type": "STRING", "mode": "NULLABLE"}])
    b'[{"f":[{"v":"1"},{"v":"a"}]},{"f":[{"v":null},{"v":"c"}]}]'
    """
    if table.num_rows == 0:
        return b"[]"
    if not fields:
        return b"[" + b",".join([b'{"f":[]}'] * table.num_rows) + b"]"
    try:
        parts: list[Any] = ['{"f":[']
        for i, field in enumerate(fields):
            parts += [_json_cells(_as_array(table.column(i)), field, use_int64_timestamp), ","]
        parts[-1] = "]},"
        rows = pc.binary_join_element_wise(*parts, "")
    except (pa.ArrowCapacityError, OverflowError):  # over 2 GiB of text in one page
        return orjson.dumps(encode_rows(table, fields, use_int64_timestamp=use_int64_timestamp))
    offsets = pa.Array.from_buffers(
        pa.int32(), len(rows) + 1, [None, rows.buffers()[1]], offset=rows.offset
    )
    first, last = offsets[0].as_py(), offsets[-1].as_py()
    data = memoryview(rows.buffers()[2])[first : last - 1]  # the rows, minus the last comma
    return b"".join((b"[", data, b"]"))


def encode_page_json(
    table: pa.Table, fields: list[Field], *, use_int64_timestamp: bool = False
) -> bytes:
    """The same bytes as ``encode_rows_json``; a small page is encoded cell by cell instead.

    Each Arrow compute call has a fixed cost (tens of microseconds) that dominates a page of a
    few cells, such as the answer to ``SELECT 1``.

    >>> encode_page_json(pa.table({"n": [1]}), [{"name": "n", "type": "INTEGER"}])
    b'[{"f":[{"v":"1"}]}]'
    """
    if table.num_rows * len(fields) <= _SMALL_PAGE_CELLS:
        return orjson.dumps(encode_rows(table, fields, use_int64_timestamp=use_int64_timestamp))
    return encode_rows_json(table, fields, use_int64_timestamp=use_int64_timestamp)


_gc_lock = threading.Lock()
_gc_state = {"pausers": 0, "was_enabled": False}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while building many acyclic dicts; the last thread out of a
    pause turns it back on if it was on when the first came in."""
    with _gc_lock:
        if _gc_state["pausers"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["pausers"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["pausers"] -= 1
            if _gc_state["pausers"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


# --------------------------------------------------------------------------- decode


class _CellError(Exception):
    """A value that cannot be converted; carries the user-facing message."""


_Decoder = Callable[[Any, Field], Any]

_INT_RE = re.compile(r"[+-]?\d+")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_FLOAT_WORDS = {"nan": "nan", "infinity": "inf", "-infinity": "-inf", "inf": "inf", "-inf": "-inf"}
_DATE = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
_DATE_RE = re.compile(_DATE)
_TIME_RE = re.compile(_TIME)
_DATETIME_RE = re.compile(rf"{_DATE}(?:[Tt ]{_TIME})?")
_ZONE = r"\s*(?:(?P<z>[Zz]|UTC)|(?P<sign>[+-])(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?)?"
_TIMESTAMP_RE = re.compile(rf"(?P<dt>{_DATE}(?:[Tt ]{_TIME})?){_ZONE}")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _is_number(value: Any) -> bool:
    # bool is an int subclass, but BigQuery does not read true as 1.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bad(kind: str, value: Any) -> _CellError:
    return _CellError(f"Cannot convert value to {kind} (bad value): {value}")


def _integer(value: Any, field: Field) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad("integer", value)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise _CellError(f"Value out of range for INT64: {value}")
    return value


def _float(value: Any, field: Field) -> float:
    if _is_number(value):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(_FLOAT_WORDS.get(text.lower(), text))
        except ValueError:
            pass
    raise _bad("double", value)


def _boolean(value: Any, field: Field) -> bool:
    if isinstance(value, bool):
        return value
    words = {"true": True, "false": False}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    raise _bad("boolean", value)


def _string(value: Any, field: Field) -> str:
    if isinstance(value, str):
        return value
    if _is_number(value) or isinstance(value, bool):
        # BigQuery reads a JSON number or boolean into a STRING column as its JSON text.
        return orjson.dumps(value).decode()
    raise _bad("string", value)


def _bytes_value(value: Any, field: Field) -> bytes:
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass
    raise _CellError(
        f"Could not decode base64 string to bytes. Field: {field['name']}; Value: {value}"
    )


def _precision_scale(field: Field) -> tuple[int, int]:
    defaults = {"NUMERIC": (38, 9), "BIGNUMERIC": (38, 18)}[field["type"]]
    if field.get("precision") is None:
        return defaults
    return int(field["precision"]), int(field.get("scale") or 0)


def _numeric(value: Any, field: Field) -> Decimal:
    if not (_is_number(value) or isinstance(value, str)):
        raise _bad(field["type"].lower(), value)
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise _bad(field["type"].lower(), value) from None
    precision, scale = _precision_scale(field)
    if not number.is_finite():
        raise _CellError(f"Invalid {field['type']} value: {value}")
    if number.adjusted() >= precision - scale:
        raise _CellError(f"Invalid {field['type']} value: {value}")
    # BigQuery rounds half away from zero, which is Decimal's ROUND_HALF_UP; the wide context
    # keeps quantize from tripping over the default 28-digit precision.
    with localcontext(prec=100):
        rounded = number.quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP)
    if rounded.adjusted() >= precision - scale:
        raise _CellError(f"Invalid {field['type']} value: {value}")
    return rounded


def _fraction_micros(text: str | None) -> int:
    # Digits beyond microseconds are truncated, as BigQuery does.
    return int((text or "0")[:6].ljust(6, "0"))


def _build_time(groups: tuple[str | None, ...]) -> dt.time:
    hour, minute, second, fraction = groups
    return dt.time(int(hour or 0), int(minute or 0), int(second or 0), _fraction_micros(fraction))


def _match(pattern: re.Pattern[str], value: Any, kind: str) -> re.Match[str]:
    found = pattern.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        raise _bad(kind, value)
    return found


def _date(value: Any, field: Field) -> dt.date:
    year, month, day = _match(_DATE_RE, value, "date").groups()
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _bad("date", value) from None


def _time(value: Any, field: Field) -> dt.time:
    try:
        return _build_time(_match(_TIME_RE, value, "time").groups())
    except ValueError:
        raise _bad("time", value) from None


def _naive(groups: tuple[str | None, ...]) -> dt.datetime:
    year, month, day = (int(g or 0) for g in groups[:3])
    return dt.datetime.combine(dt.date(year, month, day), _build_time(groups[3:]))


def _datetime(value: Any, field: Field) -> dt.datetime:
    try:
        return _naive(_match(_DATETIME_RE, value, "datetime").groups())
    except ValueError:
        raise _bad("datetime", value) from None


def _zone(found: re.Match[str]) -> dt.timezone:
    if not found.group("sign"):
        return dt.UTC
    minutes = int(found.group("zh")) * 60 + int(found.group("zm") or 0)
    sign = -1 if found.group("sign") == "-" else 1
    return dt.timezone(dt.timedelta(minutes=sign * minutes))


def _timestamp(value: Any, field: Field) -> dt.datetime:
    try:
        if _is_number(value):
            micros = int((Decimal(repr(value)) * 1_000_000).to_integral_value())
            return _EPOCH + dt.timedelta(microseconds=micros)
        found = _match(_TIMESTAMP_RE, value, "timestamp")
        # Groups 2-8 are the date and time parts nested inside the "dt" group.
        naive = _naive(found.groups()[1:8])
        return naive.replace(tzinfo=_zone(found)).astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise _CellError(f"Cannot convert value to timestamp (bad value): {value}") from None


def _json(value: Any, field: Field) -> str:
    # The Python client json.dumps() JSON values, so a string arrives as JSON text to parse.
    if isinstance(value, str):
        try:
            value = orjson.loads(value)
        except orjson.JSONDecodeError:
            raise _CellError(f"Cannot convert value to JSON (bad value): {value}") from None
    return orjson.dumps(value).decode()


def _geography(value: Any, field: Field) -> str:
    # WKT or GeoJSON in, BigQuery's normalised WKT stored (what tabledata.list gives back).
    if not isinstance(value, str):
        raise _bad("geography", value)
    try:
        return geography.normalize(value)
    except geography.GeographyError as exc:
        raise _CellError(f"Invalid geography value: {exc}") from None


_INTERVAL_RE = re.compile(
    r"(?P<cs>-?)(?P<y>\d+)-(?P<mo>\d+) (?P<d>-?\d+) "
    r"(?P<ts>-?)(?P<h>\d+):(?P<mi>\d+):(?P<s>\d+)(?:\.(?P<f>\d{1,9}))?"
)


def _interval(value: Any, field: Field) -> tuple[int, int, int]:
    found = _match(_INTERVAL_RE, value, "interval")
    months = (int(found["y"]) * 12 + int(found["mo"])) * (-1 if found["cs"] else 1)
    seconds = int(found["h"]) * 3600 + int(found["mi"]) * 60 + int(found["s"])
    nanos = seconds * 10**9 + int((found["f"] or "0").ljust(9, "0"))
    return months, int(found["d"]), nanos * (-1 if found["ts"] else 1)


_RANGE_RE = re.compile(r"\[(?P<start>[^,]*),\s*(?P<end>[^)]*)\)")


def _range(value: Any, field: Field) -> dict[str, Any]:
    found = _match(_RANGE_RE, value, "range")
    element: Field = {"name": field["name"], "type": field["rangeElementType"]["type"]}
    bounds = {}
    for key in ("start", "end"):
        text = found[key].strip()
        unbounded = text.upper() in ("UNBOUNDED", "NULL")
        bounds[key] = None if unbounded else _DECODERS[element["type"]](text, element)
    return bounds


_DECODERS: dict[str, _Decoder] = {
    "INTEGER": _integer,
    "FLOAT": _float,
    "BOOLEAN": _boolean,
    "STRING": _string,
    "BYTES": _bytes_value,
    "NUMERIC": _numeric,
    "BIGNUMERIC": _numeric,
    "DATE": _date,
    "TIME": _time,
    "DATETIME": _datetime,
    "TIMESTAMP": _timestamp,
    "JSON": _json,
    "GEOGRAPHY": _geography,
    "INTERVAL": _interval,
    "RANGE": _range,
}


class _RowDecoder:
    """Decodes one insertAll row, collecting every problem instead of stopping at the first."""

    def __init__(self, ignore_unknown_values: bool) -> None:
        self.ignore_unknown = ignore_unknown_values
        self.problems: list[dict[str, Any]] = []

    def fail(self, location: str, message: str) -> None:
        self.problems.append(
            {"reason": "invalid", "location": location, "debugInfo": "", "message": message}
        )

    def record(self, obj: Any, fields: list[Field], prefix: str) -> dict[str, Any] | None:
        if not isinstance(obj, dict):
            self.fail(prefix.rstrip("."), f"Cannot convert value to record (bad value): {obj}")
            return None
        # Field names are case-insensitive in BigQuery.
        given = {str(key).lower(): value for key, value in obj.items()}
        known = {f["name"].lower() for f in fields}
        for key in obj:
            if str(key).lower() not in known and not self.ignore_unknown:
                self.fail(prefix + str(key), f"no such field: {key}.")
        return {f["name"]: self.value(given.get(f["name"].lower()), f, prefix) for f in fields}

    def value(self, value: Any, field: Field, prefix: str) -> Any:
        path = prefix + field["name"]
        if field.get("mode") == "REPEATED":
            return self.repeated(value, field, path, prefix)
        if value is None:
            if field.get("mode") == "REQUIRED":
                self.fail(path, f"Missing required field: {field['name']}.")
            return None
        return self.single(value, field, path)

    def repeated(self, value: Any, field: Field, path: str, prefix: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, f"Expected array for repeated field {field['name']}.")
            return []
        out = []
        for item in value:
            if item is None:
                self.fail(path, f"Null value in repeated field {field['name']} is not allowed.")
                continue
            out.append(self.single(item, field, path))
        return out

    def single(self, value: Any, field: Field, path: str) -> Any:
        if field["type"] == "RECORD":
            return self.record(value, field["fields"], path + ".")
        if isinstance(value, dict | list) and field["type"] != "JSON":
            self.fail(path, f"Cannot convert value to {field['type'].lower()}: {value}")
            return None
        try:
            return _DECODERS[field["type"]](value, field)
        except _CellError as exc:
            self.fail(path, str(exc))
            return None


def decode_insert_rows(
    rows: list[dict[str, Any]], fields: list[Field], *, ignore_unknown_values: bool = False
) -> tuple[list[dict[str, Any]], dict[int, list[dict[str, Any]]]]:
    """Validate and convert insertAll JSON rows; returns (valid rows, errors by row index).

    >>> fields = [{"name": "n", "type": "INTEGER", "mode": "REQUIRED"}]
    >>> good, bad = decode_insert_rows([{"n": "12"}, {}], fields)
    >>> good, bad[1][0]["message"]
    ([{'n': 12}], 'Missing required field: n.')
    """
    good: list[dict[str, Any]] = []
    problems: dict[int, list[dict[str, Any]]] = {}
    for index, row in enumerate(rows):
        decoder = _RowDecoder(ignore_unknown_values)
        converted = decoder.record(row, fields, "")
        if decoder.problems:
            problems[index] = decoder.problems
        elif converted is not None:
            good.append(converted)
    return good, problems
