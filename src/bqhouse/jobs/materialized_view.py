"""Materialized views: stored as DuckDB views (always fresh), described as BigQuery's.

https://cloud.google.com/bigquery/docs/materialized-views-intro
A read of a bqhouse materialized view runs its query, so it is never stale: BigQuery's
"always consistent reads" hold trivially. The REST resource carries ``type: MATERIALIZED_VIEW``
and ``materializedView`` (query, enableRefresh, refreshIntervalMs, lastRefreshTime).
"""

from __future__ import annotations

from typing import Any

import duckdb
from sqlglot import exp

from bqhouse import errors
from bqhouse.jobs import ddl_options
from bqhouse.sql import Translated
from bqhouse.storage.catalog import Catalog, now_ms

Resource = dict[str, Any]

DEFAULT_REFRESH_MS = 30 * 60 * 1000  # BigQuery's default refresh_interval_minutes is 30


def _apply_options(resource: Resource, options: dict[str, exp.Expr]) -> None:
    resource.update(ddl_options.table_metadata(options))
    view = resource.setdefault("materializedView", {})
    for name, value in options.items():
        if name == "enable_refresh":
            if not isinstance(value, exp.Boolean):
                raise errors.InvalidQuery("enable_refresh must be a BOOL", location="query")
            view["enableRefresh"] = bool(value.this)
        elif name == "refresh_interval_minutes":
            if not isinstance(value, exp.Literal) or value.is_string:
                raise errors.InvalidQuery(
                    "refresh_interval_minutes must be a number", location="query"
                )
            view["refreshIntervalMs"] = str(int(float(value.this) * 60_000))


def record(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    """CREATE MATERIALIZED VIEW: the view's BigQuery metadata."""
    t = statement.target
    if t is None:
        return
    body = statement.expression.expression
    query = body.sql(dialect="bigquery") if isinstance(body, exp.Expression) else ""
    resource: Resource = {
        "tableReference": {"projectId": t.project, "datasetId": t.dataset, "tableId": t.table},
        "materializedView": {
            "query": query,
            "enableRefresh": True,
            "refreshIntervalMs": str(DEFAULT_REFRESH_MS),
            "lastRefreshTime": str(now_ms()),
        },
    }
    _apply_options(resource, ddl_options.options(statement.expression))
    catalog.put_table_meta(cur, t.project, t.dataset, t.table, resource)


def alter(catalog: Catalog, cur: duckdb.DuckDBPyConnection, statement: Translated) -> None:
    """ALTER MATERIALIZED VIEW ... SET OPTIONS: update the stored options."""
    t = statement.target
    if t is None:
        return
    if catalog.table_kind(t.project, t.dataset, t.table) is None:
        if statement.expression.args.get("exists"):
            return
        raise errors.NotFound(
            f"Not found: Table {t.project}:{t.dataset}.{t.table} was not found in location US"
        )
    resource = catalog.get_table(t.project, t.dataset, t.table)
    if "materializedView" not in resource:
        raise errors.InvalidQuery(
            f"{t.project}:{t.dataset}.{t.table} is not a materialized view", location="query"
        )
    stored = {k: v for k, v in resource.items() if k in _STORED}
    _apply_options(stored, ddl_options.options(statement.expression))
    catalog.put_table_meta(cur, t.project, t.dataset, t.table, stored)


# The metadata keys of a materialized view that ALTER keeps (the rest is computed on read).
_STORED = {
    "tableReference",
    "materializedView",
    "description",
    "friendlyName",
    "labels",
    "expirationTime",
}


def describe(resource: Resource) -> Resource:
    """A tables.get/list resource of a view that is materialized: its BigQuery type."""
    if "materializedView" in resource:
        resource["type"] = "MATERIALIZED_VIEW"
        resource.pop("view", None)
    return resource
