"""Load jobs: CSV, newline-delimited JSON, Parquet, Avro and ORC into a table, atomically.

The source is either the bytes of an upload (``jobs.insert`` on ``/upload/...``) or ``sourceUris``
(``gs://`` resolved by ``files.py``). Every write goes through ``write_arrow`` in one transaction,
so a failed load leaves the table as it was. Reference:
https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse import errors, schema
from bqhouse.encoding import decode_insert_rows
from bqhouse.jobs import csv_fast
from bqhouse.jobs.files import resolve_uri
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.writer import SqlRows, WriteRequest, write_arrow

Field = dict[str, Any]
Source = bytes | Path

# Table properties a load job can set on the table it creates.
_TABLE_KEYS = ("timePartitioning", "rangePartitioning", "clustering", "encryptionConfiguration")
# pandas writes its index as a column with this name when the index is not a plain range.
_PANDAS_INDEX = re.compile(r"__index_level_\d+__")


@dataclass
class Parsed:
    """What a reader produced: rows (as Arrow, or as a DuckDB query over the files that the
    insert reads directly), their BigQuery schema, rows it skipped, and their size in bytes."""

    data: pa.Table | SqlRows
    fields: list[Field]
    bad_records: int = 0
    nbytes: int | None = None

    @property
    def size(self) -> int:
        if self.nbytes is not None:
            return self.nbytes
        return self.data.nbytes if isinstance(self.data, pa.Table) else 0


class UploadFile(bytes):
    """An upload spooled to a file (``api/upload.py``), handed through ``jobs.insert``'s
    ``upload: bytes`` as an empty ``bytes`` that names the file, so that a large upload is read
    by the reader (DuckDB or pyarrow) from disk instead of being copied into memory first."""

    path: Path

    def __new__(cls, path: Path) -> UploadFile:
        made = super().__new__(cls, b"")
        made.path = path
        return made


@dataclass
class LoadContext:
    """Everything a reader needs: the configuration and the schema the rows must take."""

    config: dict[str, Any]
    declared: list[Field] | None
    existing: list[Field] | None
    sources: list[Source]
    bad_records: int = 0
    problems: list[str] = field(default_factory=list)
    # A DuckDB connection for readers that parse with DuckDB (csv_fast); None: Python only.
    engine: Callable[[], duckdb.DuckDBPyConnection] | None = None
    tmp_dir: Path | None = None
    # Files a reader wrote for DuckDB to read (an upload held in memory); removed after the load.
    scratch: list[Path] = field(default_factory=list)
    # Reads ``existing`` when first needed: a catalog read a truncating load can skip.
    load_existing: Callable[[], list[Field] | None] | None = None

    def table_fields(self) -> list[Field] | None:
        """The destination table's schema (None: no table yet)."""
        if self.load_existing is not None:
            self.existing, self.load_existing = self.load_existing(), None
        return self.existing

    def on_disk(self, source: Source) -> Path:
        """The source as a file for DuckDB: bytes, and a path whose name DuckDB would read as a
        glob pattern (``*?[]{}``), are written to a scratch file; a plain path is used as is."""
        if isinstance(source, Path):
            if not any(c in str(source) for c in "*?[]{}"):
                return source
            source = source.read_bytes()
        fd, name = tempfile.mkstemp(suffix=".load", dir=self.tmp_dir)
        with os.fdopen(fd, "wb") as handle:
            handle.write(source)
        self.scratch.append(Path(name))
        return Path(name)

    @property
    def autodetect(self) -> bool:
        return bool(self.config.get("autodetect"))

    @property
    def max_bad(self) -> int:
        return int(self.config.get("maxBadRecords") or 0)


# --------------------------------------------------------------------------- sources


def _read_bytes(source: Source) -> bytes:
    return source if isinstance(source, bytes) else source.read_bytes()


def _arrow_input(source: Source) -> Any:
    """A file-like pyarrow can read without copying a path's contents into memory first."""
    return pa.BufferReader(source) if isinstance(source, bytes) else str(source)


def _sources(buckets_dir: Path, config: dict[str, Any], upload: bytes | None) -> list[Source]:
    if isinstance(upload, UploadFile):
        return [upload.path]
    if upload is not None:
        return [upload]
    uris = config.get("sourceUris") or []
    if not uris:
        raise errors.Invalid("Load configuration must specify sourceUris or an upload")
    return [path for uri in uris for path in resolve_uri(buckets_dir, uri)]


# --------------------------------------------------------------------------- type inference

_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity|nan)", re.I)
_BOOL_RE = re.compile(r"true|false", re.I)
_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
_TIME = r"\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
_ZONE = r"\s*(Z|UTC|[+-]\d{1,2}(:?\d{2})?)"
# Candidate types in BigQuery's order of preference when several fit every value:
# https://cloud.google.com/bigquery/docs/schema-detect
_DETECTORS: dict[str, re.Pattern[str]] = {
    "BOOLEAN": _BOOL_RE,
    "INTEGER": _INT_RE,
    "FLOAT": _FLOAT_RE,
    "DATE": re.compile(_DATE),
    "TIMESTAMP": re.compile(rf"{_DATE}[Tt ]{_TIME}({_ZONE})?"),
    "DATETIME": re.compile(rf"{_DATE}[Tt ]{_TIME}"),
    "TIME": re.compile(_TIME),
}
_JSON_SCALARS: dict[type, str] = {bool: "BOOLEAN", int: "INTEGER", float: "FLOAT"}


def text_types(value: str) -> frozenset[str]:
    """The types a text value could be read as (STRING always fits).

    >>> sorted(text_types("12"))
    ['FLOAT', 'INTEGER', 'STRING']
    """
    return frozenset(t for t, rx in _DETECTORS.items() if rx.fullmatch(value.strip())) | {"STRING"}


def pick_type(candidates: frozenset[str]) -> str:
    """The preferred type among those that fit every value of a column."""
    return next((t for t in _DETECTORS if t in candidates), "STRING")


def _column_type(values: list[str | None]) -> str:
    """The preferred type that fits every value (STRING when there is none).

    The same answer as ``pick_type`` of the intersection of every value's ``text_types``: the
    types are tried in order of preference, each against the distinct values until one does
    not fit (``all`` over ``map`` stops there), and the first that fits them all wins.
    """
    texts = {value.strip() for value in values if value}
    for name, pattern in _DETECTORS.items():
        if texts and all(map(pattern.fullmatch, texts)):
            return name
    return "STRING"


def _clean_name(raw: str, index: int, seen: set[str]) -> str:
    """A valid, unique column name from a CSV header cell."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", raw.strip()) or f"string_field_{index}"
    if name[0].isdigit():
        name = "_" + name
    base, n = name, 1
    while name.lower() in seen:
        name, n = f"{base}_{n}", n + 1
    seen.add(name.lower())
    return name


def _json_type(values: list[Any]) -> Field:
    """Infer one JSON column (a list of values from all rows) as a field without name."""
    present = [v for v in values if v is not None]
    mode = "NULLABLE"
    if present and all(isinstance(v, list) for v in present):
        mode, present = "REPEATED", [item for v in present for item in v if item is not None]
    if present and all(isinstance(v, dict) for v in present):
        return {"type": "RECORD", "mode": mode, "fields": infer_json_fields(present)}
    kinds = {_JSON_SCALARS.get(type(v), "STRING") for v in present}
    if kinds == {"INTEGER", "FLOAT"}:
        kinds = {"FLOAT"}
    if kinds == {"STRING"}:
        kinds = {_column_type([str(v) for v in present])} - {"BOOLEAN", "INTEGER", "FLOAT"}
    return {"type": kinds.pop() if len(kinds) == 1 else "STRING", "mode": mode}


def infer_json_fields(rows: list[dict[str, Any]]) -> list[Field]:
    """Autodetect a schema from JSON objects (keys in first-seen order).

    >>> infer_json_fields([{"a": 1, "b": "x"}, {"a": 2.5}])[0]["type"]
    'FLOAT'
    """
    names: dict[str, str] = {}
    for row in rows:
        for key in row:
            names.setdefault(str(key).lower(), str(key))
    fields = []
    for lower, name in names.items():
        values = [_get_ci(row, lower) for row in rows]
        fields.append({"name": name, **_json_type(values)})
    return fields


def _get_ci(row: dict[str, Any], lower: str) -> Any:
    for key, value in row.items():
        if str(key).lower() == lower:
            return value
    return None


# --------------------------------------------------------------------------- text rows


def _too_many(ctx: LoadContext, kind: str, rows: int) -> errors.Invalid:
    detail = f" First error: {ctx.problems[0]}" if ctx.problems else ""
    return errors.Invalid(
        f"Error while reading data, error message: {kind} table encountered too many errors, "
        f"giving up. Rows: {rows}; errors: {len(ctx.problems)}. Please look into the errors[] "
        f"collection for more details.{detail}",
        details=[{"reason": "invalid", "message": str(p)} for p in ctx.problems[:100]],
    )


def _decode(
    ctx: LoadContext,
    kind: str,
    rows: list[dict[str, Any] | None],
    fields: list[Field],
    lines: list[int],
) -> Parsed:
    """Convert text rows with BigQuery's value rules; ``None`` rows are already bad."""
    indexed = [(i, row) for i, row in enumerate(rows) if row is not None]
    good, problems = decode_insert_rows(
        [row for _, row in indexed],
        fields,
        ignore_unknown_values=bool(ctx.config.get("ignoreUnknownValues")),
    )
    for position, errs in sorted(problems.items()):
        line = lines[indexed[position][0]]
        ctx.problems.extend(
            f"Error while reading data, error message: {e['message']} Field: {e.get('location')}; "
            f"Line: {line}"
            for e in errs[:1]
        )
    ctx.bad_records = len(ctx.problems)
    if ctx.bad_records > ctx.max_bad:
        raise _too_many(ctx, kind, len(rows))
    data = pa.Table.from_pylist(good, schema=schema.arrow_schema(fields))
    return Parsed(data, fields, ctx.bad_records)


def _target_fields(ctx: LoadContext, detected: list[Field] | None) -> list[Field]:
    """Declared schema, else the table's (matched to what was detected), else detected."""
    if ctx.declared:
        return ctx.declared
    if detected is None:
        existing = ctx.table_fields()
        if existing:
            return existing
        raise errors.Invalid("No schema specified on job or table.")
    if ctx.config.get("writeDisposition") == "WRITE_TRUNCATE":
        return detected  # the table's schema does not matter (and is not read)
    existing = ctx.table_fields()
    if existing:
        have = {f["name"].lower(): f for f in existing}
        return [have.get(f["name"].lower(), f) for f in detected]
    return detected


# --------------------------------------------------------------------------- CSV

_CSV_BOOLEANS = {
    "t": "true",
    "f": "false",
    "yes": "true",
    "no": "false",
    "y": "true",
    "n": "false",
    "1": "true",
    "0": "false",
}
_DELIMITER_WORDS = {"tab": "\t", "\\t": "\t"}
_ENCODINGS = {
    "UTF-8": "utf-8-sig",
    "ISO-8859-1": "latin-1",
    "UTF-16BE": "utf-16-be",
    "UTF-16LE": "utf-16-le",
    "UTF-32BE": "utf-32-be",
    "UTF-32LE": "utf-32-le",
}


def _csv_dialect(config: dict[str, Any]) -> dict[str, Any]:
    delimiter = config.get("fieldDelimiter", ",")
    delimiter = _DELIMITER_WORDS.get(delimiter.lower(), delimiter)
    if len(delimiter) != 1:
        raise errors.Invalid(f"Invalid field delimiter: {config.get('fieldDelimiter')}")
    quote = config.get("quote", '"')
    if quote == "":
        return {"delimiter": delimiter, "quoting": csv.QUOTE_NONE}
    return {"delimiter": delimiter, "quotechar": quote, "doublequote": True, "strict": False}


def _csv_records(ctx: LoadContext, source: Source) -> list[tuple[int, list[str]]]:
    """One file's records with their 1-based line numbers, blank lines dropped."""
    encoding = _ENCODINGS.get(str(ctx.config.get("encoding") or "UTF-8").upper(), "utf-8-sig")
    try:
        text = _read_bytes(source).decode(encoding)
    except UnicodeDecodeError as exc:
        raise errors.Invalid(f"Error while reading data, error message: {exc}") from exc
    reader = csv.reader(io.StringIO(text, newline=""), **_csv_dialect(ctx.config))
    try:
        return [(reader.line_num, rec) for rec in reader if rec]
    except csv.Error as exc:
        raise errors.Invalid(f"Error while reading data, error message: {exc}") from exc


def _is_header(first: list[str], rest: list[list[str]]) -> bool:
    """BigQuery's rule: a first row of strings over rows with other types is a header."""
    if any(text_types(cell) != {"STRING"} for cell in first if cell):
        return False
    width = len(first)
    columns = [[row[i] if i < len(row) else None for row in rest] for i in range(width)]
    return any(_column_type(col) != "STRING" for col in columns)


def _split_header(
    ctx: LoadContext, files: list[list[tuple[int, list[str]]]]
) -> tuple[list[str] | None, list[list[tuple[int, list[str]]]]]:
    """Apply skipLeadingRows and, with autodetect, header detection, to every file."""
    skip = ctx.config.get("skipLeadingRows")
    if not ctx.autodetect or ctx.declared or skip == 0 or skip == "0":
        n = int(skip or 0)
        return None, [records[n:] for records in files]
    # With autodetect, skipLeadingRows=N skips N-1 rows and looks for a header in row N:
    # https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationLoad
    pre = max(int(skip or 1) - 1, 0)
    files = [records[pre:] for records in files]
    first = next((records for records in files if records), [])
    if not first:
        return None, files
    if _is_header(first[0][1], [rec for _, rec in first[1:50]]):
        return first[0][1], [records[1:] for records in files]
    return None, [records[1:] for records in files] if skip else files


# Autodetect looks at this many records.
_DETECT_ROWS = 1000


def _csv_detect(header: list[str] | None, records: list[list[str]], null: str) -> list[Field]:
    sample = records[:_DETECT_ROWS]
    width = max([len(header or [])] + [len(r) for r in sample])
    # Each column's distinct cells (short rows pad with None), null markers left out.
    columns = [set(column) - {None, null} for column in itertools.zip_longest(*sample)]
    seen: set[str] = set()
    fields = []
    for i in range(width):
        raw = header[i] if header and i < len(header) else f"string_field_{i}"
        values: list[str | None] = list(columns[i]) if i < len(columns) else []
        fields.append(
            {"name": _clean_name(raw, i, seen), "type": _column_type(values), "mode": "NULLABLE"}
        )
    return fields


def _csv_row(
    ctx: LoadContext, record: list[str], fields: list[Field], line: int
) -> dict[str, Any] | None:
    """A record as a JSON-like row, or None (with the problem noted) when its shape is wrong."""
    null = ctx.config.get("nullMarker", "")
    if len(record) < len(fields) and not ctx.config.get("allowJaggedRows"):
        ctx.problems.append(
            f"Error while reading data, error message: CSV table references column position "
            f"{len(record)}, but line contains only {len(record)} columns. Line: {line}"
        )
        return None
    if len(record) > len(fields) and not ctx.config.get("ignoreUnknownValues"):
        ctx.problems.append(
            f"Error while reading data, error message: Too many values in line "
            f"{line}: expected {len(fields)}, found {len(record)}"
        )
        return None
    if not ctx.config.get("allowQuotedNewlines") and any("\n" in cell for cell in record):
        ctx.problems.append(
            f"Error while reading data, error message: Missing close double "
            f'quote (") character. Line: {line}'
        )
        return None
    row: dict[str, Any] = {}
    for f, cell in zip(fields, record, strict=False):
        value: str | None = None if cell == null else cell
        if value is not None and f["type"] == "BOOLEAN":
            value = _CSV_BOOLEANS.get(value.strip().lower(), value)
        row[f["name"]] = value
    return row


def _read_csv_fast(ctx: LoadContext) -> Parsed | None:
    """The rows as a DuckDB query (see csv_fast), or None to use the reference reader."""
    if ctx.engine is None:
        return None
    try:
        dialect = _csv_dialect(ctx.config)
    except errors.Invalid:
        return None  # the reference reader reports it
    skip = int(ctx.config.get("skipLeadingRows") or 0)
    with ExitStack() as stack:
        data = [stack.enter_context(csv_fast.open_blob(s)) for s in ctx.sources]
        if not csv_fast.eligible(ctx.config, data, dialect["delimiter"]):
            return None
        heads = [csv_fast.head_records(d, dialect, _DETECT_ROWS + skip + 2) for d in data]
    if any(head is None for head in heads):
        return None
    files = [head or [] for head in heads]
    header, kept = _split_header(ctx, files)
    skips = [len(head) - len(rest) for head, rest in zip(files, kept, strict=True)]
    # DuckDB skips lines, the reference skips records: they agree when each is one line.
    if any(n and head[n - 1][0] != n for head, n in zip(files, skips, strict=True)):
        return None
    detected = None
    if ctx.autodetect and not ctx.declared:
        records = [rec for rest in kept for _, rec in rest]
        detected = _csv_detect(header, records, ctx.config.get("nullMarker", ""))
    fields = _target_fields(ctx, detected)
    paths = [ctx.on_disk(s) for s in ctx.sources]
    found = csv_fast.rows_sql(paths, fields, skips, dialect, ctx.config)
    if found is None:
        return None
    return Parsed(SqlRows(*found), fields, nbytes=sum(p.stat().st_size for p in paths))


def read_csv_reference(ctx: LoadContext) -> Parsed:
    """CSV with Python's csv module and BigQuery's value rules, one cell at a time."""
    header, files = _split_header(ctx, [_csv_records(ctx, s) for s in ctx.sources])
    records = [item for records in files for item in records]
    detected = None
    if ctx.autodetect and not ctx.declared:
        detected = _csv_detect(header, [r for _, r in records], ctx.config.get("nullMarker", ""))
    fields = _target_fields(ctx, detected)
    rows = [_csv_row(ctx, rec, fields, line) for line, rec in records]
    return _decode(ctx, "CSV", rows, fields, [line for line, _ in records])


def read_csv(ctx: LoadContext) -> Parsed:
    """CSV: https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv

    The fast path's rows are a query whose insert fails when a cell needs the reference
    reader; ``run_load`` then calls ``read_csv_reference`` (see ``_FALLBACKS``).
    """
    fast = _read_csv_fast(ctx)
    return fast if fast is not None else read_csv_reference(ctx)


# --------------------------------------------------------------------------- JSON


def _json_lines(source: Source) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(_read_bytes(source).splitlines(), start=1):
        if line.strip():
            yield number, line


def read_json(ctx: LoadContext) -> Parsed:
    """Newline-delimited JSON: https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-json"""
    rows: list[dict[str, Any] | None] = []
    lines: list[int] = []
    for source in ctx.sources:
        for number, line in _json_lines(source):
            lines.append(number)
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                value = exc
            if not isinstance(value, dict):
                ctx.problems.append(
                    f"Error while reading data, error message: JSON parsing error "
                    f"in row starting at line {number}: {value}"
                )
                value = None
            rows.append(value)
    detected = None
    if ctx.autodetect and not ctx.declared:
        detected = infer_json_fields([r for r in rows if r is not None])
    return _decode(ctx, "JSON", rows, _target_fields(ctx, detected), lines)


# --------------------------------------------------------------------------- columnar


def _cast_column(column: pa.ChunkedArray, target: pa.DataType, name: str) -> pa.ChunkedArray:
    if column.type == target:
        return column
    try:
        return pc.cast(column, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        # Sub-microsecond timestamps (pandas writes nanoseconds) are truncated, as BigQuery does.
        if pa.types.is_timestamp(target) or pa.types.is_time(target):
            return pc.cast(column, target, safe=False)
        raise errors.Invalid(
            f"Error while reading data, error message: Field {name} has type {column.type} "
            f"that cannot be read as {target}"
        ) from exc


def conform(data: pa.Table, fields: list[Field]) -> pa.Table:
    """``data`` with exactly the columns of ``fields`` (matched by name, case-insensitively)."""
    by_name = {name.lower(): i for i, name in enumerate(data.column_names)}
    target = schema.arrow_schema(fields)
    columns = []
    for afield in target:
        index = by_name.get(afield.name.lower())
        if index is None:
            columns.append(pa.nulls(data.num_rows, afield.type))
            continue
        columns.append(_cast_column(data.column(index), afield.type, afield.name))
    return pa.Table.from_arrays(columns, schema=target.with_metadata(None))


def _columnar_fields(ctx: LoadContext, keep: list[str], detected: list[Field]) -> list[Field]:
    """The target schema of a self-describing file whose columns are ``keep``."""
    fields = _target_fields(ctx, detected)
    if ctx.declared:
        # A declared schema names the columns; extra file columns are an error unless ignored.
        unknown = {n.lower() for n in keep} - {f["name"].lower() for f in fields}
        if unknown and not ctx.config.get("ignoreUnknownValues"):
            raise errors.Invalid(
                f"Provided schema does not match the file: no such field: {sorted(unknown)[0]}."
            )
    return fields


def _columnar(ctx: LoadContext, tables: list[pa.Table]) -> Parsed:
    """Shared tail of the self-describing formats: pick the schema, conform, concatenate."""
    first = tables[0]
    keep = [n for n in first.column_names if not _PANDAS_INDEX.fullmatch(n)]
    fields = _columnar_fields(ctx, keep, schema.fields_from_arrow(first.select(keep).schema))
    data = pa.concat_tables([conform(t, fields) for t in tables])
    return Parsed(data, fields)


_SMALL_INTS = frozenset([pa.int8(), pa.int16(), pa.int32(), pa.uint8(), pa.uint16(), pa.uint32()])


def _exact_widening(have: pa.DataType, want: pa.DataType) -> bool:
    """Whether ``have`` becomes ``want`` without rounding or range errors, so that DuckDB's
    insert cast and Arrow's cast (``conform``, the reference) give the same values."""
    if have == want:
        return not (
            pa.types.is_nested(have)
            or pa.types.is_dictionary(have)
            or isinstance(have, pa.BaseExtensionType)
            or (pa.types.is_timestamp(have) and have.unit == "ns")
        )
    if pa.types.is_decimal(have) and pa.types.is_decimal(want):
        return (
            have.precision <= 38
            and have.scale <= want.scale
            and have.precision - have.scale <= want.precision - want.scale
        )
    if pa.types.is_timestamp(have) and pa.types.is_timestamp(want):
        return have.unit in ("s", "ms") and want.unit == "us" and have.tz == want.tz
    return (
        (want == pa.int64() and have in _SMALL_INTS)
        or (want == pa.float64() and have == pa.float32())
        or (want == pa.string() and have in (pa.large_string(), pa.string_view()))
        or (want == pa.binary() and have == pa.large_binary())
    )


def _parquet_select(file_schema: pa.Schema, fields: list[Field]) -> str | None:
    """``SELECT`` of the target columns from one file, or None if a column needs Arrow's cast."""
    by_name: dict[str, pa.Field] = {}
    for afield in file_schema:
        if afield.name.lower() in by_name:
            return None  # two columns differing only in case: the reference picks
        by_name[afield.name.lower()] = afield
    columns = []
    for want in schema.arrow_schema(fields):
        have = by_name.get(want.name.lower())
        name = schema.quote_ident(want.name)
        if have is None:
            columns.append(f"NULL AS {name}")
        elif _exact_widening(have.type, want.type):
            columns.append(f"{schema.quote_ident(have.name)} AS {name}")
        else:
            return None
    return f"SELECT {', '.join(columns)} FROM read_parquet(?)"


def _read_parquet_sql(ctx: LoadContext) -> Parsed | None:
    """The files read by DuckDB inside the insert, or None when a column needs Arrow's cast."""
    import pyarrow.parquet as pq

    files = [pq.ParquetFile(_arrow_input(s)) for s in ctx.sources]
    first = files[0].schema_arrow
    keep = [n for n in first.names if not _PANDAS_INDEX.fullmatch(n)]
    fields = _columnar_fields(
        ctx, keep, schema.fields_from_arrow(pa.schema([first.field(n) for n in keep]))
    )
    if not fields:
        return None
    selects = [_parquet_select(f.schema_arrow, fields) for f in files]
    if any(select is None for select in selects):
        return None
    sql = " UNION ALL ".join(str(select) for select in selects)
    params: list[Any] = [str(ctx.on_disk(s)) for s in ctx.sources]
    nbytes = sum(
        f.metadata.row_group(i).total_byte_size for f in files for i in range(f.num_row_groups)
    )
    return Parsed(SqlRows(sql, params), fields, nbytes=nbytes)


def read_parquet_reference(ctx: LoadContext) -> Parsed:
    """Parquet through pyarrow: read into memory, then ``conform``."""
    import pyarrow.parquet as pq

    return _columnar(ctx, [pq.read_table(_arrow_input(s)) for s in ctx.sources])


def read_parquet(ctx: LoadContext) -> Parsed:
    """Parquet: https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-parquet

    Read by DuckDB inside the insert when every column converts exactly; if that insert fails,
    ``run_load`` repeats the load with ``read_parquet_reference`` (see ``_FALLBACKS``).
    """
    if ctx.engine is not None:
        direct = _read_parquet_sql(ctx)
        if direct is not None:
            return direct
    return read_parquet_reference(ctx)


def read_orc(ctx: LoadContext) -> Parsed:
    """ORC: https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-orc"""
    from pyarrow import orc

    return _columnar(ctx, [orc.ORCFile(_arrow_input(s)).read() for s in ctx.sources])


_AVRO_PRIMITIVES = {
    "long": "INTEGER",
    "int": "INTEGER",
    "double": "FLOAT",
    "float": "FLOAT",
    "string": "STRING",
    "boolean": "BOOLEAN",
    "bytes": "BYTES",
    "fixed": "BYTES",
    "enum": "STRING",
}
# https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro#logical_types
_AVRO_LOGICAL = {
    "date": "DATE",
    "timestamp-micros": "TIMESTAMP",
    "timestamp-millis": "TIMESTAMP",
    "time-micros": "TIME",
    "time-millis": "TIME",
    "decimal": "NUMERIC",
    "local-timestamp-micros": "DATETIME",
    "local-timestamp-millis": "DATETIME",
    "uuid": "STRING",
}


def _avro_field(name: str, avro: Any) -> Field:
    """BigQuery field for an Avro schema node."""
    mode = "REQUIRED"
    if isinstance(avro, list):
        branches = [b for b in avro if b != "null"]
        mode = "NULLABLE" if len(branches) < len(avro) else "REQUIRED"
        avro = branches[0] if len(branches) == 1 else "string"
    if isinstance(avro, dict) and avro.get("type") == "array":
        inner = _avro_field(name, avro["items"])
        return {**inner, "mode": "REPEATED"}
    if isinstance(avro, dict) and avro.get("type") == "record":
        fields = [_avro_field(f["name"], f["type"]) for f in avro["fields"]]
        return {"name": name, "type": "RECORD", "mode": mode, "fields": fields}
    if isinstance(avro, dict):
        logical = _AVRO_LOGICAL.get(avro.get("logicalType", ""))
        typ = logical or _AVRO_PRIMITIVES.get(avro["type"], "STRING")
        return {"name": name, "type": typ, "mode": mode}
    return {"name": name, "type": _AVRO_PRIMITIVES.get(avro, "STRING"), "mode": mode}


def read_avro(ctx: LoadContext) -> Parsed:
    """Avro via fastavro: https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-avro"""
    import fastavro

    tables = []
    for source in ctx.sources:
        reader = fastavro.reader(io.BytesIO(_read_bytes(source)))
        writer_schema: Any = reader.writer_schema
        fields = [_avro_field(f["name"], f["type"]) for f in writer_schema["fields"]]
        records = list(reader)
        tables.append(pa.Table.from_pylist(records, schema=schema.arrow_schema(fields)))
    return _columnar(ctx, tables)


Reader = Callable[[LoadContext], Parsed]
# A reader whose rows are a DuckDB query that may stop the insert (csv_fast.DECLINED, or any
# reading error): the insert is rolled back and these read the files again, exactly.
_FALLBACKS: dict[Reader, Reader] = {}
_READERS: dict[str, Reader] = {
    "CSV": read_csv,
    "NEWLINE_DELIMITED_JSON": read_json,
    "JSON": read_json,
    "PARQUET": read_parquet,
    "ORC": read_orc,
    "AVRO": read_avro,
}
_FALLBACKS.update({read_csv: read_csv_reference, read_parquet: read_parquet_reference})


# --------------------------------------------------------------------------- the job


def _destination(project: str, config: dict[str, Any]) -> tuple[str, str, str]:
    dest = config.get("destinationTable") or {}
    if not dest.get("datasetId") or not dest.get("tableId"):
        raise errors.Invalid("Load configuration must specify destinationTable")
    # A partition decorator (table$20240101) writes into the table itself here.
    return dest.get("projectId") or project, dest["datasetId"], dest["tableId"].split("$", 1)[0]


def _table_body(config: dict[str, Any]) -> dict[str, Any]:
    body = {k: config[k] for k in _TABLE_KEYS if k in config}
    props = config.get("destinationTableProperties") or {}
    body.update({k: props[k] for k in ("description", "friendlyName", "labels") if k in props})
    return body


def _context(
    catalog: Catalog, p: str, d: str, t: str, config: dict[str, Any], sources: list[Source]
) -> LoadContext:
    declared = (config.get("schema") or {}).get("fields")
    kind = catalog.table_kind(p, d, t)
    if kind == "VIEW":
        raise errors.Invalid(f"Cannot load into view {p}:{d}.{t}")
    normalized = schema.normalize_fields(declared) if declared else None
    tmp_dir = catalog.lake.data_dir / "tmp"
    return LoadContext(
        config,
        normalized,
        None,
        sources,
        engine=catalog.lake.cursor,
        tmp_dir=tmp_dir if tmp_dir.is_dir() else None,
        load_existing=(lambda: catalog.table_fields(p, d, t)) if kind == "TABLE" else None,
    )


def run_load(
    catalog: Catalog, buckets_dir: Path, project: str, config: dict[str, Any], upload: bytes | None
) -> dict[str, Any]:
    """Run one load job; returns BigQuery's load statistics (JobStatistics3)."""
    p, d, t = _destination(project, config)
    catalog.require_dataset(p, d)
    fmt = str(config.get("sourceFormat") or "CSV").upper()
    reader = _READERS.get(fmt)
    if reader is None:
        raise errors.Invalid(f"Unsupported source format: {fmt}")
    sources = _sources(buckets_dir, config, upload)
    ctx = _context(catalog, p, d, t, config, sources)
    request = WriteRequest(
        p,
        d,
        t,
        write_disposition=config.get("writeDisposition") or "WRITE_APPEND",
        create_disposition=config.get("createDisposition") or "CREATE_IF_NEEDED",
        schema_update_options=list(config.get("schemaUpdateOptions") or []),
        table_body=_table_body(config),
    )
    try:
        parsed = reader(ctx)
        try:
            rows = write_arrow(catalog, request, parsed.data, parsed.fields)
        except errors.BigQueryError:
            fallback = _FALLBACKS.get(reader)
            if fallback is None or not isinstance(parsed.data, SqlRows):
                raise
            ctx.problems.clear()
            parsed = fallback(ctx)  # the insert rolled back: the table is as it was
            rows = write_arrow(catalog, request, parsed.data, parsed.fields)
    finally:
        for path in ctx.scratch:
            path.unlink(missing_ok=True)
    return {
        "inputFiles": str(len(sources)),
        "inputFileBytes": str(
            sum(len(s) if isinstance(s, bytes) else s.stat().st_size for s in sources)
        ),
        "outputRows": str(rows),
        "outputBytes": str(parsed.size),
        "badRecords": str(parsed.bad_records),
    }
