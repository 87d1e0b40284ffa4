"""UNNEST in FROM: GoogleSQL's array flattening as a plan DuckDB runs as one UNNEST operator.

GoogleSQL ``FROM t, UNNEST(t.arr) AS e [WITH OFFSET AS o]`` is a correlated (lateral) join.
DuckDB's ``UNNEST`` *table function* in a lateral join is planned as a delim join that
de-duplicates the outer rows by hashing every array (LIST<STRUCT> included) and joins them back:
~20x the cost of the flat scan. A lateral *subquery* whose projection unnests,
``(SELECT UNNEST(t.arr) AS v) AS u(e)``, is rewritten by DuckDB's unnest rewriter into a single
UNNEST operator over the scan. So an UNNEST whose array reads a column becomes:

* ``UNNEST(a) AS e`` -> ``(SELECT UNNEST(a) AS __bq_v) AS _unnest_e(e)``; the inner name never
  collides with a column that ``a`` reads (DuckDB binds select-list aliases before outer columns).
* ``WITH OFFSET AS o`` adds ``UNNEST(RANGE(LEN(a)))``: unnests side by side in one projection
  are zipped, giving the 0-based position of each element.
* no alias: ``UNNEST(a, max_depth => 2) AS f0_``, so a STRUCT element exposes its fields as
  columns and any other element is named ``f0_``.
* ``LEFT JOIN UNNEST(a)`` (no condition) keeps rows whose array is NULL or empty with a NULL
  element (and NULL offset): for a plain column path it unnests
  ``CASE WHEN LEN(a) > 0 THEN a ELSE [NULL] END`` in a CROSS JOIN (still one UNNEST operator);
  otherwise it stays a LEFT JOIN of the subquery ``ON TRUE``.

An UNNEST that reads no column (a literal, ``GENERATE_ARRAY(1, 10)``) is not correlated: it
keeps the table function, and ``WITH OFFSET`` uses ``WITH ORDINALITY`` minus one.
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse.sql.builders import _call

_VALUE = "__bq_v"  # inner names of the lateral subquery's columns (renamed by its alias)
_OFFSET = "__bq_o"


def unnest_in_from(node: exp.Expr) -> exp.Expr:
    """The ``exp.Unnest`` transform: see the module docstring."""
    join = node.parent
    if not isinstance(join, (exp.From, exp.Join)) or len(node.expressions) != 1:
        return node  # x IN UNNEST(a), or a multi-argument UNNEST: not a FROM item
    if (
        isinstance(join, exp.Join)
        and join.side
        and not join.args.get("on")
        and not join.args.get("using")
    ):
        join.set("on", exp.true())  # LEFT JOIN UNNEST(...) keeps its side: ON TRUE
    array = node.expressions[0]
    if not node.args.get("explode_array") and _reads_column(array):
        lateral = _lateral(node, join, array)
        if lateral is not None:
            return lateral
    return _table_function(node)


def _reads_column(array: exp.Expr) -> bool:
    return any(isinstance(n, exp.Column) for n in array.walk())


def _plain_path(array: exp.Expr) -> bool:
    # t.arr, arr, t.rec.arr: cheap to evaluate twice, and never volatile.
    return all(isinstance(n, (exp.Column, exp.Dot, exp.Identifier)) for n in array.walk())


def _names(node: exp.Expr) -> tuple[exp.Identifier | None, exp.Identifier | None]:
    """The element's and the offset's identifiers (None when absent)."""
    alias = node.args.get("alias")
    value: exp.Identifier | None = None
    if isinstance(alias, exp.TableAlias):
        if alias.columns:
            value = alias.columns[0]
        elif alias.this and alias.name:
            value = alias.this
    offset = node.args.get("offset")
    off: exp.Identifier | None = None
    if isinstance(offset, exp.Identifier):
        off = offset
    elif offset:
        off = exp.to_identifier("offset")
    return value, off


def _lateral(node: exp.Expr, join: exp.Expr, array: exp.Expr) -> exp.Expr | None:
    value, off = _names(node)
    if value is None and off is not None and _reads_name(array, off.name):
        return None  # the offset's alias would shadow a column the array reads
    keep_empty = (
        isinstance(join, exp.Join)
        and str(join.side).upper() == "LEFT"
        and join.args.get("on") in (None, exp.true())
        and not join.args.get("using")
    )
    elements = array.copy()
    positions = _call("RANGE", _call("LEN", array.copy()))
    if keep_empty and _plain_path(array):
        elements = _or_one_null(array, elements)
        positions = _or_one_null(array, positions)
        join.set("side", None)  # every row now unnests to one row at least
        join.set("kind", "CROSS")
        join.set("on", None)
    projections: list[exp.Expr] = []
    if value is None:
        depth = exp.Kwarg(this=exp.var("max_depth"), expression=exp.Literal.number(2))
        projections.append(exp.alias_(exp.Unnest(expressions=[elements, depth]), "f0_"))
        if off is not None:
            projections.append(
                exp.alias_(exp.Unnest(expressions=[positions]), off.name, quoted=True)
            )
        table_alias = exp.TableAlias(this=exp.to_identifier(f"_unnest_{off.name}")) if off else None
        return exp.Subquery(this=exp.select(*projections), alias=table_alias)
    projections.append(exp.alias_(exp.Unnest(expressions=[elements]), _VALUE))
    columns = [exp.to_identifier(value.name, quoted=True)]
    if off is not None:
        projections.append(exp.alias_(exp.Unnest(expressions=[positions]), _OFFSET))
        columns.append(exp.to_identifier(off.name, quoted=True))
    alias = exp.TableAlias(this=exp.to_identifier(f"_unnest_{value.name}"), columns=columns)
    return exp.Subquery(this=exp.select(*projections), alias=alias)


def _or_one_null(array: exp.Expr, items: exp.Expr) -> exp.Expr:
    """``CASE WHEN LEN(array) > 0 THEN items ELSE [NULL] END``."""
    nonempty = exp.GT(this=_call("LEN", array.copy()), expression=exp.Literal.number(0))
    return exp.Case(
        ifs=[exp.If(this=nonempty, true=items)], default=exp.Array(expressions=[exp.null()])
    )


def _reads_name(array: exp.Expr, name: str) -> bool:
    return any(
        isinstance(n, exp.Column) and not n.table and n.name.lower() == name.lower()
        for n in array.walk()
    )


def _table_function(node: exp.Expr) -> exp.Expr:
    """An uncorrelated UNNEST: the table function; WITH OFFSET via WITH ORDINALITY minus one."""
    offset = node.args.get("offset")
    alias = node.args.get("alias")
    columns = alias.columns if alias else []
    unaliased = not columns and not (alias and alias.name)
    if not offset and (not unaliased or node.args.get("explode_array")):
        return node  # aliased, or a literal ARRAY<STRUCT> that sqlglot's generator expands
    if not offset:
        return exp.Subquery(this=exp.select(_explode(node.expressions[0].copy())))
    off_name = offset.name if isinstance(offset, exp.Identifier) else "offset"
    value_name = columns[0].name if columns else (alias.name if alias and alias.name else "f0_")
    inner = node.copy()
    inner.set("explode_array", False)
    inner.set("alias", exp.TableAlias(this=exp.to_identifier("_u"), columns=[value_name]))
    inner.set("offset", exp.to_identifier("_ord"))
    value = exp.column(value_name, "_u")
    element: exp.Expr = (
        _explode(exp.Array(expressions=[value]))
        if unaliased
        else exp.alias_(value, value_name, quoted=True)
    )
    select = exp.select(
        element,
        exp.alias_(exp.column("_ord", "_u") - exp.Literal.number(1), off_name, quoted=True),
    ).from_(inner)
    # One alias per UNNEST: a query may unnest several arrays side by side.
    table_alias = alias.name if alias and alias.name else f"_unnest_{value_name}"
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(table_alias)))


def _explode(array: exp.Expr) -> exp.Expr:
    """``UNNEST(array, max_depth => 2) AS f0_``: STRUCT elements expand to their fields."""
    depth = exp.Kwarg(this=exp.var("max_depth"), expression=exp.Literal.number(2))
    return exp.alias_(exp.Unnest(expressions=[array, depth]), "f0_")
