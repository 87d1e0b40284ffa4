"""CREATE MODEL, DROP MODEL and EXPORT MODEL, recognised on the token stream.

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-create
The query hook (``QueryRunner.run``) asks ``run_ml_statement`` first; ``None`` means "not an ML
statement", and ``rewrite_ml_functions`` then turns ML.* table functions into relations.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from sqlglot.tokens import Token, TokenType

from bqhouse import errors
from bqhouse.ml import functions, manual, progress, sqltext, transform
from bqhouse.ml.estimators import model_type
from bqhouse.ml.sqltext import ModelRef
from bqhouse.ml.store import ModelStore, not_found
from bqhouse.ml.training import train

if TYPE_CHECKING:
    from bqhouse.jobs.query import QueryOutcome, QueryRunner


def _outcome(statement_type: str, ddl: dict[str, Any]) -> QueryOutcome:
    from bqhouse.jobs.query import QueryOutcome

    return QueryOutcome(pa.table({}), [], statement_type, ddl=ddl)


def _words(tokens: list[Token], i: int, *expected: str) -> bool:
    return all(
        i + k < len(tokens) and sqltext.word(tokens[i + k]) == w for k, w in enumerate(expected)
    )


def _statement_tokens(sql: str) -> list[Token]:
    tokens = sqltext.tokenize(sql)
    while tokens and tokens[-1].token_type == TokenType.SEMICOLON:
        tokens.pop()
    return tokens


def run_ml_statement(
    runner: QueryRunner,
    project: str,
    default_project: str,
    default_dataset: str | None,
    sql: str,
) -> QueryOutcome | None:
    """Run ``sql`` if it is CREATE/DROP/EXPORT MODEL; None for any other statement.

    >>> run_ml_statement(None, "p", "p", None, "SELECT 1") is None  # doctest: +SKIP
    True
    """
    head = sql.lstrip()[:200].upper()
    if "MODEL" not in head:
        return None
    tokens = _statement_tokens(sql)
    if any(t.token_type == TokenType.SEMICOLON for t in tokens):
        if not _MODEL_DDL.search(sql) or sqltext.word(tokens[0]) in ("BEGIN", "DECLARE"):
            return None  # procedural scripts run CREATE MODEL statement by statement
        # Plain "a; b" statements with a model statement: run them as a script block, where
        # each statement goes through this hook (bqhouse.jobs.script).
        config: dict[str, Any] = {"query": f"BEGIN\n{sql.rstrip().rstrip(';')}\n;\nEND;"}
        if default_dataset:
            config["defaultDataset"] = {"projectId": default_project, "datasetId": default_dataset}
        return runner.run(project, config)
    statement = _Statement(runner, project, default_project, default_dataset, sql, tokens)
    if _words(tokens, 0, "CREATE"):
        return statement.create()
    if _words(tokens, 0, "DROP", "MODEL"):
        return statement.drop()
    if _words(tokens, 0, "EXPORT", "MODEL"):
        return statement.export()
    return None


def rewrite_ml_functions(
    runner: QueryRunner,
    project: str,
    config: dict[str, Any],
    sql: str,
    default_project: str,
    default_dataset: str | None,
) -> str:
    """``sql`` with each ML.* table function replaced by a relation registered when it runs."""
    if "ML" not in sql.upper():
        return sql
    context = functions.Context(runner, project, config)
    sql = functions.rewrite(context, sql, default_project, default_dataset)
    if manual.mentions(sql) and not _CREATE_MODEL.search(sql):
        sql = manual.expand(sql)  # ML.BUCKETIZE, ML.STANDARD_SCALER(x) OVER() ... in a query
    return sql


class _Statement:
    def __init__(
        self,
        runner: QueryRunner,
        project: str,
        default_project: str,
        default_dataset: str | None,
        sql: str,
        tokens: list[Token],
    ) -> None:
        self.runner = runner
        self.project = project
        self.default_project = default_project
        self.default_dataset = default_dataset
        self.sql = sql
        self.tokens = tokens
        self.store = ModelStore(runner.catalog.lake.data_dir)

    def _name(self, at: int) -> tuple[ModelRef, int]:
        if at >= len(self.tokens):
            raise errors.InvalidQuery("Syntax error: Expected a model name", location="query")
        end = sqltext.name_end(self.tokens, at)
        parts = sqltext.name_parts(self.tokens, at, end)
        ref = sqltext.resolve(parts, self.default_project, self.default_dataset)
        self.runner.catalog.require_dataset(ref.project, ref.dataset)
        return ref, end

    def _syntax(self, at: int, expected: str) -> errors.InvalidQuery:
        token = self.tokens[min(at, len(self.tokens) - 1)]
        got = "end of input" if at >= len(self.tokens) else f'"{token.text}"'
        return errors.InvalidQuery(
            f"Syntax error: Expected {expected} but got {got} at [{token.line}:{token.col}]",
            location="query",
        )

    # -- CREATE MODEL -------------------------------------------------------------------------

    def create(self) -> QueryOutcome | None:
        tokens, i = self.tokens, 1
        replace = _words(tokens, i, "OR", "REPLACE")
        i += 2 if replace else 0
        if not _words(tokens, i, "MODEL"):
            return None
        i += 1
        if_not_exists = _words(tokens, i, "IF", "NOT", "EXISTS")
        i += 3 if if_not_exists else 0
        ref, i = self._name(i)
        transform_source = None
        if _words(tokens, i, "TRANSFORM"):
            if i + 1 >= len(tokens) or tokens[i + 1].token_type != TokenType.L_PAREN:
                raise self._syntax(i + 1, '"("')
            close = sqltext.matching(tokens, i + 1)
            transform_source = sqltext.text(self.sql, tokens, i + 2, close)
            i = close + 1
        options: dict[str, Any] = {}
        if _words(tokens, i, "OPTIONS"):
            close = sqltext.matching(tokens, i + 1)
            options = self._options(i + 2, close)
            i = close + 1
        kind = model_type(options)
        if i >= len(tokens) or tokens[i].token_type != TokenType.ALIAS:
            raise self._syntax(i, "AS followed by the training query")
        query = sqltext.text(self.sql, tokens, i + 1, len(tokens))
        exists = self.store.exists(ref)
        if exists and if_not_exists:
            return _outcome("CREATE_MODEL", {"ddlOperationPerformed": "SKIP"})
        if exists and not replace:
            raise errors.Duplicate(f"Already Exists: Model {ref}", location="query")
        rows = self._rows(query)
        spec = None
        if transform_source is not None:
            if not kind.transformable:
                raise errors.InvalidQuery(
                    f"The TRANSFORM clause is not supported for {kind.name} models",
                    location="query",
                )
            raw = rows
            spec, rows = transform.fit(self.runner, self.project, transform_source, raw)
        meta, arrays = train(ref, options, rows)
        if spec is not None:
            meta["transform"] = spec
            resource = meta["resource"]
            resource["transformColumns"] = transform.transform_columns(spec, rows)
            resource["featureColumns"] = transform.raw_feature_columns(spec, raw, meta["label"])
        progress.checkpoint()  # a job cancelled during training creates (or replaces) nothing
        self.store.save(ref, meta, arrays)
        training = meta["resource"]["trainingRuns"][0]
        return _outcome(
            "CREATE_MODEL",
            {
                "ddlOperationPerformed": "REPLACE" if exists else "CREATE",
                "mlStatistics": {
                    "maxIterations": str(training["trainingOptions"].get("maxIterations", 1)),
                    "modelType": kind.rest_type,
                    "trainingType": "SINGLE_TRAINING",
                    "iterationResults": training["results"],
                },
            },
        )

    def _options(self, start: int, stop: int) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for a, b in sqltext.split_commas(self.tokens, start, stop):
            if b - a < 3 or self.tokens[a + 1].token_type != TokenType.EQ:
                raise self._syntax(a, "option_name = value")
            name = self.tokens[a].text.lower()
            value = sqltext.literal_value(sqltext.text(self.sql, self.tokens, a + 2, b))
            found[name] = value.upper() if name in _UPPER and isinstance(value, str) else value
        return found

    def _rows(self, query: str) -> pa.Table:
        stripped = query.strip()
        config: dict[str, Any] = {"query": stripped, "useQueryCache": False}
        if self.default_dataset:
            config["defaultDataset"] = {
                "projectId": self.default_project,
                "datasetId": self.default_dataset,
            }
        return self.runner.run(self.project, config).result

    # -- DROP MODEL / EXPORT MODEL ------------------------------------------------------------

    def drop(self) -> QueryOutcome:
        i = 2
        if_exists = _words(self.tokens, i, "IF", "EXISTS")
        ref, _ = self._name(i + 2 if if_exists else i)
        if not self.store.delete(ref) and not if_exists:
            raise not_found(ref)
        return _outcome("DROP_MODEL", {"ddlOperationPerformed": "DROP"})

    def export(self) -> QueryOutcome:
        """EXPORT MODEL m OPTIONS(uri='gs://bucket/path'): the stored files, under the buckets
        directory (``DATA_DIR/buckets``) as extract jobs write them."""
        ref, i = self._name(2)
        if not self.store.exists(ref):
            raise not_found(ref)
        options: dict[str, Any] = {}
        if _words(self.tokens, i, "OPTIONS"):
            close = sqltext.matching(self.tokens, i + 1)
            options = self._options(i + 2, close)
        uri = str(options.get("uri") or "")
        if not uri.startswith("gs://"):
            raise errors.InvalidQuery("EXPORT MODEL needs OPTIONS(uri='gs://bucket/path')")
        buckets = (Path(self.runner.catalog.lake.data_dir) / "buckets").resolve()
        target = (buckets / uri[len("gs://") :]).resolve()
        if buckets not in target.parents:
            raise errors.InvalidQuery(f"Invalid export URI: {uri}")
        target.mkdir(parents=True, exist_ok=True)
        for name in ("model.json", "arrays.npz"):
            shutil.copyfile(self.store.path(ref) / name, target / name)
        return _outcome("EXPORT_MODEL", {})


_MODEL_DDL = re.compile(r"\b(CREATE|DROP|EXPORT)\s+(OR\s+REPLACE\s+)?MODEL\b", re.IGNORECASE)
_CREATE_MODEL = re.compile(r"\bCREATE\s+(OR\s+REPLACE\s+)?MODEL\b", re.IGNORECASE)
# Options whose string values are enum names: compared upper-case.
_UPPER = {"model_type", "data_split_method", "kmeans_init_method", "learn_rate_strategy"}
