"""CSV loads parsed by DuckDB's ``read_csv`` when the file is plain enough to be sure of the result.

The reference reader (``load.read_csv``) parses with Python's ``csv`` module and converts every
cell with BigQuery's value rules; it is exact but about 15x slower than DuckDB's reader. Here
DuckDB reads every column as VARCHAR with an explicit column list (no sniffing), and SQL converts
each column to its BigQuery type while flagging any cell the reference rules might treat
differently: a cell that is not in the plain, unambiguous form of its type (for INT64 only
``[+-]digits``, for NUMERIC only digits that need no rounding, ...) or that the cast rejects.
If any cell is flagged, if DuckDB reports any error (wrong number of columns, bad quoting), or
if the configuration or file has anything unusual (other encodings, a byte order mark, blank
lines, null markers, jagged rows, types without a fast rule), ``read`` returns None and the
caller runs the reference reader, which produces BigQuery's errors, ``maxBadRecords`` handling
and per-row messages. So the fast path only ever answers when it produced exactly the rows the
reference reader would have.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

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


def _plain_bytes(data: bytes, delimiter: str) -> bool:
    """No byte order mark, no blank lines (the reference reader drops those) and no line ending
    in the delimiter (DuckDB reads ``a,b,`` as two fields, the reference as three)."""
    if data.startswith((b"\xef\xbb\xbf", b"\n", b"\r")):
        return False
    if b"\n\n" in data or b"\n\r\n" in data or b"\r\r" in data:
        return False
    delim = delimiter.encode()
    return not (data.endswith(delim) or delim + b"\n" in data or delim + b"\r" in data)


def head_records(
    data: bytes, dialect: dict[str, Any], count: int
) -> list[tuple[int, list[str]]] | None:
    """The first ``count`` records with their line numbers, or None if the head is not UTF-8
    or not valid CSV (the reference reader reports that)."""
    try:
        reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), **dialect)
        return [(reader.line_num, rec) for rec in itertools.islice(reader, count)]
    except (UnicodeDecodeError, csv.Error):
        return None


@contextmanager
def _on_disk(source: Source, tmp_dir: Path | None) -> Iterator[Path]:
    if isinstance(source, Path):
        yield source
        return
    fd, name = tempfile.mkstemp(suffix=".csv", dir=tmp_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(source)
        yield Path(name)
    finally:
        os.unlink(name)


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


def _read_one(
    cur: duckdb.DuckDBPyConnection,
    path: Path,
    select: str,
    width: int,
    skip: int,
    dialect: dict[str, Any],
) -> pa.Table | None:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    quote = _sql_text(dialect["quotechar"])
    options = (
        f"columns = {columns}, header = false, skip = {skip}, auto_detect = false, "
        f"delim = {_sql_text(dialect['delimiter'])}, quote = {quote}, escape = {quote}, "
        "strict_mode = true, null_padding = false, parallel = true"
    )
    try:
        result = cur.execute(
            f"{select} FROM read_csv({_sql_text(str(path))}, {options})"
        ).fetch_arrow_table()
    except duckdb.Error:
        return None
    bad = result.column("__bad")
    if bad.null_count or any(chunk.true_count for chunk in bad.chunks):
        return None
    return result.drop_columns(["__bad"])


def read(
    cur: duckdb.DuckDBPyConnection,
    sources: list[Source],
    fields: list[Field],
    skips: list[int],
    dialect: dict[str, Any],
    config: dict[str, Any],
    tmp_dir: Path | None = None,
) -> pa.Table | None:
    """All rows of ``sources`` as ``fields``, or None when the reference reader must decide.

    ``skips`` is the number of leading lines to drop from each source (skipLeadingRows and a
    detected header, each known to be a single line).
    """
    select = _select(fields, check_newlines=not config.get("allowQuotedNewlines"))
    if select is None or not fields:
        return None
    target = schema.arrow_schema(fields)
    tables = []
    for source, skip in zip(sources, skips, strict=True):
        with _on_disk(source, tmp_dir) as path:
            table = _read_one(cur, path, select, len(fields), skip, dialect)
        if table is None:
            return None
        try:
            tables.append(table.cast(target))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
    return pa.concat_tables(tables) if tables else None


def eligible(config: dict[str, Any], data: list[bytes], delimiter: str) -> bool:
    """Whether the configuration and the raw files allow the fast path at all."""
    return _plain_config(config) and all(_plain_bytes(d, delimiter) for d in data)
