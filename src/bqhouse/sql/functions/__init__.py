"""The GoogleSQL function library, one module per family of the GoogleSQL reference.

Each family module may define:

- ``FUNCTIONS: dict[str, Transform]`` -- rewrites of calls sqlglot parses as ``exp.Anonymous``,
  keyed by upper-case GoogleSQL name;
- ``TRANSFORMS: dict[type[exp.Expr], Transform]`` -- rewrites of typed sqlglot nodes (a node type
  may belong to one family only);
- ``MACROS: list[str]`` -- ``CREATE OR REPLACE MACRO`` statements installed on every connection;
- ``UDFS: list[Udf]`` -- Python scalar functions, only where no SQL or macro can do the job;
- ``NAMESPACED: dict[str, Transform]`` -- rewrites of ``NAMESPACE.NAME(...)`` calls
  (``HLL_COUNT.INIT``, ``AEAD.ENCRYPT``), keyed by upper-case dotted name; a ``SAFE.`` prefix sets
  ``node.meta["safe"]``, and a rewrite that honours it sets ``meta["safe_handled"]`` on its result.

Every fix is pinned by a row in ``tests/sql/cases/<family>*.sql`` with a ``# doc:`` link.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
from sqlglot import exp

from bqhouse.sql.builders import Transform

# Family modules, in load order. Add a module here to add a family.
FAMILIES = (
    "string",
    "conversion",
    "math",
    "hashing",
    "net",
    "datetime",
    "aggregate",
    "window",
    "array",
    "json",
    "query",
    "geography",
    "floating",
    "statistical",
    "hll",
    "aead",
    "cast_format",
    "range",
)


@dataclass(frozen=True)
class Udf:
    """A Python scalar function registered with DuckDB."""

    name: str
    function: Callable[..., Any]
    parameters: list[str]
    return_type: str
    null_handling: str = "default"  # "special": the function sees NULLs itself
    kind: str = "native"  # "arrow": called once per vector with pyarrow arrays
    side_effects: bool = False  # True: never constant-folded or cached (random keys, IVs)


FUNCTIONS: dict[str, Transform] = {}
TRANSFORMS: dict[type[exp.Expr], Transform] = {}
MACROS: list[str] = []
UDFS: list[Udf] = []
NAMESPACED: dict[str, Transform] = {}

for _name in FAMILIES:
    try:
        _module = importlib.import_module(f"bqhouse.sql.functions.{_name}")
    except ModuleNotFoundError as _missing:
        if _missing.name != f"bqhouse.sql.functions.{_name}":
            raise
        continue
    _clash = FUNCTIONS.keys() & getattr(_module, "FUNCTIONS", {}).keys()
    assert not _clash, f"{_name} redefines functions {_clash}"
    FUNCTIONS.update(getattr(_module, "FUNCTIONS", {}))
    _clash_nodes = TRANSFORMS.keys() & getattr(_module, "TRANSFORMS", {}).keys()
    assert not _clash_nodes, f"{_name} redefines node transforms {_clash_nodes}"
    TRANSFORMS.update(getattr(_module, "TRANSFORMS", {}))
    MACROS.extend(getattr(_module, "MACROS", []))
    UDFS.extend(getattr(_module, "UDFS", []))
    _clash_names = NAMESPACED.keys() & getattr(_module, "NAMESPACED", {}).keys()
    assert not _clash_names, f"{_name} redefines functions {_clash_names}"
    NAMESPACED.update(getattr(_module, "NAMESPACED", {}))


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Install the Python UDFs, then the macros (which may call them), on a connection (its
    cursors see them too)."""
    for udf in UDFS:
        con.create_function(
            udf.name,
            udf.function,
            udf.parameters,  # type: ignore[arg-type]
            udf.return_type,  # type: ignore[arg-type]
            null_handling=udf.null_handling,  # type: ignore[arg-type]
            type=udf.kind,  # type: ignore[arg-type]
            side_effects=udf.side_effects,
        )
    for macro in MACROS:
        con.execute(macro)
