"""``OPTIONS (...)`` of CREATE TABLE / VIEW / MATERIALIZED VIEW: the table metadata they set.

https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#table_option_list
``description`` and ``friendly_name`` are STRINGs, ``labels`` an ARRAY of (key, value) STRING
pairs; they become the table resource's ``description``, ``friendlyName`` and ``labels``. Other
options are accepted and not recorded (bqhouse has no expiration or partition expiry).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from bqhouse import errors

Resource = dict[str, Any]

_STRINGS = {"description": "description", "friendly_name": "friendlyName"}


def options(node: exp.Expr) -> dict[str, exp.Expr]:
    """The statement's own OPTIONS(name = value, ...) by lower-case name: a CREATE's, or an
    ALTER ... SET OPTIONS' (not a column's ``OPTIONS``, not the view query's)."""
    if isinstance(node, exp.Create):
        groups = [node.args.get("properties")]
    elif isinstance(node, exp.Alter):
        actions = node.args.get("actions") or []
        groups = [e for a in actions if isinstance(a, exp.AlterSet) for e in a.expressions]
    else:
        groups = []
    out: dict[str, exp.Expr] = {}
    for group in groups:
        for prop in group.expressions if isinstance(group, exp.Properties) else []:
            value = prop.args.get("value") if isinstance(prop, exp.Property) else None
            if isinstance(value, exp.Expr):
                out[prop.name.lower()] = value
    return out


def _string(name: str, value: exp.Expr) -> str:
    if isinstance(value, exp.Literal) and value.is_string:
        return str(value.this)
    raise errors.InvalidQuery(
        f"Invalid value for option {name}: expected a STRING literal, got {value.sql('bigquery')}",
        location="query",
    )


def _labels(value: exp.Expr) -> dict[str, str]:
    pairs = value.expressions if isinstance(value, exp.Array) else [value]
    if not all(isinstance(p, exp.Tuple) and len(p.expressions) == 2 for p in pairs):
        raise errors.InvalidQuery(
            "Invalid value for option labels: expected an ARRAY of (key, value) STRING pairs",
            location="query",
        )
    return {_string("labels", p.expressions[0]): _string("labels", p.expressions[1]) for p in pairs}


def table_metadata(found: dict[str, exp.Expr]) -> Resource:
    """The table (or dataset) resource fields that ``found`` (see ``options``) sets; None for an
    option set to NULL, which ALTER ... SET OPTIONS clears."""
    resource: Resource = {}
    for name, value in found.items():
        key = "labels" if name == "labels" else _STRINGS.get(name)
        if key is None:
            continue  # an option bqhouse does not record
        if isinstance(value, exp.Null):
            resource[key] = None
        elif key == "labels":
            resource[key] = _labels(value)
        else:
            resource[key] = _string(name, value)
    return resource
