"""Which unqualified names of a script statement are columns, not script variables.

GoogleSQL resolves a name to a column of the FROM clause (of the query or of an enclosing one)
before a script variable of the same name: ``DECLARE x INT64 DEFAULT 5; SELECT x FROM (SELECT 1
AS x)`` returns 1. The FROM clause's columns come from the engine: a ``Probe`` binds
``SELECT * FROM <the clause>`` (with the statement's CTEs) and returns its column names, or None
when it does not bind on its own (a FROM that reads an outer query's columns).
https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

# A DuckDB ``SELECT`` -> its column names (lower case), None if it does not bind.
Probe = Callable[[str], "list[str] | None"]
# The statement tree of a FROM-clause probe -> DuckDB SQL (variables bound, transforms applied).
Render = Callable[[exp.Expr], str]


def column_names(tree: exp.Expr, variables: set[str], probe: Probe, render: Render) -> set[int]:
    """The ids of the unqualified ``exp.Column`` nodes of ``tree`` named like a variable that a
    FROM clause in scope (the column's query or an enclosing one) provides."""
    cache: dict[int, set[str] | None] = {}
    shadowed: set[int] = set()
    for column in tree.find_all(exp.Column):
        name = column.name.lower()
        if column.table or name not in variables:
            continue
        scope = column.parent
        while scope is not None:
            if isinstance(scope, (exp.Select, exp.Update, exp.Delete)):
                names = _scope_names(scope, probe, render, cache)
                if names is not None and name in names:
                    shadowed.add(id(column))
                    break
            scope = scope.parent
    return shadowed


def _scope_names(
    scope: exp.Expr,
    probe: Probe,
    render: Render,
    cache: dict[int, set[str] | None],
) -> set[str] | None:
    key = id(scope)
    if key not in cache:
        query = _from_query(scope)
        names = probe(render(query)) if query is not None else None
        cache[key] = {n.lower() for n in names} if names is not None else None
    return cache[key]


def _from_query(scope: exp.Expr) -> exp.Select | None:
    """``WITH <ctes in scope> SELECT * FROM <scope's FROM and JOINs>``, or None without a FROM."""
    if isinstance(scope, exp.Select):
        source = scope.args.get("from_")
        if source is None:
            return None
        query = exp.Select(expressions=[exp.Star()], from_=source.copy())
        query.set("joins", [join.copy() for join in scope.args.get("joins") or []])
    else:
        target = scope.this or (scope.args.get("tables") or [None])[0]
        if not isinstance(target, exp.Table):
            return None
        query = exp.select(exp.Star()).from_(target.copy())
        extra = scope.args.get("from_")
        if isinstance(extra, exp.From):
            query = query.join(extra.this.copy())
    ctes: list[exp.Expr] = []
    node: exp.Expr | None = scope
    while node is not None:  # the CTEs of the scope and of every enclosing query
        with_ = node.args.get("with_")
        if isinstance(with_, exp.With):
            ctes = [cte.copy() for cte in with_.expressions] + ctes
        node = node.parent
    if ctes:
        query.set("with_", exp.With(expressions=ctes))
    return query.limit(0)
