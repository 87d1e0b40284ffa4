"""Query-syntax fixes: result column names, SELECT AS VALUE, PIVOT column names.

https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax
"""

from __future__ import annotations

from sqlglot import exp

from bqhouse import errors
from bqhouse.sql.builders import Transform, call, error

# Projections that carry their own name (a column, a field path, a star).
_NAMED = (exp.Alias, exp.Column, exp.Dot, exp.Star)


def _is_outermost(node: exp.Expr) -> bool:
    """The query whose rows are the result: the root, or a branch of a root set operation."""
    parent = node.parent
    while isinstance(parent, exp.SetOperation):
        node, parent = parent, parent.parent
    return parent is None


def select(node: exp.Expr) -> exp.Expr:
    """Name anonymous result columns ``f0_``, ``f1_``, ... and expand SELECT AS VALUE of a STRUCT.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#implicit_aliases
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_value
    """
    if not isinstance(node, exp.Select):
        return node
    if node.args.get("kind") == "VALUE":
        return _select_as_value(node)
    if not _is_outermost(node) or isinstance(node.parent, exp.SetOperation):
        return node  # a set operation takes its column names from its first branch only
    anonymous = 0
    projections: list[exp.Expr] = []
    for projection in node.expressions:
        if isinstance(projection, _NAMED):
            projections.append(projection)
            continue
        projections.append(exp.alias_(projection, f"f{anonymous}_", quoted=True))
        anonymous += 1
    node.set("expressions", projections)
    return node


def _select_as_value(node: exp.Select) -> exp.Expr:
    node.set("kind", None)
    value = node.expressions[0] if len(node.expressions) == 1 else None
    is_struct = isinstance(value, exp.Struct) or (
        isinstance(value, exp.Anonymous) and str(value.this).upper() == "ROW"
    )
    if not _is_outermost(node) or not is_struct or value is None:
        return node
    # A value table of STRUCTs reads as one column per field.
    node.set("expressions", [exp.alias_(value, "_value", quoted=True)])
    return exp.select(call("UNNEST", exp.column("_value", quoted=True))).from_(
        exp.Subquery(this=node, alias=exp.TableAlias(this=exp.to_identifier("_values")))
    )


def pivot(node: exp.Expr) -> exp.Expr:
    """PIVOT(agg AS a FOR c IN (v AS x)) names its column ``a_x``; DuckDB would say ``x_a``.

    With a single aggregate the name is moved onto the IN values, which DuckDB uses as is.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#pivot_operator
    """
    aggregates = node.expressions
    fields = node.args.get("fields") or []
    if node.args.get("unpivot") or len(aggregates) != 1 or len(fields) != 1:
        return node
    aggregate = aggregates[0]
    if not isinstance(aggregate, exp.Alias):
        return node
    prefix = aggregate.alias
    values = []
    for value in fields[0].expressions:
        if isinstance(value, exp.PivotAlias):
            base, name = value.this, value.alias
        else:
            base, name = value, value.name if isinstance(value, exp.Literal) else value.sql()
        values.append(exp.PivotAlias(this=base, alias=exp.to_identifier(f"{prefix}_{name}")))
    fields[0].set("expressions", values)
    aggregates[0] = aggregate.this
    node.set("expressions", aggregates)
    return node


def update(node: exp.Expr) -> exp.Expr:
    """UPDATE needs a WHERE clause; ``SET t.col = ...`` assigns the target's column.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#update_statement
    """
    if node.parent is None and node.args.get("where") is None:
        raise errors.InvalidQuery("UPDATE must have a WHERE clause", location="query")
    for assignment in node.expressions:
        target = assignment.this
        if isinstance(target, exp.Column) and target.table:
            assignment.set("this", exp.column(target.name, quoted=target.this.quoted))
    return node


def merge(node: exp.Expr) -> exp.Expr:
    """MERGE: BigQuery's INSERT ROW, source-only INSERT values, one source row per target row.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement
    """
    whens = node.args.get("whens")
    source = node.args.get("using")
    if whens is None or source is None:
        return node
    source_name = source.alias_or_name
    for when in whens.expressions:
        then = when.args.get("then")
        if isinstance(then, exp.Insert):
            _merge_insert(when, then, source_name)
        elif when.args.get("matched") and source_name:
            _check_single_match(node, when, source)
    return node


def _merge_insert(when: exp.Expr, then: exp.Insert, source_name: str) -> None:
    if isinstance(then.this, exp.Var) and then.this.name.upper() == "ROW":
        # INSERT ROW takes the source row's columns by position.
        when.set("then", exp.var("INSERT BY POSITION"))
        return
    values = then.args.get("expression")
    if not source_name or values is None:
        return
    # A NOT MATCHED row has no target row: unqualified names are the source's columns.
    for column in list(values.find_all(exp.Column)):
        if not column.table:
            column.set("table", exp.to_identifier(source_name))


def _check_single_match(node: exp.Expr, when: exp.Expr, source: exp.Expr) -> None:
    """Error when a target row matches two source rows (DuckDB would apply the last one)."""
    on = node.args.get("on")
    if on is None:
        return
    inner = source.copy()
    if isinstance(inner, exp.Table):
        inner.set("alias", exp.TableAlias(this=exp.to_identifier(source.alias_or_name)))
    matches = exp.Subquery(
        this=exp.select(exp.Count(this=exp.Star())).from_(inner).where(on.copy())
    )
    guard = exp.Case(
        ifs=[
            exp.If(
                this=exp.GT(this=matches, expression=exp.Literal.number(1)),
                true=error("UPDATE/MERGE must match at most one source row for each target row"),
            )
        ],
        default=exp.true(),
    )
    condition = when.args.get("condition")
    when.set("condition", exp.and_(guard, condition) if condition is not None else guard)


def create(node: exp.Expr) -> exp.Expr:
    """CREATE TABLE forms DuckDB lacks: COPY, CTAS with a column list, non-literal DEFAULTs.

    PARTITION BY, CLUSTER BY and OPTIONS are not generated for DuckDB (storage layout only).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_statement
    """
    clone = node.args.get("clone")
    if isinstance(clone, exp.Clone) and clone.args.get("copy"):
        # CREATE TABLE t COPY src: the same columns and rows.
        node.set("clone", None)
        node.set("expression", exp.select(exp.Star()).from_(clone.this))
        return node
    schema = node.this
    if not isinstance(schema, exp.Schema):
        return node
    for column in schema.expressions:
        for constraint in column.args.get("constraints") or []:
            default = constraint.args.get("kind")
            if isinstance(default, exp.DefaultColumnConstraint):
                value = default.this
                # DuckLake stores literal defaults only; DATE '2024-01-01' is its string.
                if isinstance(value, exp.Cast) and isinstance(value.this, exp.Literal):
                    default.set("this", value.this)
    query = node.args.get("expression")
    if isinstance(query, exp.Query) and schema.expressions:
        node.set("this", schema.this)
        node.set("expression", _ctas_with_columns(schema, query))
    return node


def _ctas_with_columns(schema: exp.Schema, query: exp.Query) -> exp.Expr:
    """``CREATE TABLE t (a T, ...) AS q``: q's columns by position, cast to the declared types."""
    names = [column.this.copy() for column in schema.expressions]
    source = exp.Subquery(
        this=query, alias=exp.TableAlias(this=exp.to_identifier("_q"), columns=names)
    )
    projections = [
        exp.alias_(exp.cast(exp.column(column.name), column.args["kind"]), column.name)
        for column in schema.expressions
    ]
    return exp.select(*projections).from_(source)


def alter(node: exp.Expr) -> exp.Expr:
    """ALTER TABLE ... SET OPTIONS changes metadata only: nothing for DuckDB to do; several
    actions (``ADD COLUMN a ..., ADD COLUMN b ...``) run as one ALTER statement each.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#alter_table_set_options_statement
    """
    actions = node.args.get("actions") or []
    if actions and all(isinstance(a, exp.AlterSet) for a in actions):
        return exp.select(exp.Literal.number(1)).where(exp.false())
    if len(actions) > 1 and not any(isinstance(a, exp.AlterSet) for a in actions):
        # DuckLake runs one ALTER action per statement: one statement per action, in order.
        parts = []
        for action in actions:
            single = node.copy()
            single.set("actions", [action.copy()])
            parts.append(single.sql(dialect="duckdb"))
        verb, _, rest = "; ".join(parts).partition(" ")
        return exp.Command(this=verb, expression=exp.Literal.string(rest))
    return node


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.Create: create,
    exp.Alter: alter,
    exp.Select: select,
    exp.Pivot: pivot,
    exp.Update: update,
    exp.Merge: merge,
}
