"""CSV loads parsed by DuckDB's ``read_csv`` when the file is plain enough to be sure of the result.

The reference reader (``load.read_csv``) parses with Python's ``csv`` module and converts every
cell with BigQuery's value rules; it is exact but about 15x slower than DuckDB's reader. Here
DuckDB reads every column as VARCHAR with an explicit column list (no sniffing), and SQL converts
each column to its BigQuery type while flagging any cell the reference rules might treat
differently: a cell that is not in the plain, unambiguous form of its type (for INT64 only
``[+-]digits``, for NUMERIC only digits that need no rounding, ...) or that the cast rejects.
The query runs inside the load's insert, so the rows go from the file into the table with no
copy in Python. If the configuration or file has anything unusual (other encodings, a byte
order mark, blank lines, null markers, jagged rows, types without a fast rule), ``rows_sql``
returns None; if any cell is flagged or DuckDB reports any error (wrong number of columns, bad
quoting, invalid UTF-8), the insert fails (``DECLINED``) and rolls back. Either way the caller
runs the reference reader, which produces BigQuery's errors, ``maxBadRecords`` handling and
per-row messages. So the fast path only ever commits exactly the rows the reference reader
would have.
"""

from __future__ import annotations

import csv
import io
import itertools
import mmap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from bqhouse import schema

Field = dict[str, Any]
Source = bytes | Path

# Header detection and autodetect look at the first 1,000 records (see load._csv_detect).
_SAMPLE_RECORDS = 1000

_SPACE = "[ ]*"
_INT = r"[+-]?[0-9]+"
_FLOAT = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
_DATE = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
_TRUE = ("true", "t", "yes", "y", "1")
_FALSE = ("false", "f", "no", "n", "0")


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _matches(ref: str, pattern: str) -> str:
    return f"regexp_full_match({ref}, {_sql_text(_SPACE + pattern + _SPACE)})"


def _cast(ref: str, duck_type: str) -> str:
    # DuckDB's casts skip surrounding spaces; what else they accept (1_000, 0x10, 1e2 as an
    # integer, ...) the pattern rules out first.
    return f"TRY_CAST(NULLIF({ref}, '') AS {duck_type})"


def _checked(ref: str, pattern: str, duck_type: str) -> tuple[str, str]:
    value = _cast(ref, duck_type)
    return value, f"NOT ({_matches(ref, pattern)}) OR {value} IS NULL"


def _boolean(ref: str, field: Field) -> tuple[str, str]:
    word = f"lower(trim({ref}))"
    true, false = (", ".join(map(_sql_text, words)) for words in (_TRUE, _FALSE))
    value = f"CASE WHEN {word} IN ({true}) THEN true WHEN {word} IN ({false}) THEN false END"
    return value, f"{value} IS NULL"


def _numeric(ref: str, field: Field) -> tuple[str, str] | None:
    defaults = {"NUMERIC": (38, 9), "BIGNUMERIC": (38, 18)}[field["type"]]
    if field.get("precision") is None:
        precision, scale = defaults
    else:
        precision, scale = int(field["precision"]), int(field.get("scale") or 0)
    if precision > 38 or scale > precision or precision - scale < 1:
        return None
    # Only digits that fit as they are: rounding and range errors are the reference's business.
    fraction = rf"(\.[0-9]{{0,{scale}}})?" if scale else ""
    pattern = rf"[+-]?[0-9]{{1,{precision - scale}}}{fraction}"
    return _checked(ref, pattern, f"DECIMAL({precision},{scale})")


def _date(ref: str, field: Field) -> tuple[str, str]:
    value, bad = _checked(ref, _DATE, "DATE")
    return value, f"{bad} OR {value} < DATE '0001-01-01'"


_Rule = Callable[[str, Field], tuple[str, str] | None]
# BigQuery type -> (SQL value, SQL "this cell needs the reference reader") of a non-null cell.
_RULES: dict[str, _Rule] = {
    "STRING": lambda ref, f: (f"NULLIF({ref}, '')", "false"),
    "INTEGER": lambda ref, f: _checked(ref, _INT, "BIGINT"),
    "FLOAT": lambda ref, f: _checked(ref, _FLOAT, "DOUBLE"),
    "BOOLEAN": _boolean,
    "NUMERIC": _numeric,
    "BIGNUMERIC": _numeric,
    "DATE": _date,
}


def _plain_config(config: dict[str, Any]) -> bool:
    encoding = str(config.get("encoding") or "UTF-8").upper()
    return (
        encoding in ("UTF-8", "UTF8")
        and config.get("quote", '"') != ""
        and not config.get("nullMarker")
        and not config.get("allowJaggedRows")
        and not config.get("ignoreUnknownValues")
    )


Blob = bytes | mmap.mmap


# Bytes per step of the scan in ``_plain_bytes`` (small enough to stay in the CPU cache).
_SCAN_CHUNK = 1 << 22


def _plain_bytes(data: Blob, delimiter: str) -> bool:
    """No byte order mark, no blank lines (the reference reader drops those) and no line ending
    in the delimiter (DuckDB reads ``a,b,`` as two fields, the reference as three).

    Vectorised, in cache-sized chunks: the line breaks are found in one pass (for ``\n``; a
    second for ``\r`` only if the file has one), and only the bytes before each break are
    looked at. Searching the file once per pattern took seconds for 200 MB.
    """
    if data[:3] == b"\xef\xbb\xbf" or data[:1] in (b"\n", b"\r"):
        return False
    delim = delimiter.encode()
    if data[-len(delim) :] == delim:
        return False
    if len(delim) > 1:  # a multi-byte character: plain searches
        patterns = [b"\n\n", b"\n\r\n", b"\r\r", delim + b"\n", delim + b"\r"]
        return all(data.find(p) < 0 for p in patterns)
    raw = np.frombuffer(data, dtype=np.uint8) if len(data) else np.zeros(0, np.uint8)
    breaks = [10, 13] if data.find(b"\r") >= 0 else [10]
    for start in range(0, len(raw), _SCAN_CHUNK):
        chunk = raw[start : start + _SCAN_CHUNK]
        for byte in breaks:
            # Positions of this line break in ``raw``; position 0 was ruled out above.
            at = np.flatnonzero(chunk == byte) + start
            at = at[at > 0]
            before = raw[at - 1]
            if ((before == byte) | (before == delim[0])).any():
                return False  # \n\n, \r\r, or the delimiter then a line break
            if byte == 10:
                crlf = at[(before == 13) & (at > 1)]
                if (raw[crlf - 2] == 10).any():
                    return False  # \n\r\n
    return True


def _head_text(data: Blob, size: int) -> tuple[str, bool]:
    """The first ``size`` bytes cut after a line break (never inside a UTF-8 character), and
    whether that is the whole of ``data``."""
    if size >= len(data):
        return bytes(data[:]).decode("utf-8"), True
    head = bytes(data[:size])
    cut = head.rfind(b"\n")
    return head[: cut + 1 if cut >= 0 else 0].decode("utf-8"), False


def head_records(
    data: Blob, dialect: dict[str, Any], count: int
) -> list[tuple[int, list[str]]] | None:
    """The first ``count`` records with their line numbers, or None if the head is not UTF-8
    or not valid CSV (the reference reader reports that).

    Only a prefix is decoded, doubled until it holds ``count`` whole records: a record is
    whole once the prefix holds a record after it. Invalid bytes further on make DuckDB's
    reader fail, which sends the load to the reference reader.
    """
    size = 1 << 18
    while True:
        try:
            text, whole = _head_text(data, size)
        except UnicodeDecodeError:
            return None
        reader = csv.reader(io.StringIO(text, newline=""), **dialect)
        try:
            records = [(reader.line_num, rec) for rec in itertools.islice(reader, count + 1)]
        except csv.Error:
            if whole:
                return None
            records = []  # perhaps cut inside a quoted field: read further
        if whole or len(records) > count:
            return records[:count]
        size *= 4


@contextmanager
def open_blob(source: Source) -> Iterator[Blob]:
    """The bytes of a source; a file is mapped, not read into memory."""
    if isinstance(source, bytes) or source.stat().st_size == 0:
        yield source if isinstance(source, bytes) else b""
        return
    with source.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        yield mm


def _select(fields: list[Field], check_newlines: bool) -> str | None:
    values, bad = [], []
    for i, field in enumerate(fields):
        rule = _RULES.get(field["type"])
        if field.get("mode") == "REPEATED" or rule is None:
            return None
        ref = f"c{i}"
        made = rule(ref, field)
        if made is None:
            return None
        value, flagged = made
        values.append(value)  # NULL for an empty cell (the default null marker)
        checks = [f"({ref} <> '' AND ({flagged}))"]
        if field.get("mode") == "REQUIRED":
            checks.append(f"coalesce({ref}, '') = ''")
        if check_newlines:
            checks.append(f"contains({ref}, chr(10))")
        bad.append(" OR ".join(checks))
    flag = f"coalesce({' OR '.join(bad)}, false)" if bad else "false"
    columns = [
        f"{v} AS {schema.quote_ident(f['name'])}" for v, f in zip(values, fields, strict=True)
    ]
    return f"SELECT {', '.join([*columns, f'{flag} AS __bad'])}"


# The message of the error that stops a fast-path insert when a cell needs the reference reader.
DECLINED = "bqhouse: the CSV fast path declined this file"


def _options(width: int, skip: int, dialect: dict[str, Any]) -> str:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    quote = _sql_text(dialect["quotechar"])
    return (
        f"columns = {columns}, header = false, skip = {skip}, auto_detect = false, "
        f"delim = {_sql_text(dialect['delimiter'])}, quote = {quote}, escape = {quote}, "
        "strict_mode = true, null_padding = false, parallel = true"
    )


def rows_sql(
    paths: list[Path],
    fields: list[Field],
    skips: list[int],
    dialect: dict[str, Any],
    config: dict[str, Any],
) -> tuple[str, list[Any]] | None:
    """A query of all rows of ``paths`` as ``fields`` for the insert to read directly, or None.

    A cell the reference reader might read differently raises ``DECLINED`` inside the insert
    (as does any DuckDB reading error), so the load's transaction rolls back and the caller
    runs the reference reader instead. ``skips``: leading lines to drop from each file.
    """
    select = _select(fields, check_newlines=not config.get("allowQuotedNewlines"))
    if select is None or not fields or not paths:
        return None
    names = ", ".join(schema.quote_ident(f["name"]) for f in fields)
    parts = [
        f"SELECT {names} FROM ({select} FROM read_csv(?, {_options(len(fields), skip, dialect)})) "
        f"WHERE CASE WHEN __bad THEN error({_sql_text(DECLINED)}) ELSE true END"
        for skip in skips
    ]
    return " UNION ALL ".join(parts), [str(path) for path in paths]


def eligible(config: dict[str, Any], data: list[Blob], delimiter: str) -> bool:
    """Whether the configuration and the raw files allow the fast path at all."""
    return _plain_config(config) and all(_plain_bytes(d, delimiter) for d in data)
