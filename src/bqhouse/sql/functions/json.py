"""JSON functions: GoogleSQL semantics over DuckDB's JSON extension.

https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions
"""

from __future__ import annotations

import json as _json
import math
import re
from typing import Any

from sqlglot import exp

from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf

_NUMBER_TYPES = "('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')"

MACROS: list[str] = [
    # JSON_TYPE names: object, array, string, number, boolean, null.
    "CREATE OR REPLACE MACRO bq_json_type(j) AS CASE json_type(j) "
    "WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' "
    "WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' "
    "WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'HUGEINT' THEN 'number' "
    "WHEN 'DOUBLE' THEN 'number' END",
    # JSON_QUERY_ARRAY / JSON_EXTRACT_ARRAY: NULL unless the value at the path is an array.
    "CREATE OR REPLACE MACRO bq_json_query_array(j, p) AS CASE WHEN json_type(j, p) = 'ARRAY' "
    "THEN CAST(json_extract(j, p) AS JSON[]) END",
    "CREATE OR REPLACE MACRO bq_json_value_array(j, p) AS CASE WHEN json_type(j, p) = 'ARRAY' "
    "THEN CAST(json_extract(j, p) AS VARCHAR[]) END",
    # INT64/FLOAT64/BOOL/STRING(json): the JSON value must have that type.
    "CREATE OR REPLACE MACRO bq_json_int64(j) AS CASE "
    "WHEN j IS NULL OR json_type(j) = 'NULL' THEN NULL "
    f"WHEN json_type(j) IN {_NUMBER_TYPES} AND TRY_CAST(j AS DOUBLE) = "
    "trunc(TRY_CAST(j AS DOUBLE)) AND TRY_CAST(j AS BIGINT) IS NOT NULL "
    "THEN TRY_CAST(TRY_CAST(j AS DOUBLE) AS BIGINT) "
    "ELSE error('The provided JSON input is not an integer') END",
    "CREATE OR REPLACE MACRO bq_json_float64(j) AS CASE "
    "WHEN j IS NULL OR json_type(j) = 'NULL' THEN NULL "
    f"WHEN json_type(j) IN {_NUMBER_TYPES} THEN TRY_CAST(j AS DOUBLE) "
    "ELSE error('The provided JSON input is not a number') END",
    "CREATE OR REPLACE MACRO bq_json_bool(j) AS CASE "
    "WHEN j IS NULL OR json_type(j) = 'NULL' THEN NULL "
    "WHEN json_type(j) = 'BOOLEAN' THEN TRY_CAST(j AS BOOLEAN) "
    "ELSE error('The provided JSON input is not a boolean') END",
    "CREATE OR REPLACE MACRO bq_json_string(j) AS CASE "
    "WHEN j IS NULL OR json_type(j) = 'NULL' THEN NULL "
    "WHEN json_type(j) = 'VARCHAR' THEN json_extract_string(j, '$') "
    "ELSE error('The provided JSON input is not a string') END",
    # LAX_ converters: NULL instead of an error when the value does not convert.
    "CREATE OR REPLACE MACRO bq_lax_bool(j) AS CASE json_type(j) "
    "WHEN 'BOOLEAN' THEN TRY_CAST(j AS BOOLEAN) "
    "WHEN 'VARCHAR' THEN CASE lower(json_extract_string(j, '$')) WHEN 'true' THEN TRUE "
    "WHEN 'false' THEN FALSE END "
    "WHEN 'BIGINT' THEN TRY_CAST(j AS DOUBLE) <> 0 WHEN 'UBIGINT' THEN TRY_CAST(j AS DOUBLE) <> 0 "
    "WHEN 'DOUBLE' THEN TRY_CAST(j AS DOUBLE) <> 0 END",
    "CREATE OR REPLACE MACRO bq_lax_double(j) AS CASE "
    f"WHEN json_type(j) IN {_NUMBER_TYPES} THEN TRY_CAST(j AS DOUBLE) "
    "WHEN json_type(j) = 'VARCHAR' THEN TRY_CAST(json_extract_string(j, '$') AS DOUBLE) END",
    "CREATE OR REPLACE MACRO bq_lax_int64(j) AS CASE "
    "WHEN json_type(j) = 'BOOLEAN' THEN CAST(TRY_CAST(j AS BOOLEAN) AS BIGINT) "
    "WHEN abs(bq_lax_double(j)) < 9.2e18 THEN "
    "CAST(sign(bq_lax_double(j)) * floor(abs(bq_lax_double(j)) + 0.5) AS BIGINT) END",
    "CREATE OR REPLACE MACRO bq_lax_string(j) AS CASE "
    "WHEN json_type(j) = 'VARCHAR' THEN json_extract_string(j, '$') "
    f"WHEN json_type(j) IN {_NUMBER_TYPES} OR json_type(j) = 'BOOLEAN' "
    "THEN CAST(j AS VARCHAR) END",
]

# DuckDB's to_json writes a TIMESTAMP as "2017-06-25 10:00:00+00"; BigQuery as RFC 3339 in UTC.
_DUCK_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00$")


def _bigquery_json(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str) and (match := _DUCK_TIMESTAMP.match(value)):
        return f"{match.group(1)}T{match.group(2)}Z"
    if isinstance(value, list):
        return [_bigquery_json(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1 and "geography" in value:
            # DuckDB's JSON of a GEOGRAPHY (the one-member union marker); BigQuery writes the WKT.
            # A user STRUCT with the single field `geography` is read the same way.
            return value["geography"]
        return {k: _bigquery_json(v) for k, v in value.items()}
    return value


def to_json_string_udf(text: str | None, pretty: bool | None) -> str:
    """TO_JSON_STRING's formatting of DuckDB's ``to_json`` text.

    >>> to_json_string_udf('{"id":1,"x":NaN}', False)
    '{"id":1,"x":"NaN"}'
    """
    if text is None:
        return "null"
    value = _bigquery_json(_json.loads(text))
    if pretty:
        return _json.dumps(value, indent=2, separators=(",", ": "), ensure_ascii=False)
    return _json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def json_keys_udf(text: str | None, depth: int | None) -> list[str] | None:
    """JSON_KEYS: every object key path, sorted, down to ``depth`` levels.

    >>> json_keys_udf('{"a": {"b": 1}}', None)
    ['a', 'a.b']
    """
    if text is None:
        return None
    keys: set[str] = set()

    def walk(value: Any, prefix: str, level: int) -> None:
        if depth is not None and level > depth:
            return
        if isinstance(value, dict):
            for key, child in value.items():
                name = key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else _json.dumps(key)
                path = f"{prefix}.{name}" if prefix else name
                keys.add(path)
                walk(child, path, level + 1)
        elif isinstance(value, list):
            for child in value:
                walk(child, prefix, level)

    walk(_json.loads(text), "", 1)
    return sorted(keys)


_PATH_TOKEN = re.compile(
    r"\.([A-Za-z_][A-Za-z0-9_]*)|\.\"((?:[^\"\\]|\\.)*)\"|\[(\d+)\]|\['([^']*)'\]"
)


def _parse_path(path: str) -> list[str | int]:
    if not path.startswith("$"):
        raise ValueError(f"Invalid JSONPath: {path}")
    steps: list[str | int] = []
    rest = path[1:]
    while rest:
        match = _PATH_TOKEN.match(rest)
        if match is None:
            raise ValueError(f"Invalid JSONPath: {path}")
        name, quoted, index, bracket = match.groups()
        if index is not None:
            steps.append(int(index))
        else:
            steps.append(name or quoted or bracket or "")
        rest = rest[match.end() :]
    return steps


def json_set_udf(text: str | None, path: str | None, value: str | None) -> str | None:
    """JSON_SET of one path: replace or create the value there.

    >>> json_set_udf('{"a": 1}', '$.b', '999')
    '{"a":1,"b":999}'
    """
    if text is None or path is None:
        return None
    document = _json.loads(text)
    new = _json.loads(value) if value is not None else None
    steps = _parse_path(path)
    if not steps:
        return _dump(new)
    node = document
    for step, following in zip(steps, steps[1:], strict=False):
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
        elif isinstance(step, str) and isinstance(node, dict):
            node = node.setdefault(step, [] if isinstance(following, int) else {})
        else:
            return _dump(document)
    last = steps[-1]
    if isinstance(last, str) and isinstance(node, dict):
        node[last] = new
    elif isinstance(last, int) and isinstance(node, list):
        node.extend([None] * (last + 1 - len(node)))
        node[last] = new
    return _dump(document)


def json_remove_udf(text: str | None, path: str | None) -> str | None:
    """JSON_REMOVE of one path.

    >>> json_remove_udf('["a", "b", "c"]', '$[1]')
    '["a","c"]'
    """
    if text is None or path is None:
        return None
    document = _json.loads(text)
    steps = _parse_path(path)
    if not steps:
        return _dump(document)
    node = document
    for step in steps[:-1]:
        in_list = isinstance(step, int) and isinstance(node, list) and step < len(node)
        in_object = isinstance(step, str) and isinstance(node, dict) and step in node
        if not (in_list or in_object):
            return _dump(document)
        node = node[step]
    last = steps[-1]
    if isinstance(last, str) and isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(last, int) and isinstance(node, list) and last < len(node):
        node.pop(last)
    return _dump(document)


def json_strip_nulls_udf(text: str | None) -> str | None:
    """JSON_STRIP_NULLS with the defaults: nulls go from objects and arrays.

    >>> json_strip_nulls_udf('{"a": null, "b": [1, null]}')
    '{"b":[1]}'
    """
    if text is None:
        return None

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [strip(v) for v in value if v is not None]
        return value

    return _dump(strip(_json.loads(text)))


def _dump(value: Any) -> str:
    return _json.dumps(value, separators=(",", ":"), ensure_ascii=False)


UDFS: list[Udf] = [
    Udf("bq_to_json_string", to_json_string_udf, ["VARCHAR", "BOOLEAN"], "VARCHAR", "special"),
    Udf("bq_json_keys", json_keys_udf, ["VARCHAR", "BIGINT"], "VARCHAR[]", "special"),
    Udf("bq_json_set", json_set_udf, ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR", "special"),
    Udf("bq_json_remove", json_remove_udf, ["VARCHAR", "VARCHAR"], "VARCHAR"),
    Udf("bq_json_strip_nulls", json_strip_nulls_udf, ["VARCHAR"], "VARCHAR"),
]

_JSON = exp.DataType.build("JSON")
_TEXT = exp.DataType.build("VARCHAR")


def _as_text(node: exp.Expr) -> exp.Expr:
    return exp.cast(node, _TEXT)


def _root(node: exp.Expr) -> exp.Expr:
    return node.args.get("expression") or exp.Literal.string("$")


def json_format(node: exp.Expr) -> exp.Expr:
    """TO_JSON_STRING: NaN/Infinity as strings, RFC 3339 timestamps, optional pretty print.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#to_json_string
    """
    if node.args.get("to_json"):
        return call("TO_JSON", node.this)  # TO_JSON: a JSON value
    pretty = node.args.get("options") or exp.false()
    return call("bq_to_json_string", _as_text(call("TO_JSON", node.this)), pretty)


def json_type(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_type"""
    return call("bq_json_type", node.this)


def json_extract_array(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_query_array"""
    return call("bq_json_query_array", node.this, _root(node))


def json_value_array(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_value_array"""
    return call("bq_json_value_array", node.this, _root(node))


def json_keys(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_keys"""
    depth = node.args.get("expression") or exp.Null()
    return call("bq_json_keys", _as_text(node.this), exp.cast(depth, exp.DataType.build("BIGINT")))


def json_set(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_set"""
    result: exp.Expr = _as_text(node.this)
    pairs = node.expressions
    for path, value in zip(pairs[::2], pairs[1::2], strict=False):
        result = call("bq_json_set", result, path, _as_text(call("TO_JSON", value)))
    return exp.cast(result, _JSON)


def json_remove(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_remove"""
    result: exp.Expr = _as_text(node.this)
    for path in node.expressions:
        result = call("bq_json_remove", result, path)
    return exp.cast(result, _JSON)


def json_strip_nulls(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_strip_nulls"""
    return exp.cast(call("bq_json_strip_nulls", _as_text(node.this)), _JSON)


def _converter(macro: str) -> Transform:
    def convert(node: exp.Expr) -> exp.Expr:
        argument = node.expressions[0] if isinstance(node, exp.Anonymous) else node.this
        return call(macro, exp.cast(argument, _JSON))

    convert.__doc__ = (
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#"
        "conversion_functions"
    )
    return convert


def string(node: exp.Expr) -> exp.Expr:
    """STRING(json) extracts a JSON string; STRING(timestamp[, zone]) is left alone.

    Which one is meant is known only from the argument's type, so DuckDB decides by typeof().
    https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#string_for_json
    """
    if node.args.get("zone") is not None:
        return node
    value = node.this
    return exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(
                    this=call("TYPEOF", value.copy()), expression=exp.Literal.string("JSON")
                ),
                true=call("bq_json_string", call("TO_JSON", value.copy())),
            )
        ],
        default=exp.cast(value.copy(), _TEXT),
    )


def parse_json(node: exp.Expr) -> exp.Expr:
    """PARSE_JSON and JSON literals; ``JSON '...'.a.b``, ``['a']`` and ``[0]`` access parses
    into the literal.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#parse_json
    """
    path: list[str] = []
    this = node.this
    while isinstance(this, (exp.Dot, exp.Bracket)):
        if isinstance(this, exp.Dot):
            path.insert(0, f'."{this.expression.name}"')
        else:  # j['key'] or j[0] (the core Bracket rewrite leaves these alone)
            (index,) = this.expressions
            path.insert(0, f'."{index.this}"' if index.is_string else f"[{int(index.this)}]")
        this = this.this
    value = exp.cast(this, _JSON)
    if not path:
        return value
    return exp.JSONExtract(this=value, expression=exp.Literal.string("$" + "".join(path)))


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.JSONFormat: json_format,
    exp.JSONType: json_type,
    exp.JSONExtractArray: json_extract_array,
    exp.JSONValueArray: json_value_array,
    exp.JSONKeysAtDepth: json_keys,
    exp.JSONSet: json_set,
    exp.JSONRemove: json_remove,
    exp.JSONStripNulls: json_strip_nulls,
    exp.Int64: _converter("bq_json_int64"),
    exp.JSONBool: _converter("bq_json_bool"),
    exp.LaxInt64: _converter("bq_lax_int64"),
    exp.LaxBool: _converter("bq_lax_bool"),
    exp.LaxFloat64: _converter("bq_lax_double"),
    exp.LaxString: _converter("bq_lax_string"),
    exp.Float64: _converter("bq_json_float64"),
    exp.String: string,
    exp.ParseJSON: parse_json,
}
