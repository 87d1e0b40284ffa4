"""The ML.* table functions: each call becomes a connection-local relation holding its rows.

``SELECT * FROM ML.PREDICT(MODEL ds.m, (SELECT ...))`` is rewritten on the token stream to
``SELECT * FROM __bqhouse_ml__<id>`` before translation (sqlglot parses ML.PREDICT but not
ML.EVALUATE and the rest). The rows are computed lazily, when the statement runs and
``QueryRunner.execute_statement`` registers the relation (``take``), so a script that creates a
model and then queries it sees the new model.
Output columns follow https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-e2e-journey
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlglot.tokens import TokenType

from bqhouse import errors
from bqhouse.ml import forecasting, matrix_factorization, metrics, sqltext, transform
from bqhouse.ml.model import Model
from bqhouse.ml.sqltext import ModelRef
from bqhouse.ml.store import ModelStore

if TYPE_CHECKING:
    from bqhouse.jobs.query import QueryRunner

RELATION_PREFIX = "__bqhouse_ml__"
_pending: dict[str, Callable[[], pa.Table]] = {}
_pending_lock = threading.Lock()


def register(table: pa.Table) -> str:
    """A relation name that reads ``table`` when the next statement naming it runs."""
    relation = f"{RELATION_PREFIX}{uuid.uuid4().hex}"
    with _pending_lock:
        _pending[relation] = lambda: table
    return relation


def take(relation: str) -> pa.Table:
    """The rows of a rewritten ML.* call, computed now (once)."""
    with _pending_lock:
        compute = _pending.pop(relation, None)
    if compute is None:
        raise errors.InvalidQuery(f"Unknown ML function result {relation}", location="query")
    return compute()


@dataclass
class Call:
    """One ML.<name>(MODEL m [, TABLE t | (query)] [, STRUCT(...)]) call."""

    name: str
    model: ModelRef
    input_sql: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    raw: pa.Table | None = None  # the input before the model's TRANSFORM, passed through


@dataclass
class Context:
    runner: QueryRunner
    project: str
    config: dict[str, Any]

    @property
    def store(self) -> ModelStore:
        return ModelStore(self.runner.catalog.lake.data_dir)

    def model(self, ref: ModelRef) -> Model:
        store = self.store
        return Model(store.load_meta(ref), store.load_arrays(ref))

    def rows(self, sql: str) -> pa.Table:
        keep = ("defaultDataset", "queryParameters", "parameterMode")
        config = {k: self.config[k] for k in keep if k in self.config}
        return self.runner.run(
            self.project, {**config, "query": sql, "useQueryCache": False}
        ).result


def rewrite(ctx: Context, sql: str, default_project: str, default_dataset: str | None) -> str:
    """Replace each top-level ML.<table function>(...) in ``sql`` by a pending relation's name."""
    tokens = sqltext.tokenize(sql)
    pieces: list[str] = []
    copied, i = 0, 0
    while i < len(tokens) - 3:
        if not _is_call(tokens, i):
            i += 1
            continue
        close = sqltext.matching(tokens, i + 3)
        call = _parse_call(sql, tokens, i, close, default_project, default_dataset)
        relation = f"{RELATION_PREFIX}{uuid.uuid4().hex}"
        with _pending_lock:
            _pending[relation] = _computer(ctx, call)
        pieces += [sql[copied : tokens[i].start], relation]
        copied = tokens[close].end + 1
        i = close + 1
    return "".join(pieces) + sql[copied:] if pieces else sql


def _is_call(tokens: list[Any], i: int) -> bool:
    return (
        tokens[i].text.upper() == "ML"
        and tokens[i + 1].token_type == TokenType.DOT
        and tokens[i + 2].text.upper() in FUNCTIONS
        and tokens[i + 3].token_type == TokenType.L_PAREN
    )


def _parse_call(
    sql: str, tokens: list[Any], at: int, close: int, project: str, dataset: str | None
) -> Call:
    name = tokens[at + 2].text.upper()
    parts = sqltext.split_commas(tokens, at + 4, close)
    if not parts or tokens[parts[0][0]].token_type != TokenType.MODEL:
        raise errors.InvalidQuery(
            f"ML.{name} expects MODEL as its first argument at "
            f"[{tokens[at].line}:{tokens[at].col}]",
            location="query",
        )
    start, stop = parts[0]
    call = Call(
        name, sqltext.resolve(sqltext.name_parts(tokens, start + 1, stop), project, dataset)
    )
    for start, stop in parts[1:]:
        first = tokens[start]
        if first.token_type == TokenType.TABLE:
            call.input_sql = f"SELECT * FROM {sqltext.text(sql, tokens, start + 1, stop)}"
        elif first.token_type == TokenType.L_PAREN:
            call.input_sql = sqltext.text(sql, tokens, start + 1, stop - 1)
        elif first.token_type == TokenType.STRUCT:
            call.options.update(sqltext.struct_options(sqltext.text(sql, tokens, start, stop)))
        # Other arguments (ML.ROC_CURVE's GENERATE_ARRAY thresholds) are accepted and ignored.
    return call


def _computer(ctx: Context, call: Call) -> Callable[[], pa.Table]:
    def compute() -> pa.Table:
        model = ctx.model(call.model)
        _check_model_type(model, call)
        data = ctx.rows(call.input_sql) if call.input_sql is not None else None
        spec = model.meta.get("transform")
        if call.name == "TRANSFORM":
            if spec is None:
                raise errors.InvalidQuery(
                    f"ML.TRANSFORM requires a model trained with a TRANSFORM clause; "
                    f"{call.model} has none",
                    location="query",
                )
            optional = {model.label.lower()} if model.label else set()
            table = _require(data, call)
            return transform.apply(ctx.runner, ctx.project, spec, table, optional, flatten=False)
        if spec is not None and data is not None:
            call.raw = data
            optional = {
                str(c).lower()
                for c in (model.label, model.meta["options"].get("data_split_col"))
                if c
            }
            data = transform.apply(ctx.runner, ctx.project, spec, data, optional)
        return FUNCTIONS[call.name](model, data, call)

    return compute


# What each special model type answers; the other model types answer the rest.
_ONLY_FOR = {
    "forecasting": {
        "FORECAST",
        "EVALUATE",
        "ARIMA_EVALUATE",
        "ARIMA_COEFFICIENTS",
        "DETECT_ANOMALIES",
        "TRAINING_INFO",
    },
    "recommendation": {"RECOMMEND", "EVALUATE", "TRAINING_INFO"},
}
_FORECASTING_ONLY = {"FORECAST", "ARIMA_EVALUATE", "ARIMA_COEFFICIENTS"}


def _check_model_type(model: Model, call: Call) -> None:
    task = model.kind.task
    allowed = _ONLY_FOR.get(task)
    wrong = (
        (allowed is not None and call.name not in allowed)
        or (task != "forecasting" and call.name in _FORECASTING_ONLY)
        or (task != "recommendation" and call.name == "RECOMMEND")
    )
    if wrong:
        raise errors.InvalidQuery(
            f"Model type {model.kind.rest_type} is not supported for ML.{call.name}; "
            f"{_SUPPORTED.get(call.name, 'see the BigQuery ML end-to-end user journeys')}",
            location="query",
        )


_SUPPORTED = {
    "FORECAST": "ML.FORECAST requires an ARIMA_PLUS or ARIMA_PLUS_XREG model.",
    "ARIMA_EVALUATE": "ML.ARIMA_EVALUATE requires an ARIMA_PLUS or ARIMA_PLUS_XREG model.",
    "ARIMA_COEFFICIENTS": "ML.ARIMA_COEFFICIENTS requires an ARIMA_PLUS or ARIMA_PLUS_XREG model.",
    "RECOMMEND": "ML.RECOMMEND requires a MATRIX_FACTORIZATION model.",
}


def _require(data: pa.Table | None, call: Call) -> pa.Table:
    if data is None:
        raise errors.InvalidQuery(f"ML.{call.name} requires input data: TABLE t or (query)")
    return data


def _require_task(model: Model, call: Call, *tasks: str) -> None:
    if model.kind.task not in tasks:
        raise errors.InvalidQuery(
            f"ML.{call.name} is not supported for model type {model.kind.name}", location="query"
        )


# --- functions -----------------------------------------------------------------------------------


def _predict(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    return model.predict(_require(data, call), call.options, call.raw)


def _evaluate(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    if model.kind.task == "forecasting":
        if data is None:
            return forecasting.arima_evaluate(model)
        return forecasting.evaluate_forecast(model, data)
    if model.kind.task == "recommendation":
        values = matrix_factorization.evaluate(model.meta, model.arrays, data)
    else:
        values = model.evaluate(data, call.options)
    return pa.table({k: pa.array([None if v != v else v], pa.float64()) for k, v in values.items()})


def _held_out(model: Model, data: pa.Table | None) -> tuple[np.ndarray, np.ndarray]:
    if data is None:
        return model.arrays["eval_truth"], model.arrays["eval_scores"]
    rows, truth = model.truth(data)
    return truth, model.scores(rows)


def _column_name(label: Any) -> str:
    # Label values become column names; BigQuery prefixes names that are not identifiers with "_".
    text = re.sub(r"\W", "_", str(label))
    return text if re.match(r"^[A-Za-z_]", text) else f"_{text}"


def _confusion_matrix(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    _require_task(model, call, "classifier")
    truth, probs = _held_out(model, data)
    threshold = call.options.get("threshold")
    predicted = model.predicted_classes(probs, None if threshold is None else float(threshold))
    classes = model.classes()
    k = len(classes)
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (truth.astype(np.int64), predicted), 1)
    names = pc.cast(classes, pa.string())
    columns: dict[str, Any] = {"expected_label": names}
    for j, label in enumerate(names.to_pylist()):
        columns[_column_name(label)] = pa.array(counts[:, j], pa.int64())
    return pa.table(columns)


_ROC_SCHEMA = pa.schema(
    [
        ("threshold", pa.float64()),
        ("recall", pa.float64()),
        ("false_positive_rate", pa.float64()),
        ("true_positives", pa.int64()),
        ("false_positives", pa.int64()),
        ("true_negatives", pa.int64()),
        ("false_negatives", pa.int64()),
    ]
)


def _roc_curve(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    _require_task(model, call, "classifier")
    truth, probs = _held_out(model, data)
    if probs.shape[1] != 2:
        raise errors.InvalidQuery("ML.ROC_CURVE is only supported for binary classification models")
    return pa.Table.from_pylist(metrics.roc_points(truth, probs[:, 1]), schema=_ROC_SCHEMA)


_TRAINING_INFO_SCHEMA = pa.schema(
    [
        ("training_run", pa.int64()),
        ("iteration", pa.int64()),
        ("loss", pa.float64()),
        ("eval_loss", pa.float64()),
        ("learning_rate", pa.float64()),
        ("duration_ms", pa.int64()),
    ]
)


def _training_info(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    return pa.Table.from_pylist(model.meta["training_info"], schema=_TRAINING_INFO_SCHEMA)


_FEATURE_INFO_SCHEMA = pa.schema(
    [
        ("input", pa.string()),
        ("min", pa.float64()),
        ("max", pa.float64()),
        ("mean", pa.float64()),
        ("median", pa.float64()),
        ("stddev", pa.float64()),
        ("category_count", pa.int64()),
        ("null_count", pa.int64()),
        ("dimension", pa.int64()),
    ]
)


def _feature_info(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    rows = []
    for f in model.preprocessor.features:
        numeric = f.kind == "numeric"
        rows.append(
            {
                "input": f.name,
                "min": f.minimum if numeric else None,
                "max": f.maximum if numeric else None,
                "mean": f.mean if numeric else None,
                "median": f.median if numeric else None,
                "stddev": f.stddev if numeric else None,
                "category_count": None if numeric else len(f.categories),
                "null_count": f.null_count,
                "dimension": len(f.categories) if f.kind == "array" else None,
            }
        )
    return pa.Table.from_pylist(rows, schema=_FEATURE_INFO_SCHEMA)


_CATEGORY = pa.struct([("category", pa.string()), ("weight", pa.float64())])
_WEIGHTS_SCHEMA = pa.schema(
    [
        ("processed_input", pa.string()),
        ("weight", pa.float64()),
        ("category_weights", pa.list_(_CATEGORY)),
    ]
)
_CLASS_WEIGHTS_SCHEMA = pa.schema(
    [
        ("processed_input", pa.string()),
        ("class_weights", pa.list_(pa.struct([("label", pa.string()), ("weight", pa.float64())]))),
    ]
)


def _weights(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    """Linear weights per input; unstandardized unless STRUCT(TRUE AS standardize)."""
    if model.kind.name not in ("LINEAR_REG", "LOGISTIC_REG"):
        raise errors.InvalidQuery(f"ML.WEIGHTS is not supported for {model.kind.name} models")
    pre = model.preprocessor
    coef = model.arrays["coef"].copy()
    intercept = model.arrays["intercept"].copy()
    if not call.options.get("standardize", False) and pre.standardize:
        at = 0
        for f in pre.features:
            if f.kind == "numeric":
                coef[:, at] /= f.stddev
                intercept -= coef[:, at] * f.mean
            at += f.width
    if coef.shape[0] > 1:
        return _class_weights(model, coef, intercept)
    rows: list[dict[str, Any]] = []
    at = 0
    for f in pre.features:
        if f.kind == "numeric":
            rows.append(
                {"processed_input": f.name, "weight": float(coef[0, at]), "category_weights": []}
            )
        else:
            weights = [
                {"category": c, "weight": float(coef[0, at + j])}
                for j, c in enumerate(f.categories)
            ]
            rows.append({"processed_input": f.name, "weight": None, "category_weights": weights})
        at += f.width
    rows.append(
        {"processed_input": "__INTERCEPT__", "weight": float(intercept[0]), "category_weights": []}
    )
    return pa.Table.from_pylist(rows, schema=_WEIGHTS_SCHEMA)


def _class_weights(model: Model, coef: np.ndarray, intercept: np.ndarray) -> pa.Table:
    labels = [str(c) for c in model.meta["classes"]]
    names = [n if c is None else f"{n}_{c}" for n, c in model.preprocessor.processed_names()]
    columns = [*coef.T, intercept]
    rows = [
        {
            "processed_input": name,
            "class_weights": [
                {"label": lab, "weight": float(w)} for lab, w in zip(labels, ws, strict=True)
            ],
        }
        for name, ws in zip([*names, "__INTERCEPT__"], columns, strict=True)
    ]
    return pa.Table.from_pylist(rows, schema=_CLASS_WEIGHTS_SCHEMA)


_CENTROIDS_SCHEMA = pa.schema(
    [
        ("centroid_id", pa.int64()),
        ("feature", pa.string()),
        ("numerical_value", pa.float64()),
        (
            "categorical_value",
            pa.list_(pa.struct([("category", pa.string()), ("value", pa.float64())])),
        ),
    ]
)


def _centroids(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    _require_task(model, call, "clustering")
    pre = model.preprocessor
    rows = []
    for k, centroid in enumerate(model.arrays["centroids"]):
        at = 0
        for f in sorted(pre.features, key=lambda g: pre.features.index(g)):
            part = centroid[at : at + f.width]
            if f.kind == "numeric":
                value = float(part[0])
                if pre.standardize and not call.options.get("standardize", False):
                    value = value * f.stddev + f.mean
                rows.append(
                    {
                        "centroid_id": k + 1,
                        "feature": f.name,
                        "numerical_value": value,
                        "categorical_value": [],
                    }
                )
            else:
                cats = [
                    {"category": c, "value": float(v)}
                    for c, v in zip(f.categories, part, strict=True)
                ]
                rows.append(
                    {
                        "centroid_id": k + 1,
                        "feature": f.name,
                        "numerical_value": None,
                        "categorical_value": cats,
                    }
                )
            at += f.width
    rows.sort(key=lambda r: (r["centroid_id"], r["feature"]))
    return pa.Table.from_pylist(rows, schema=_CENTROIDS_SCHEMA)


def _explain_predict(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    """Exact attributions for linear models: weight x standardized value, per input column.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-explain-predict
    """
    if model.kind.name not in ("LINEAR_REG", "LOGISTIC_REG") or model.arrays["coef"].shape[0] > 1:
        raise errors.InvalidQuery(
            f"ML.EXPLAIN_PREDICT is supported for linear and binary logistic models, not "
            f"{model.kind.name}"
        )
    table = _require(data, call)
    predicted = model.predict(table, call.options, call.raw)
    x = model.preprocessor.transform(table)
    contributions = x * model.arrays["coef"][0]
    names, groups, at = [], [], 0
    for f in model.preprocessor.features:
        names.append(f.name)
        groups.append(contributions[:, at : at + f.width].sum(axis=1))
        at += f.width
    per_feature = np.column_stack(groups) if groups else np.zeros((len(x), 0))
    top = int(call.options.get("top_k_features", 5))
    order = np.argsort(-np.abs(per_feature), axis=1, kind="stable")[:, :top]
    attributions = [
        [{"feature": names[j], "attribution": float(per_feature[r, j])} for j in order[r]]
        for r in range(len(x))
    ]
    baseline = float(model.arrays["intercept"][0])
    value = baseline + per_feature.sum(axis=1)
    label = model.label
    head: dict[str, Any] = {f"predicted_{label}": predicted.column(f"predicted_{label}")}
    if model.kind.task == "classifier":
        head["probability"] = pa.array(1 / (1 + np.exp(-value)), pa.float64())
    head["top_feature_attributions"] = pa.array(
        attributions, pa.list_(pa.struct([("feature", pa.string()), ("attribution", pa.float64())]))
    )
    head["baseline_prediction_value"] = pa.array(np.full(len(x), baseline), pa.float64())
    head["prediction_value"] = pa.array(value, pa.float64())
    head["approximation_error"] = pa.array(np.zeros(len(x)), pa.float64())
    passthrough = call.raw if call.raw is not None else table
    for name in passthrough.column_names:
        head.setdefault(name, passthrough.column(name))
    return pa.table(head)


def _detect_anomalies(model: Model, data: pa.Table | None, call: Call) -> pa.Table:
    """K-means anomalies: normalized distance to the nearest centroid above the training quantile
    given by ``contamination``.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-detect-anomalies
    """
    if model.kind.task == "forecasting":
        return forecasting.detect_anomalies(model, data, call.options)
    _require_task(model, call, "clustering")
    table = _require(data, call)
    contamination = float(call.options.get("contamination", 0.1))
    if not 0 <= contamination <= 0.5:
        raise errors.InvalidQuery("contamination must be in [0, 0.5]")
    profile = model.meta["anomaly"]
    quantiles = np.asarray(profile["quantiles"])
    cut = float(np.interp(1 - contamination, np.linspace(0, 1, len(quantiles)), quantiles))
    distances = model.scores(table)
    nearest = distances.argmin(axis=1)
    normalized = distances.min(axis=1) / np.maximum(np.asarray(profile["radius"])[nearest], 1e-12)
    columns: dict[str, Any] = {
        "is_anomaly": pa.array(normalized > cut),
        "normalized_distance": pa.array(normalized, pa.float64()),
        "CENTROID_ID": pa.array(nearest + 1, pa.int64()),
    }
    passthrough = call.raw if call.raw is not None else table
    for name in passthrough.column_names:
        columns.setdefault(name, passthrough.column(name))
    return pa.table(columns)


FUNCTIONS: dict[str, Callable[[Model, pa.Table | None, Call], pa.Table]] = {
    "PREDICT": _predict,
    "EVALUATE": _evaluate,
    "CONFUSION_MATRIX": _confusion_matrix,
    "ROC_CURVE": _roc_curve,
    "TRAINING_INFO": _training_info,
    "FEATURE_INFO": _feature_info,
    "WEIGHTS": _weights,
    "CENTROIDS": _centroids,
    "EXPLAIN_PREDICT": _explain_predict,
    "DETECT_ANOMALIES": _detect_anomalies,
    "TRANSFORM": _predict,  # ML.TRANSFORM is answered in _computer, before this table
    "FORECAST": lambda model, data, call: forecasting.forecast(model, call.options),
    "ARIMA_EVALUATE": lambda model, data, call: forecasting.arima_evaluate(model),
    "ARIMA_COEFFICIENTS": lambda model, data, call: forecasting.coefficients(model),
    "RECOMMEND": lambda model, data, call: matrix_factorization.recommend(
        model.meta, model.arrays, data
    ),
}
