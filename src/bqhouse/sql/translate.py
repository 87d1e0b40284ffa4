"""Translate GoogleSQL (BigQuery) statements into DuckDB SQL over the DuckLake catalog ``lake``.

Table ``project.dataset.table`` lives at ``lake."project.dataset"."table"``: the BigQuery dataset is
one DuckDB schema whose name contains the dot. Parsing and generation use sqlglot trees; semantic
differences are fixed by ``bqhouse.sql.transforms.TRANSFORMS``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import TokenType

from bqhouse import errors
from bqhouse.sql import geography_tables, numeric_types, routines, variable_scope
from bqhouse.sql.params import NAMED, BoundParameters
from bqhouse.sql.transforms import apply_transforms

CATALOG = "lake"

_TOKEN_RE = re.compile(r"<Token token_type: TokenType\.(\w+), text: (.*?), line: \d+.*?>")


@dataclass(frozen=True)
class TableRef:
    """A fully qualified BigQuery table."""

    project: str
    dataset: str
    table: str


@dataclass(frozen=True)
class InformationSchemaRef:
    """``[project.](dataset|region-xx).INFORMATION_SCHEMA.VIEW``; dataset None for a region."""

    project: str
    dataset: str | None
    view: str

    @property
    def relation(self) -> str:
        """The connection-local name the runner registers the view's rows under."""
        scope = self.dataset or "region"
        return f"__information_schema__{self.project}__{scope}__{self.view.lower()}"


@dataclass(frozen=True)
class MlFunctionRef:
    """An ML.* table function call, rewritten to a relation by ``bqhouse.ml.functions``."""

    relation: str


ML_RELATION_PREFIX = "__bqhouse_ml__"


@dataclass
class Translated:
    """One translated statement: DuckDB SQL plus what BigQuery reports about it."""

    sql: str
    statement_type: str
    tables: list[TableRef]
    target: TableRef | None
    expression: exp.Expression
    information_schema: list[InformationSchemaRef] = field(default_factory=list)
    routine: routines.RoutineRef | None = None  # CREATE FUNCTION of a persistent function
    ml_functions: list[MlFunctionRef] = field(default_factory=list)
    table_functions: list[routines.RoutineRef] = field(default_factory=list)  # TVFs it calls
    ctas: geography_tables.Ctas | None = None  # a CREATE TABLE AS, to unmark GEOGRAPHY columns
    dataset: tuple[str, str] | None = None  # CREATE/DROP/ALTER SCHEMA: its (project, dataset)


@dataclass
class _Context:
    source: str
    default_project: str
    default_dataset: str | None
    parameters: BoundParameters | None
    tables: list[TableRef] = field(default_factory=list)
    information_schema: list[InformationSchemaRef] = field(default_factory=list)
    ml_functions: list[MlFunctionRef] = field(default_factory=list)
    table_functions: list[routines.RoutineRef] = field(default_factory=list)
    # Temporary tables a script created so far: unqualified, connection-local, gone at its end.
    temp_tables: set[str] = field(default_factory=set)
    # Script variables (lower-case name, or "@@error.message" for system ones) -> DuckDB type.
    variables: dict[str, str] = field(default_factory=dict)
    # (project, dataset) -> table names, to expand wildcard tables; None leaves them alone.
    list_tables: Callable[[str, str], list[str]] | None = None
    # Tables created by the earlier statements of the same query: wildcards see them too.
    created: set[TableRef] = field(default_factory=set)
    # A table's GEOGRAPHY columns, re-marked where it is read (bqhouse.sql.geography_tables).
    geography_columns: geography_tables.GeographyColumns | None = None
    # A table's fields (BigQuery schema), to type NUMERIC arithmetic (bqhouse.sql.numeric_types).
    table_fields: numeric_types.TableFields | None = None
    # A FROM clause's column names, so that a column shadows a script variable of its name.
    probe_columns: variable_scope.Probe | None = None


def translate(
    sql: str,
    *,
    default_project: str,
    default_dataset: str | None = None,
    parameters: BoundParameters | None = None,
    variables: dict[str, str] | None = None,
    temp_tables: set[str] | None = None,
    list_tables: Callable[[str, str], list[str]] | None = None,
    geography_columns: geography_tables.GeographyColumns | None = None,
    table_fields: numeric_types.TableFields | None = None,
    probe_columns: variable_scope.Probe | None = None,
) -> list[Translated]:
    """Translate a GoogleSQL statement or script into one ``Translated`` per statement.

    >>> [t.sql for t in translate("SELECT x FROM ds.t", default_project="p")]
    ['SELECT x FROM lake."p.ds"."t" AS "t"']
    """
    results = []
    temp_tables = set() if temp_tables is None else temp_tables
    created: set[TableRef] = set()
    for statement in _parse(sql):
        ctx = _Context(
            sql,
            default_project,
            default_dataset,
            parameters,
            temp_tables=temp_tables,
            variables=variables or {},
            list_tables=list_tables,
            created=created,
            geography_columns=geography_columns,
            table_fields=table_fields,
            probe_columns=probe_columns,
        )
        translated = _translate_statement(statement, ctx)
        if translated.target is not None and translated.statement_type.startswith("CREATE_TABLE"):
            created.add(translated.target)
        results.append(translated)
    return results


def _is_temporary(statement: exp.Expr) -> bool:
    properties = statement.args.get("properties")
    return isinstance(statement, exp.Create) and bool(
        properties and properties.find(exp.TemporaryProperty)
    )


def _parse(sql: str) -> list[exp.Expr]:
    try:
        statements = sqlglot.parse(routines.normalize_sql(sql), read="bigquery")
    except ParseError as exc:
        raise _syntax_error(exc) from exc
    except TokenError as exc:
        raise errors.InvalidQuery(f"Syntax error: {exc}", location="query") from exc
    parsed = [_alter_command(s) for s in statements if s is not None]
    if not parsed:
        raise errors.InvalidQuery(
            "Syntax error: Unexpected end of script at [1:1]", location="query"
        )
    return parsed


def _syntax_error(exc: ParseError) -> errors.InvalidQuery:
    first = exc.errors[0] if exc.errors else {}
    description = _TOKEN_RE.sub(_describe_token, str(first.get("description", exc)))
    line, col = first.get("line", 1), first.get("col", 1)
    return errors.InvalidQuery(f"Syntax error: {description} at [{line}:{col}]", location="query")


def _describe_token(match: re.Match[str]) -> str:
    return "end of input" if match.group(1) == "SENTINEL" else f'"{match.group(2)}"'


def _translate_statement(statement: exp.Expr, ctx: _Context) -> Translated:
    if routines.is_function(statement):
        return _translate_function(statement, ctx)
    if isinstance(statement, exp.Drop) and str(statement.args.get("kind")).upper() in (
        "FUNCTION",
        "PROCEDURE",
    ):
        return _translate_drop_function(statement, ctx)
    original = statement.copy()
    statement_type = _statement_type(statement)
    target_node = _TARGETS.get(type(statement), _no_target)(statement)
    target = None
    if _is_temporary(statement) and target_node is not None:
        # https://cloud.google.com/bigquery/docs/multi-statement-queries#temporary_tables
        ctx.temp_tables.add(target_node.name.lower())
    elif (
        target_node is not None
        and statement_type not in _SCHEMA_STATEMENTS
        and not _is_temp_reference(target_node, ctx)
    ):
        target = _resolve(target_node, ctx)
    tree = statement.copy()
    dataset = None
    if statement_type in _SCHEMA_STATEMENTS:
        dataset = _qualify_schema(tree, ctx)
    else:
        _qualify_tables(tree, ctx)
    _qualify_functions(tree, ctx)
    _bind_parameters(tree, ctx)
    numeric_types.rewrite(tree, ctx.tables, ctx.table_fields)
    tree = apply_transforms(tree)
    ctas = geography_tables.Ctas.of(tree) if statement_type == "CREATE_TABLE_AS_SELECT" else None
    return Translated(
        sql=tree.sql(dialect="duckdb"),
        statement_type=statement_type,
        tables=list(dict.fromkeys(ctx.tables)),
        target=target,
        expression=cast(exp.Expression, original),
        information_schema=list(dict.fromkeys(ctx.information_schema)),
        ml_functions=list(dict.fromkeys(ctx.ml_functions)),
        table_functions=list(dict.fromkeys(ctx.table_functions)),
        ctas=ctas,
        dataset=dataset,
    )


def _translate_function(statement: exp.Expr, ctx: _Context) -> Translated:
    """CREATE [TEMP] FUNCTION -> a DuckDB macro; a persistent one is recorded as a routine."""
    assert isinstance(statement, exp.Create)
    original = statement.copy()
    tree = statement.copy()
    udf = tree.this
    assert isinstance(udf, exp.UserDefinedFunction) and isinstance(udf.this, exp.Table)
    temporary = routines.is_temporary(tree)
    routine = None
    if temporary:
        name: exp.Expr = exp.to_identifier(udf.this.name)
    else:
        ref = _resolve(udf.this, ctx)
        routine = routines.RoutineRef(ref.project, ref.dataset, ref.table)
        name = routines.persistent_name(routine)
    query = routines.table_function_body(tree, ctx.source)
    if query is not None:  # CREATE TABLE FUNCTION: a DuckDB table macro
        query = routines.cast_parameters(query.copy(), routines.parameter_types(tree))
        _qualify_tables(query, ctx)
        _qualify_functions(query, ctx)
        return Translated(
            sql=routines.table_macro_sql(tree, name, apply_transforms(query)),
            statement_type="CREATE_TABLE_FUNCTION",
            tables=list(dict.fromkeys(ctx.tables)),
            target=None,
            expression=cast(exp.Expression, original),
            routine=routine,
        )
    body = tree.expression
    if isinstance(body, exp.Expr):
        wrapper = exp.select(body.copy())
        _qualify_tables(wrapper, ctx)
        _qualify_functions(wrapper, ctx)
        tree.set("expression", apply_transforms(wrapper).expressions[0].unalias())
    return Translated(
        sql=routines.macro_sql(tree, name, temporary=temporary).sql(dialect="duckdb"),
        statement_type="CREATE_FUNCTION",
        tables=list(dict.fromkeys(ctx.tables)),
        target=None,
        expression=cast(exp.Expression, original),
        routine=routine,
    )


def _translate_drop_function(statement: exp.Drop, ctx: _Context) -> Translated:
    table = _first_table(statement)
    assert table is not None
    ref = _resolve(table, ctx)
    routine = routines.RoutineRef(ref.project, ref.dataset, ref.table)
    exists = " IF EXISTS" if statement.args.get("exists") else ""
    name = routines.persistent_name(routine).sql("duckdb")
    return Translated(
        sql=f"DROP MACRO{exists} {name}",
        statement_type=f"DROP_{str(statement.args.get('kind')).upper()}",
        tables=[],
        target=None,
        expression=cast(exp.Expression, statement.copy()),
        routine=routine,
    )


# Function namespaces that are GoogleSQL's own, not dataset names.
_FUNCTION_NAMESPACES = {"NET", "SAFE", "ML", "KEYS", "AEAD", "HLL_COUNT", "S2", "VECTOR_SEARCH"}


def _dotted_parts(node: exp.Expr) -> list[str] | None:
    if isinstance(node, exp.Identifier):
        return node.name.split(".")
    if isinstance(node, exp.Dot):
        left, right = _dotted_parts(node.this), _dotted_parts(node.expression)
        return left + right if left is not None and right is not None else None
    return None


def _qualify_functions(tree: exp.Expr, ctx: _Context) -> None:
    """``ds.fn(x)`` / ``p.ds.fn(x)`` -> the persistent function's macro."""
    for node in list(tree.find_all(exp.Anonymous)):
        parent = node.parent
        if isinstance(parent, exp.Dot) and parent.expression is node:
            prefix = _dotted_parts(parent.this)
            replace: exp.Expr = parent
        elif isinstance(node.this, exp.Identifier) and "." in node.this.name:
            prefix, replace = node.this.name.split(".")[:-1], node
        else:
            continue
        if not prefix or prefix[0].upper() in _FUNCTION_NAMESPACES or len(prefix) > 2:
            continue
        project = prefix[0] if len(prefix) == 2 else ctx.default_project
        name = node.this.name.split(".")[-1] if isinstance(node.this, exp.Identifier) else node.name
        ref = routines.RoutineRef(project, prefix[-1], name)
        call = exp.Anonymous(this=routines.persistent_name(ref), expressions=node.expressions)
        replace.replace(call)


# --- statement types and targets -----------------------------------------------------------------

_SCHEMA_STATEMENTS = {"CREATE_SCHEMA", "DROP_SCHEMA", "ALTER_SCHEMA"}


_ALTER_MATERIALIZED = re.compile(r"^\s*MATERIALIZED\s+VIEW\b", re.IGNORECASE)
# https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#alter_schema_set_options_statement
_ALTER_SCHEMA = re.compile(r"^\s*SCHEMA\s+", re.IGNORECASE)


def _alter_command(statement: exp.Expr) -> exp.Expr:
    """``ALTER MATERIALIZED VIEW v`` / ``ALTER SCHEMA d SET OPTIONS (...)``, which sqlglot
    leaves as a Command, parsed as the ALTER they are.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#alter_materialized_view_set_options_statement
    """
    if not isinstance(statement, exp.Command) or str(statement.this).upper() != "ALTER":
        return statement
    rest = str(statement.expression or "")
    schema = _ALTER_SCHEMA.match(rest)
    if not schema and not _ALTER_MATERIALIZED.match(rest):
        return statement
    try:
        if schema:  # ALTER SCHEMA [IF EXISTS] [project.]dataset SET OPTIONS (...): as a table's
            alter = sqlglot.parse_one("ALTER TABLE " + rest[schema.end() :], read="bigquery")
            alter.set("kind", "SCHEMA")
        else:
            alter = sqlglot.parse_one(
                "ALTER VIEW " + _ALTER_MATERIALIZED.sub("", rest), read="bigquery"
            )
            alter.meta["materialized"] = True
    except ParseError as exc:
        raise _syntax_error(exc) from exc
    return alter


def _create_type(node: exp.Expr) -> str:
    kind = str(node.args.get("kind") or "TABLE").upper().replace(" ", "_")
    properties = node.args.get("properties")
    if kind == "VIEW" and properties and properties.find(exp.MaterializedProperty):
        return "CREATE_MATERIALIZED_VIEW"
    if kind == "TABLE" and node.args.get("expression") is not None:
        return "CREATE_TABLE_AS_SELECT"
    return f"CREATE_{kind}"


# BigQuery's statementType per statement node; see
# https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics2 (statementType).
_STATEMENT_TYPES: dict[type[exp.Expr], Callable[[exp.Expr], str]] = {
    exp.Select: lambda _: "SELECT",
    exp.Union: lambda _: "SELECT",
    exp.Intersect: lambda _: "SELECT",
    exp.Except: lambda _: "SELECT",
    exp.Subquery: lambda _: "SELECT",
    exp.Insert: lambda _: "INSERT",
    exp.Update: lambda _: "UPDATE",
    exp.Delete: lambda _: "DELETE",
    exp.Merge: lambda _: "MERGE",
    exp.Create: _create_type,
    exp.Drop: lambda n: (
        f"DROP_{'MATERIALIZED_' if n.args.get('materialized') else ''}"
        f"{str(n.args.get('kind') or 'TABLE').upper().replace(' ', '_')}"
    ),
    exp.Alter: lambda n: (
        f"ALTER_{'MATERIALIZED_' if n.meta.get('materialized') else ''}"
        f"{str(n.args.get('kind') or 'TABLE').upper()}"
    ),
    exp.TruncateTable: lambda _: "TRUNCATE_TABLE",
}


def _statement_type(statement: exp.Expr) -> str:
    describe = _STATEMENT_TYPES.get(type(statement))
    if describe is None:
        raise errors.InvalidQuery(
            f"Unsupported statement: {statement.sql(dialect='bigquery')[:80]}", location="query"
        )
    return describe(statement)


def _no_target(_: exp.Expr) -> exp.Table | None:
    return None


def _this_table(node: exp.Expr) -> exp.Table | None:
    this = node.this
    if isinstance(this, exp.Schema):
        this = this.this
    return this if isinstance(this, exp.Table) else None


def _first_table(node: exp.Expr) -> exp.Table | None:
    tables = node.args.get("tables") or node.expressions
    return tables[0] if tables and isinstance(tables[0], exp.Table) else None


_TARGETS: dict[type[exp.Expr], Callable[[exp.Expr], exp.Table | None]] = {
    exp.Insert: _this_table,
    exp.Update: _this_table,
    exp.Delete: lambda n: _this_table(n) or _first_table(n),
    exp.Merge: _this_table,
    exp.Create: _this_table,
    exp.Alter: _this_table,
    exp.Drop: _first_table,
    exp.TruncateTable: _first_table,
}


# --- table names ---------------------------------------------------------------------------------


def _qualify_tables(tree: exp.Expr, ctx: _Context) -> None:
    """Point every real table at ``lake."project.dataset"."table"``, leaving CTE names alone."""
    cte_names = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    written: dict[tuple[str, ...], TableRef] = {}
    for table in list(tree.find_all(exp.Table, bfs=False)):
        if (call := routines.table_function_call(table, ctx.default_project)) is not None:
            ctx.table_functions.append(call[0])
            table.replace(call[1])  # ds.tvf(args): a table function
            continue
        if not isinstance(table.this, exp.Identifier):
            continue  # a table function or other non-name source
        if not table.args.get("db") and table.name.lower() in cte_names:
            continue
        if _is_temp_reference(table, ctx):
            continue
        if not table.args.get("db") and table.name.startswith(ML_RELATION_PREFIX):
            ctx.ml_functions.append(MlFunctionRef(table.name))
            continue
        if (view := _information_schema(table, ctx)) is not None:
            ctx.information_schema.append(view)
            alias = table.args.get("alias") or exp.TableAlias(
                this=exp.to_identifier(view.view, quoted=True)
            )
            table.replace(
                exp.Table(this=exp.to_identifier(view.relation, quoted=True), alias=alias)
            )
            continue
        ref = _resolve(table, ctx)
        if ref.table.endswith("*") and ctx.list_tables is not None:
            table.replace(_wildcard_table(ref, table, ctx))
            continue
        ctx.tables.append(ref)
        written[tuple(_name_parts(table))] = ref
        table.replace(_read_source(ref, table, _lake_table(ref, table), ctx))
    for column in tree.find_all(exp.Column):
        _unqualify_column(column, written)


def _wildcard_table(ref: TableRef, original: exp.Table, ctx: _Context) -> exp.Expr:
    """``ds.prefix*``: every matching table, UNION ALL BY NAME, with ``_TABLE_SUFFIX``.

    https://cloud.google.com/bigquery/docs/querying-wildcard-tables
    """
    assert ctx.list_tables is not None
    prefix = ref.table[:-1]
    place = (ref.project, ref.dataset)
    existing = list(ctx.list_tables(*place))  # a copy: the catalog may cache its list
    existing += [t.table for t in ctx.created if (t.project, t.dataset) == place]
    names = sorted({n for n in existing if n.startswith(prefix) and n != prefix})
    if not names:
        raise errors.NotFound(
            f"Not found: Table {ref.project}:{ref.dataset}.{ref.table} was not found in location US"
        )
    selects = []
    for name in names:
        member = TableRef(ref.project, ref.dataset, name)
        ctx.tables.append(member)
        lake = _lake_table(member, exp.Table(this=exp.to_identifier(name)))
        lake.set("alias", None)
        source: exp.Expr = lake
        if ctx.geography_columns is not None and (marks := ctx.geography_columns(*place, name)):
            source = geography_tables.marked(lake, marks)  # GEOGRAPHY columns re-marked
            source.set("alias", None)
        suffix = exp.alias_(exp.Literal.string(name[len(prefix) :]), "_TABLE_SUFFIX")
        selects.append(exp.select(exp.Star(), suffix).from_(source))
    union: exp.Expr = selects[0]
    for select in selects[1:]:
        union = exp.Union(this=union, expression=select, distinct=False, by_name=True)
    alias = original.args.get("alias") or exp.TableAlias(
        this=exp.to_identifier(prefix.rstrip("_") or "wildcard", quoted=True)
    )
    return exp.Subquery(this=union, alias=alias)


def _read_source(ref: TableRef, original: exp.Table, lake: exp.Table, ctx: _Context) -> exp.Expr:
    """A read of a table with GEOGRAPHY columns re-marks them (bqhouse.sql.geography_tables)."""
    if ctx.geography_columns is None or not geography_tables.is_read(original):
        return lake
    marks = ctx.geography_columns(ref.project, ref.dataset, ref.table)
    return geography_tables.marked(lake, marks) if marks else lake


def _information_schema(table: exp.Table, ctx: _Context) -> InformationSchemaRef | None:
    """Recognise the INFORMATION_SCHEMA forms of
    https://cloud.google.com/bigquery/docs/information-schema-intro#syntax
    """
    parts = _name_parts(table)
    upper = [p.upper() for p in parts]
    if "INFORMATION_SCHEMA" not in upper or upper.index("INFORMATION_SCHEMA") != len(parts) - 2:
        return None
    scope = parts[:-2]
    project = scope[0] if len(scope) == 2 else ctx.default_project
    place = scope[-1] if scope else ctx.default_dataset
    if place is None:
        raise errors.InvalidQuery(
            "INFORMATION_SCHEMA must be qualified with a dataset or a region", location="query"
        )
    dataset = None if place.lower().startswith("region-") else place
    return InformationSchemaRef(project, dataset, parts[-1].upper())


def _is_temp_reference(table: exp.Table, ctx: _Context) -> bool:
    return not table.args.get("db") and table.name.lower() in ctx.temp_tables


def _unqualify_column(column: exp.Column, written: dict[tuple[str, ...], TableRef]) -> None:
    """`p.ds.t`.x / ds.t.x -> "t".x: the table is reachable by its own name (see _lake_table).

    Other dotted paths (``t.struct_col.field``) are left alone.
    """
    qualifier = tuple(piece for part in column.parts[:-1] for piece in part.name.split("."))
    ref = written.get(qualifier)
    if ref is None or len(qualifier) < 2:
        return
    column.set("table", exp.to_identifier(ref.table, quoted=True))
    column.set("db", None)
    column.set("catalog", None)


def _lake_table(ref: TableRef, original: exp.Table) -> exp.Table:
    alias = original.args.get("alias")
    if alias is None and isinstance(original.parent, (exp.From, exp.Join)):
        # BigQuery lets columns be qualified by the bare table name: `SELECT t.x FROM ds.t`.
        alias = exp.TableAlias(this=exp.to_identifier(ref.table, quoted=True))
    table = exp.Table(
        this=exp.to_identifier(ref.table, quoted=True),
        db=exp.to_identifier(f"{ref.project}.{ref.dataset}", quoted=True),
        catalog=exp.to_identifier(CATALOG),
        alias=alias,
    )
    for kept in ("sample", "pivots"):  # TABLESAMPLE and PIVOT belong to the table reference
        if original.args.get(kept):
            table.set(kept, original.args[kept])
    version = original.args.get("version")
    if isinstance(version, exp.Version):
        table.set("when", _time_travel(ref, version.expression))
    return table


# How far back FOR SYSTEM_TIME AS OF may reach, as BigQuery's default time travel window.
# https://cloud.google.com/bigquery/docs/time-travel
TIME_TRAVEL_WINDOW_DAYS = 7


def _time_travel(ref: TableRef, when: exp.Expr) -> exp.HistoricalData:
    """``FOR SYSTEM_TIME AS OF ts`` -> DuckLake's ``AT (TIMESTAMP => ts)``, within the window.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#for_system_time_as_of
    """
    moment = exp.cast(when.copy(), exp.DataType.build("TIMESTAMPTZ"))
    oldest = exp.Sub(
        this=exp.CurrentTimestamp(),
        expression=exp.Interval(
            this=exp.Literal.string(str(TIME_TRAVEL_WINDOW_DAYS)), unit=exp.Var(this="DAY")
        ),
    )
    message = (
        f"Invalid snapshot time for table {ref.project}:{ref.dataset}.{ref.table}: "
        f"time travel is limited to {TIME_TRAVEL_WINDOW_DAYS} days"
    )
    checked = exp.Case(
        ifs=[
            exp.If(
                this=exp.LT(this=moment.copy(), expression=oldest),
                true=exp.cast(
                    exp.Anonymous(this="ERROR", expressions=[exp.Literal.string(message)]),
                    exp.DataType.build("TIMESTAMPTZ"),
                ),
            )
        ],
        default=moment,
    )
    return exp.HistoricalData(this="AT", kind="TIMESTAMP", expression=checked)


def _name_parts(table: exp.Table) -> list[str]:
    # A backquoted `p.ds.t` may reach us as one identifier; BigQuery treats the dots as separators.
    return [piece for part in table.parts for piece in part.name.split(".") if piece]


def _resolve(table: exp.Table, ctx: _Context) -> TableRef:
    parts = _name_parts(table)
    if len(parts) == 3:
        return TableRef(*parts)
    if len(parts) == 2:
        return TableRef(ctx.default_project, parts[0], parts[1])
    if len(parts) == 1 and ctx.default_dataset:
        return TableRef(ctx.default_project, ctx.default_dataset, parts[0])
    if len(parts) == 1:
        raise errors.InvalidQuery(
            f'Table "{parts[0]}" must be qualified with a dataset (e.g. dataset.table).',
            location="query",
        )
    raise errors.InvalidQuery(f"Invalid table name: {'.'.join(parts)}", location="query")


def _qualify_schema(tree: exp.Expr, ctx: _Context) -> tuple[str, str] | None:
    """``CREATE/DROP/ALTER SCHEMA [project.]dataset`` -> ``lake."project.dataset"``; returns
    (project, dataset)."""
    table = tree.this if isinstance(tree, (exp.Create, exp.Alter)) else _first_table(tree)
    if not isinstance(table, exp.Table):
        return None
    parts = _name_parts(table)
    project, dataset = (parts[0], parts[1]) if len(parts) == 2 else (ctx.default_project, parts[-1])
    table.replace(
        exp.Table(
            db=exp.to_identifier(f"{project}.{dataset}", quoted=True),
            catalog=exp.to_identifier(CATALOG),
        )
    )
    return project, dataset


# --- query parameters ----------------------------------------------------------------------------


def _bind_parameters(tree: exp.Expr, ctx: _Context) -> None:
    """``@name`` -> ``CAST($name AS type)`` and the n-th ``?`` -> ``CAST($n AS type)``.

    The cast keeps the declared type for NULL and empty-array values
    (https://cloud.google.com/bigquery/docs/parameterized-queries).
    """
    for node in list(tree.find_all(exp.Parameter)):
        if isinstance(node.this, exp.Parameter) or isinstance(node.parent, exp.Parameter):
            continue  # @@system variable: bound by _bind_variables
        name = node.name.lower()
        duck_type = _named_type(ctx.parameters, name)
        if duck_type is None:
            line, col = _parameter_position(ctx.source, name)
            raise errors.InvalidQuery(
                f"Query parameter '{node.name}' not found at [{line}:{col}]", location="query"
            )
        node.replace(_cast_parameter(name, duck_type))
    for position, placeholder in enumerate(list(tree.find_all(exp.Placeholder, bfs=False))):
        duck_type = _positional_type(ctx.parameters, position)
        if duck_type is None:
            raise errors.InvalidQuery(
                f"Positional query parameter {position + 1} not found", location="query"
            )
        placeholder.replace(_cast_parameter(str(position + 1), duck_type))
    _bind_variables(tree, ctx)


def variable_key(name: str) -> str:
    """The DuckDB parameter name carrying a script variable's value.

    >>> variable_key("@@error.message")
    'sys_error_message'
    """
    if name.startswith("@@"):
        return "sys_" + name[2:].replace(".", "_").lower()
    return "var_" + name.lower()


def _bind_variables(tree: exp.Expr, ctx: _Context) -> None:
    """Script variables and ``@@system`` variables -> typed DuckDB parameters.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
    """
    _bind_system_constants(tree, ctx)
    if not ctx.variables:
        return
    for node in list(tree.find_all(exp.Parameter)):
        if isinstance(node.this, exp.Parameter):  # @@name or @@name.field
            name = "@@" + node.this.name.lower()
            target: exp.Expr = node
            if isinstance(node.parent, exp.Dot):
                name += "." + node.parent.expression.name.lower()
                target = node.parent
            if name in ctx.variables:
                target.replace(_cast_parameter(variable_key(name), ctx.variables[name]))
    shadowed: set[int] = set()  # columns of a FROM clause named like a variable
    if ctx.probe_columns is not None:
        names = {name for name in ctx.variables if not name.startswith("@@")}
        render = functools.partial(_probe_sql, ctx=dataclasses.replace(ctx, probe_columns=None))
        shadowed = variable_scope.column_names(tree, names, ctx.probe_columns, render)
    for column in list(tree.find_all(exp.Column)):
        qualifier = column.table.lower()
        name = column.name.lower()
        if not qualifier and name in ctx.variables and id(column) not in shadowed:
            value = _cast_parameter(variable_key(name), ctx.variables[name])
            if isinstance(column.parent, exp.Select) and column.arg_key == "expressions":
                value = exp.alias_(value, column.name)  # `SELECT v` names the column v
            column.replace(value)
        elif qualifier in ctx.variables and not column.args.get("db"):
            struct = _cast_parameter(variable_key(qualifier), ctx.variables[qualifier])
            column.replace(exp.Dot(this=struct, expression=column.this.copy()))


def _bind_system_constants(tree: exp.Expr, ctx: _Context) -> None:
    """``@@project_id``, ``@@dataset_id`` and ``@@time_zone`` outside a script that set them.

    https://cloud.google.com/bigquery/docs/reference/system-variables
    """
    constants = {
        "project_id": ctx.default_project,
        "dataset_id": ctx.default_dataset,
        "time_zone": "UTC",
    }
    for node in list(tree.find_all(exp.Parameter)):
        name = node.this.name.lower() if isinstance(node.this, exp.Parameter) else ""
        if name in constants and "@@" + name not in ctx.variables:
            value = constants[name]
            literal = exp.Literal.string(value) if value is not None else exp.Null()
            node.replace(exp.cast(literal, exp.DataType.build("VARCHAR")))


def _probe_sql(query: exp.Expr, ctx: _Context) -> str:
    _bind_variables(query, ctx)
    return apply_transforms(query).sql(dialect="duckdb")


def _named_type(parameters: BoundParameters | None, name: str) -> str | None:
    if parameters is None or parameters.mode != NAMED:
        return None
    return parameters.type_of(name)


def _positional_type(parameters: BoundParameters | None, position: int) -> str | None:
    if parameters is None or parameters.mode == NAMED:
        return None
    return parameters.type_of(position)


def _cast_parameter(name: str, duck_type: str) -> exp.Expr:
    reference = exp.Parameter(this=exp.var(name))
    return exp.cast(reference, exp.DataType.build(duck_type, dialect="duckdb"))


def _parameter_position(source: str, name: str) -> tuple[int, int]:
    tokens = sqlglot.Dialect.get_or_raise("bigquery").tokenize(source)
    for at, word in zip(tokens, tokens[1:], strict=False):
        if at.token_type == TokenType.PARAMETER and word.text.lower() == name:
            return at.line, at.col
    return 1, 1
