"""Extract jobs: a table to ``gs://`` files as CSV, newline-delimited JSON, Parquet or Avro.

https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationExtract
Values are written as BigQuery exports them (https://cloud.google.com/bigquery/docs/exporting-data),
e.g. a TIMESTAMP as ``2024-01-01 12:00:00 UTC`` and, in JSON, INT64 as a string.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import gzip
import io
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from bqhouse import errors
from bqhouse.encoding import decimal_text, java_double_text
from bqhouse.engine.duckdb import run
from bqhouse.jobs.files import resolve_output
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import table_sql

Field = dict[str, Any]


# --------------------------------------------------------------------------- value text


def _timestamp_text(value: dt.datetime) -> str:
    text = value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + " UTC"


def _datetime_text(value: dt.datetime) -> str:
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{value.microsecond:06d}".rstrip("0") if value.microsecond else "")


def _time_text(value: dt.time) -> str:
    text = value.strftime("%H:%M:%S")
    return text + (f".{value.microsecond:06d}".rstrip("0") if value.microsecond else "")


def _float_text(value: float) -> str:
    return java_double_text(value)


# Scalar type -> text as BigQuery writes it in CSV and JSON exports.
_TEXT: dict[str, Callable[[Any], Any]] = {
    "TIMESTAMP": _timestamp_text,
    "DATETIME": _datetime_text,
    "TIME": _time_text,
    "DATE": lambda v: v.isoformat(),
    "BYTES": lambda v: base64.b64encode(v).decode(),
    "FLOAT": _float_text,
    "NUMERIC": lambda v: decimal_text(v) if isinstance(v, Decimal) else str(v),
    "BIGNUMERIC": lambda v: decimal_text(v) if isinstance(v, Decimal) else str(v),
    "BOOLEAN": lambda v: "true" if v else "false",
    "INTEGER": str,
}


def _json_float(value: float) -> Any:
    # JSON has no NaN or infinity: BigQuery writes those as strings.
    return value if math.isfinite(value) else _float_text(value)


# In JSON exports FLOAT and BOOLEAN stay JSON numbers and booleans; INT64 becomes a string.
_JSON_VALUES: dict[str, Callable[[Any], Any]] = {
    **_TEXT,
    "FLOAT": _json_float,
    "BOOLEAN": bool,
}


def _scalar(value: Any, field: Field, rules: dict[str, Callable[[Any], Any]]) -> Any:
    if value is None:
        return None
    if field["type"] == "RECORD":
        return {f["name"]: _value(value.get(f["name"]), f, rules) for f in field.get("fields", [])}
    if field["type"] == "JSON" and not isinstance(value, str):
        return orjson.dumps(value).decode()
    return rules.get(field["type"], str)(value)


def _value(value: Any, field: Field, rules: dict[str, Callable[[Any], Any]]) -> Any:
    if field.get("mode") == "REPEATED":
        return [_scalar(v, {**field, "mode": "NULLABLE"}, rules) for v in value or []]
    return _scalar(value, field, rules)


def _csv_cell(value: Any, field: Field) -> str:
    if value is None:
        return ""
    if field.get("mode") == "REPEATED" or field["type"] == "RECORD":
        raise errors.Invalid(
            f"Operation cannot be performed on a nested schema. Field: {field['name']}"
        )
    return str(_scalar(value, field, _TEXT))


# --------------------------------------------------------------------------- writers


def _delimiter(config: dict[str, Any]) -> str:
    raw = config.get("fieldDelimiter", ",")
    return {"tab": "\t", "\\t": "\t"}.get(raw.lower(), raw)


def write_csv(data: pa.Table, fields: list[Field], config: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=_delimiter(config), lineterminator="\n")
    if config.get("printHeader", True) not in (False, "false"):
        writer.writerow([f["name"] for f in fields])
    for row in data.to_pylist():
        writer.writerow([_csv_cell(row[f["name"]], f) for f in fields])
    return out.getvalue().encode()


def write_json(data: pa.Table, fields: list[Field], config: dict[str, Any]) -> bytes:
    lines = []
    for row in data.to_pylist():
        # NULL values are left out of exported JSON objects, as BigQuery does.
        obj = {
            f["name"]: _value(row[f["name"]], f, _JSON_VALUES)
            for f in fields
            if row[f["name"]] is not None
        }
        lines.append(orjson.dumps(obj))
    return b"".join(line + b"\n" for line in lines)


_PARQUET_CODECS = {"NONE": "none", "GZIP": "gzip", "SNAPPY": "snappy", "ZSTD": "zstd"}


def write_parquet(data: pa.Table, fields: list[Field], config: dict[str, Any]) -> bytes:
    import pyarrow.parquet as pq

    codec = _PARQUET_CODECS.get(str(config.get("compression") or "SNAPPY").upper(), "snappy")
    sink = io.BytesIO()
    pq.write_table(data, sink, compression=codec)
    return sink.getvalue()


_AVRO_TYPES: dict[str, Any] = {
    "INTEGER": "long",
    "FLOAT": "double",
    "BOOLEAN": "boolean",
    "STRING": "string",
    "BYTES": "bytes",
    "JSON": "string",
    "GEOGRAPHY": "string",
    "DATE": {"type": "int", "logicalType": "date"},
    "TIME": {"type": "long", "logicalType": "time-micros"},
    "TIMESTAMP": {"type": "long", "logicalType": "timestamp-micros"},
    "DATETIME": {"type": "string", "sqlType": "DATETIME"},
    "NUMERIC": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 9},
}


def _avro_type(field: Field) -> Any:
    if field["type"] == "RECORD":
        base: Any = {
            "type": "record",
            "name": field["name"],
            "fields": [{"name": f["name"], "type": _avro_type(f)} for f in field["fields"]],
        }
    else:
        base = _AVRO_TYPES.get(field["type"], "string")
    if field.get("mode") == "REPEATED":
        return {"type": "array", "items": base}
    return base if field.get("mode") == "REQUIRED" else ["null", base]


def _avro_row(row: dict[str, Any], fields: list[Field]) -> dict[str, Any]:
    out = {}
    for f in fields:
        value = row[f["name"]]
        if f["type"] == "DATETIME" and value is not None:
            value = _datetime_text(value)
        out[f["name"]] = value
    return out


def write_avro(data: pa.Table, fields: list[Field], config: dict[str, Any]) -> bytes:
    import fastavro

    avro_schema = {
        "type": "record",
        "name": "Root",
        "fields": [{"name": f["name"], "type": _avro_type(f)} for f in fields],
    }
    codec = {"DEFLATE": "deflate", "SNAPPY": "snappy"}.get(
        str(config.get("compression") or "NONE").upper(), "null"
    )
    sink = io.BytesIO()
    fastavro.writer(
        sink,
        fastavro.parse_schema(avro_schema),
        [_avro_row(r, fields) for r in data.to_pylist()],
        codec=codec,
    )
    return sink.getvalue()


Writer = Callable[[pa.Table, list[Field], dict[str, Any]], bytes]
_WRITERS: dict[str, Writer] = {
    "CSV": write_csv,
    "NEWLINE_DELIMITED_JSON": write_json,
    "JSON": write_json,
    "PARQUET": write_parquet,
    "AVRO": write_avro,
}
# Formats whose whole file is gzipped with compression=GZIP (Parquet/Avro compress internally).
_WHOLE_FILE_GZIP = frozenset({"CSV", "NEWLINE_DELIMITED_JSON", "JSON"})


# --------------------------------------------------------------------------- the job


def _source(project: str, config: dict[str, Any]) -> tuple[str, str, str]:
    src = config.get("sourceTable") or {}
    if not src.get("datasetId") or not src.get("tableId"):
        raise errors.Invalid("Extract configuration must specify sourceTable")
    return src.get("projectId") or project, src["datasetId"], src["tableId"]


def _targets(buckets_dir: Path, config: dict[str, Any]) -> list[Path]:
    uris = config.get("destinationUris") or (
        [config["destinationUri"]] if config.get("destinationUri") else []
    )
    if not uris:
        raise errors.Invalid("Extract configuration must specify destinationUris")
    return [resolve_output(buckets_dir, uri) for uri in uris]


def run_extract(
    catalog: Catalog, buckets_dir: Path, project: str, config: dict[str, Any], upload: bytes | None
) -> dict[str, Any]:
    """Run one extract job; returns BigQuery's extract statistics (JobStatistics4)."""
    p, d, t = _source(project, config)
    if catalog.require_table(p, d, t) != "TABLE":
        raise errors.Invalid(f"Cannot extract a view: {p}:{d}.{t}")
    fmt = str(config.get("destinationFormat") or "CSV").upper()
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise errors.Invalid(f"Unsupported destination format: {fmt}")
    fields = catalog.table_fields(p, d, t)
    data = run(catalog.lake.cursor(), f"SELECT * FROM {table_sql(p, d, t)}")
    payload = writer(data, fields, config)
    if str(config.get("compression") or "").upper() == "GZIP" and fmt in _WHOLE_FILE_GZIP:
        payload = gzip.compress(payload)
    targets = _targets(buckets_dir, config)
    # Everything goes to the first URI (shard 0 of a wildcard); other URIs get empty files
    # only if they are patterns, as BigQuery may leave some shards without rows.
    targets[0].write_bytes(payload)
    return {
        "destinationUriFileCounts": ["1"] + ["0"] * (len(targets) - 1),
        "inputBytes": str(data.nbytes),
    }
