"""CAST / SAFE_CAST and the conversion functions with GoogleSQL's rules.

https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions
https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules

The operand's type is only known to DuckDB, so the casts are macros that branch on ``typeof(x)``
(a constant per call, folded by DuckDB's optimizer).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sqlglot import exp

from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf, cast_format
from bqhouse.sql.functions import range as range_type

_INT_PATTERN = r"'^\s*[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)\s*$'"

MACROS: list[str] = [
    # STRING -> INT64: decimal or hex ('0x1A', '-0x1A'); anything else is "Bad int64 value".
    "CREATE OR REPLACE MACRO bq_string_to_int64(s, safe) AS CASE "
    f"WHEN NOT regexp_matches(s, {_INT_PATTERN}) THEN "
    "CASE WHEN safe THEN NULL ELSE error('Bad int64 value: ' || s) END "
    "WHEN safe THEN TRY_CAST(replace(replace(trim(s), '+', ''), '-', '') AS BIGINT) "
    "* CASE WHEN contains(s, '-') THEN -1 ELSE 1 END "
    "ELSE CAST(replace(replace(trim(s), '+', ''), '-', '') AS BIGINT) "
    "* CASE WHEN contains(s, '-') THEN -1 ELSE 1 END END",
    # Any -> INT64: FLOAT64 rounds half away from zero (DuckDB's DOUBLE cast rounds half to even).
    "CREATE OR REPLACE MACRO bq_cast_int64(x, safe) AS CASE "
    "WHEN typeof(x) IN ('DOUBLE', 'FLOAT') THEN CASE "
    "WHEN isnan(TRY_CAST(x AS DOUBLE)) OR isinf(TRY_CAST(x AS DOUBLE)) "
    "THEN CASE WHEN safe THEN NULL "
    "ELSE error('Illegal conversion of non-finite floating point number to an integer: ' "
    "|| CAST(x AS VARCHAR)) END "
    "WHEN safe THEN TRY_CAST(round(TRY_CAST(x AS DOUBLE)) AS BIGINT) "
    "WHEN abs(TRY_CAST(x AS DOUBLE)) >= 9223372036854775808 "
    "THEN error('Int64 overflow: ' || CAST(x AS VARCHAR)) "
    "ELSE CAST(round(TRY_CAST(x AS DOUBLE)) AS BIGINT) END "
    "WHEN typeof(x) = 'VARCHAR' THEN bq_string_to_int64(CAST(x AS VARCHAR), safe) "
    "WHEN safe THEN TRY_CAST(x AS BIGINT) ELSE CAST(x AS BIGINT) END",
    # STRING -> BOOL: 'true' / 'false', case-insensitive; anything else is an error.
    "CREATE OR REPLACE MACRO bq_cast_bool(x, safe) AS CASE "
    "WHEN typeof(x) = 'VARCHAR' THEN CASE lower(CAST(x AS VARCHAR)) "
    "WHEN 'true' THEN true WHEN 'false' THEN false "
    "ELSE CASE WHEN safe THEN NULL ELSE error('Bad bool value: ' || CAST(x AS VARCHAR)) END END "
    "WHEN safe THEN TRY_CAST(x AS BOOLEAN) ELSE CAST(x AS BOOLEAN) END",
    # Any -> STRING: NUMERIC without trailing zeros, FLOAT64 without '.0', BYTES as UTF-8.
    "CREATE OR REPLACE MACRO bq_cast_string(x, safe) AS CASE "
    "WHEN typeof(x) IN ('DOUBLE', 'FLOAT') THEN regexp_replace(CAST(x AS VARCHAR), '\\.0$', '') "
    "WHEN typeof(x) LIKE 'DECIMAL%' THEN regexp_replace(regexp_replace(CAST(x AS VARCHAR), "
    "'(\\.[0-9]*?)0+$', '\\1'), '\\.$', '') "
    "ELSE CAST(x AS VARCHAR) END",
    # STRING -> BYTES is the UTF-8 encoding.
    "CREATE OR REPLACE MACRO bq_cast_bytes(x) AS CASE "
    "WHEN typeof(x) = 'VARCHAR' THEN encode(CAST(x AS VARCHAR)) ELSE CAST(x AS BLOB) END",
    # BIT_COUNT of INT64 (two's complement) or of BYTES.
    "CREATE OR REPLACE MACRO bq_bit_count(x) AS CASE WHEN typeof(x) = 'BLOB' THEN "
    "coalesce(list_sum(list_transform(range(octet_length(CAST(CAST(x AS VARCHAR) AS BLOB))), "
    "i -> bit_count(CAST('0x' || substr(hex(CAST(CAST(x AS VARCHAR) AS BLOB)), 2 * i + 1, 2) "
    "AS INTEGER)))), 0) ELSE bit_count(TRY_CAST(x AS BIGINT)) END",
    # FROM_HEX: an odd number of digits reads as if with a leading 0.
    "CREATE OR REPLACE MACRO bq_from_hex(s) AS CASE "
    "WHEN NOT regexp_matches(s, '^[0-9a-fA-F]*$') "
    "THEN error('Illegal input character in FROM_HEX') "
    "ELSE unhex(CASE WHEN length(s) % 2 = 1 THEN '0' || s ELSE s END) END",
]


def _safe_convert_bytes_to_string(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _utf8(data: bytes | None, safe: bool) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if safe:
            return None
        raise ValueError("Invalid UTF-8 in BYTES cast to STRING") from None


_PARSE_RE = re.compile(r"^([+-]?)([0-9,]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?([+-]?)$")


def _parse_decimal(text: str, name: str, scale: int, digits: int) -> str:
    """PARSE_NUMERIC / PARSE_BIGNUMERIC: spaces anywhere, commas in the integer part,
    a sign before or after the number, an exponent; rounded half away from zero."""
    compact = text.replace(" ", "")
    match = _PARSE_RE.match(compact)
    if not match or (not match.group(2).replace(",", "") and not match.group(3)):
        raise ValueError(f"Invalid input to {name}: {text}")
    lead, integer, fraction, exponent, trail = match.groups()
    if lead and trail:
        raise ValueError(f"Invalid input to {name}: {text}")
    sign = "-" if "-" in (lead + trail) else ""
    try:
        value = Decimal(
            f"{sign}{integer.replace(',', '') or '0'}.{fraction or '0'}e{exponent or 0}"
        )
    except InvalidOperation as exc:
        raise ValueError(f"Invalid input to {name}: {text}") from exc
    rounded = value.quantize(Decimal(1).scaleb(-scale), rounding="ROUND_HALF_UP")
    if abs(rounded) >= Decimal(10) ** (digits - scale):
        raise ValueError(f"{name} overflow: {text}")
    return format(rounded, "f")


def _parse_numeric(text: str) -> str:
    return _parse_decimal(text, "PARSE_NUMERIC", 9, 38)


def _parse_bignumeric(text: str) -> str:
    return _parse_decimal(text, "PARSE_BIGNUMERIC", 18, 38)


UDFS: list[Udf] = [
    Udf("bq_utf8", _utf8, ["BLOB", "BOOLEAN"], "VARCHAR", null_handling="special"),
    Udf("bq_safe_bytes_to_string", _safe_convert_bytes_to_string, ["BLOB"], "VARCHAR"),
    Udf("bq_parse_numeric", _parse_numeric, ["VARCHAR"], "VARCHAR"),
    Udf("bq_parse_bignumeric", _parse_bignumeric, ["VARCHAR"], "VARCHAR"),
]

# CAST(x AS STRING FORMAT '...') for dates and times: GoogleSQL format elements -> strftime.
# https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_datetime
_FORMAT_ELEMENTS = [
    ("YYYY", "%Y"),
    ("YY", "%y"),
    ("MONTH", "%B"),
    ("Month", "%B"),
    ("MON", "%b"),
    ("Mon", "%b"),
    ("MM", "%m"),
    ("DDD", "%j"),
    ("DAY", "%A"),
    ("Day", "%A"),
    ("DY", "%a"),
    ("Dy", "%a"),
    ("DD", "%d"),
    ("HH24", "%H"),
    ("HH12", "%I"),
    ("HH", "%I"),
    ("MI", "%M"),
    ("SS", "%S"),
    ("AM", "%p"),
    ("PM", "%p"),
]
_UPPER_ELEMENTS = {"MONTH", "MON", "DAY", "DY"}


def _strftime_pieces(fmt: str) -> list[tuple[str, bool]] | None:
    """Split a format string into strftime pieces, each with "upper-case it" flag."""
    pieces: list[tuple[str, bool]] = []
    index = 0
    while index < len(fmt):
        for element, directive in _FORMAT_ELEMENTS:
            if fmt.startswith(element, index):
                pieces.append((directive, element in _UPPER_ELEMENTS))
                index += len(element)
                break
        else:
            char = fmt[index]
            if char.isalnum():
                return None
            pieces.append(("%%" if char == "%" else char, False))
            index += 1
    return pieces


_DATETIME_TYPES = {
    exp.DataType.Type.DATE,
    exp.DataType.Type.DATETIME,
    exp.DataType.Type.TIMESTAMP,
    exp.DataType.Type.TIMESTAMPTZ,
    exp.DataType.Type.TIME,
}


def _formatted(node: exp.Expr, fmt: exp.Expr) -> exp.Expr:
    if not (isinstance(fmt, exp.Literal) and fmt.is_string):
        return node
    pieces = _strftime_pieces(fmt.this)
    operand = node.this
    if pieces is None or not _is_datetime(operand):
        return node
    if operand.to.this == exp.DataType.Type.TIME:
        operand = exp.Add(
            this=exp.cast(exp.Literal.string("1970-01-01"), "DATE"), expression=operand
        )
    parts: list[exp.Expr] = []
    for directive, upper in pieces:
        piece = call("STRFTIME", operand.copy(), exp.Literal.string(directive))
        parts.append(exp.Upper(this=piece) if upper else piece)
    result = parts[0]
    for part in parts[1:]:
        result = exp.DPipe(this=result, expression=part)
    return result


def _is_datetime(node: exp.Expr) -> bool:
    return (
        isinstance(node, exp.Cast)
        and node.to.this in _DATETIME_TYPES
        or isinstance(node, (exp.CurrentDate, exp.CurrentTimestamp, exp.CurrentDatetime))
    )


def cast(node: exp.Expr) -> exp.Expr:
    """CAST and SAFE_CAST to INT64, BOOL, STRING and BYTES with GoogleSQL's conversion rules.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
    """
    to = node.args.get("to")
    if isinstance(to, exp.DataType) and to.this == exp.DataType.Type.RANGE:
        return range_type.range_cast(node)  # type: ignore[arg-type]
    if not isinstance(to, exp.DataType) or to.expressions:
        return node
    if isinstance(node.this, (exp.Parameter, exp.Placeholder)):
        return node  # a bound query parameter: the cast only declares its type
    safe = exp.true() if isinstance(node, exp.TryCast) else exp.false()
    fmt = node.args.get("format")
    if fmt is not None:
        if to.this != exp.DataType.Type.TEXT:
            return node
        formatted = _formatted(node, fmt)
        return formatted if formatted is not node else cast_format.to_string(node.this, fmt)
    operand = node.this
    if to.this == exp.DataType.Type.BIGINT:
        return call("bq_cast_int64", operand, safe)
    if to.this == exp.DataType.Type.BOOLEAN:
        return call("bq_cast_bool", operand, safe)
    if to.this in (exp.DataType.Type.TEXT, exp.DataType.Type.VARCHAR):
        if isinstance(operand, exp.Literal) and operand.is_string:
            return operand
        blob = exp.cast(
            exp.cast(operand.copy(), exp.DataType.build("VARCHAR")), exp.DataType.build("BLOB")
        )
        is_blob = exp.EQ(this=call("TYPEOF", operand.copy()), expression=exp.Literal.string("BLOB"))
        return exp.Case(
            ifs=[exp.If(this=is_blob, true=call("bq_utf8", blob, safe.copy()))],
            default=call("bq_cast_string", operand, safe),
        )
    if to.this in (exp.DataType.Type.BINARY, exp.DataType.Type.VARBINARY):
        if isinstance(operand, exp.Literal) and operand.is_string and operand.this.isascii():
            return node
        return call("bq_cast_bytes", operand)
    return node


def parse_numeric(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_numeric"""
    return exp.cast(call("bq_parse_numeric", node.this), exp.DataType.build("DECIMAL(38, 9)"))


def parse_bignumeric(node: exp.Expr) -> exp.Expr:
    """PARSE_BIGNUMERIC, approximated like BIGNUMERIC as DECIMAL(38, 18).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#parse_bignumeric
    """
    return exp.cast(call("bq_parse_bignumeric", node.this), exp.DataType.build("DECIMAL(38, 18)"))


def safe_convert_bytes_to_string(node: exp.Expr) -> exp.Expr:
    """Invalid UTF-8 becomes U+FFFD.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#safe_convert_bytes_to_string
    """
    return call("bq_safe_bytes_to_string", node.this)


def from_hex(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_hex"""
    return call("bq_from_hex", node.this)


def bit_count(node: exp.Expr) -> exp.Expr:
    """BIT_COUNT counts the set bits of an INT64 (64-bit two's complement) or of BYTES.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions#bit_count
    """
    return call("bq_bit_count", node.this)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.Cast: cast,
    exp.TryCast: cast,
    exp.ParseNumeric: parse_numeric,
    exp.ParseBignumeric: parse_bignumeric,
    exp.SafeConvertBytesToString: safe_convert_bytes_to_string,
    exp.Unhex: from_hex,
    exp.BitwiseCount: bit_count,
}
