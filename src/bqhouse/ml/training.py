"""CREATE MODEL's training: label, split, preprocessing, fit, evaluation, REST resource.

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-create
"""

from __future__ import annotations

import datetime
import time
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from threadpoolctl import threadpool_limits

from bqhouse import errors
from bqhouse.ml import progress
from bqhouse.ml.estimators import Arrays, ModelType, Options, model_type
from bqhouse.ml.model import Model
from bqhouse.ml.preprocess import Preprocessor, _bq_type
from bqhouse.ml.sqltext import ModelRef

# OPTIONS name -> Model.trainingRuns[].trainingOptions field (TrainingOptions in the discovery doc).
_TRAINING_OPTIONS = {
    "max_iterations": "maxIterations",
    "l1_reg": "l1Regularization",
    "l2_reg": "l2Regularization",
    "learn_rate": "learnRate",
    "data_split_method": "dataSplitMethod",
    "data_split_eval_fraction": "dataSplitEvalFraction",
    "data_split_col": "dataSplitColumn",
    "num_clusters": "numClusters",
    "kmeans_init_method": "kmeansInitializationMethod",
    "auto_class_weights": "autoClassWeights",
    "max_tree_depth": "maxTreeDepth",
    "num_parallel_tree": "numParallelTree",
    "subsample": "subsample",
    "early_stop": "earlyStop",
    "num_principal_components": "numPrincipalComponents",
    "input_label_cols": "inputLabelColumns",
}
_THREADED_ROWS = 50_000  # below: train single-threaded
# Below 500 rows AUTO_SPLIT trains on everything; up to 50,000 it holds out 20%; above, 10,000 rows.
_AUTO_SMALL, _AUTO_LARGE, _AUTO_EVAL_ROWS = 500, 50_000, 10_000


def _label_name(kind: ModelType, options: Options, table: pa.Table) -> str | None:
    if not kind.supervised:
        return None
    wanted = options.get("input_label_cols") or ["label"]
    wanted = [wanted] if isinstance(wanted, str) else wanted
    if len(wanted) != 1:
        raise errors.InvalidQuery("Only one label column is supported (INPUT_LABEL_COLS)")
    lower = {n.lower(): n for n in table.column_names}
    if str(wanted[0]).lower() not in lower:
        raise errors.InvalidQuery(
            f"Unable to identify the label column '{wanted[0]}': the query must return a column "
            "named label, or name the label column in the INPUT_LABEL_COLS option.",
            location="query",
        )
    return lower[str(wanted[0]).lower()]


def _eval_mask(kind: ModelType, options: Options, table: pa.Table) -> np.ndarray:
    """True for the rows held out for evaluation (data_split_method)."""
    n = table.num_rows
    default = "AUTO_SPLIT" if kind.supervised else "NO_SPLIT"
    method = str(options.get("data_split_method", default)).upper()
    fraction = float(options.get("data_split_eval_fraction", 0.2))
    if method == "AUTO_SPLIT":
        if n < _AUTO_SMALL:
            return np.zeros(n, dtype=bool)
        method, fraction = "RANDOM", 0.2 if n <= _AUTO_LARGE else _AUTO_EVAL_ROWS / n
    if method == "NO_SPLIT":
        return np.zeros(n, dtype=bool)
    if method == "RANDOM":
        return np.random.default_rng(0).random(n) < fraction
    column = options.get("data_split_col")
    if column is None or column not in table.column_names:
        raise errors.InvalidQuery(f"DATA_SPLIT_METHOD {method} requires DATA_SPLIT_COL")
    values = table.column(column)
    if method == "CUSTOM":
        return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)
    if method == "SEQ":
        order = np.argsort(np.asarray(pc.rank(values, sort_keys="ascending")), kind="stable")
        mask = np.zeros(n, dtype=bool)
        mask[order[n - int(round(n * fraction)) :]] = True
        return mask
    raise errors.InvalidQuery(f"Invalid value for DATA_SPLIT_METHOD: {method}")


def _classes(kind: ModelType, label: pa.ChunkedArray) -> list[Any]:
    if kind.task != "classifier":
        return []
    classes = sorted(v for v in pc.unique(label).to_pylist() if v is not None)
    if len(classes) < 2:
        raise errors.InvalidQuery(
            "Classification model requires at least two distinct label values", location="query"
        )
    return classes


def train(ref: ModelRef, options: Options, table: pa.Table) -> tuple[dict[str, Any], Arrays]:
    """Fit a model to ``table`` (the AS query's rows); the JSON meta and the arrays to store."""
    started = time.time()
    kind = model_type(options)
    progress.start(kind.rest_type, options.get("max_iterations", 1))
    if kind.name in ("ARIMA_PLUS", "MATRIX_FACTORIZATION"):
        from bqhouse.ml import arima, matrix_factorization

        # Many small solves: multi-threaded BLAS only adds contention (measured 20x slower).
        with threadpool_limits(limits=1):
            if kind.name == "ARIMA_PLUS":
                return arima.train(ref, options, table)
            return matrix_factorization.train(ref, options, table)
    if table.num_rows == 0:
        raise errors.InvalidQuery("Input data for CREATE MODEL is empty", location="query")
    label = _label_name(kind, options, table)
    if label is not None:
        table = table.filter(pc.is_valid(table.column(label)))
    evaluation = _eval_mask(kind, options, table)
    dropped = {c for c in (label, options.get("data_split_col")) if c}
    features = table.select([c for c in table.column_names if c not in dropped])
    trained = table.filter(pa.array(~evaluation))
    preprocessor = Preprocessor.fit(
        features.filter(pa.array(~evaluation)), standardize=kind.standardize
    )
    meta: dict[str, Any] = {
        "model_type": kind.name,
        "label": label,
        "label_type": _bq_type(table.column(label).type) if label else None,
        "classes": _classes(kind, table.column(label)) if label else [],
        "preprocessor": preprocessor.to_json(),
        "options": options,
    }
    model = Model(meta, {})
    x = preprocessor.transform(trained)
    y = model.truth(trained)[1] if label else None
    # Small fits lose more to thread start-up and contention (OpenMP/BLAS) than they gain:
    # measured 0.05 s single-threaded vs 0.3-1.2 s threaded for 600 rows on 2 busy cores.
    with threadpool_limits(limits=1 if len(x) < _THREADED_ROWS else None):
        fitted = kind.fit(x, y, options, None)
    model.arrays = dict(fitted.arrays)
    held_out = table.filter(pa.array(evaluation)) if evaluation.any() else table
    meta["evaluation"] = model.evaluate(held_out, {})
    if kind.task == "classifier":
        # ML.CONFUSION_MATRIX and ML.ROC_CURVE without input data use the evaluation rows.
        rows, truth = model.truth(held_out)
        model.arrays["eval_truth"], model.arrays["eval_scores"] = truth, model.scores(rows)
    reported = _LOSS.get(kind.task)
    held_loss = meta["evaluation"][reported] if reported else None
    # Without a split the evaluation rows are the training rows: no second pass for the loss.
    training_loss = _loss(model, trained) if evaluation.any() else held_loss
    eval_loss = held_loss if evaluation.any() else None
    duration = int((time.time() - started) * 1000)
    rate = float(options.get("learn_rate", 0.0)) or None
    # Per-iteration training losses where the estimator has them (boosted trees); the last
    # iteration carries the final losses either way.
    losses = list(fitted.info.get("losses") or [])[:-1]
    meta["training_info"] = [
        {
            "training_run": 0,
            "iteration": i,
            "loss": float(loss),
            "eval_loss": None,
            "learning_rate": rate,
            "duration_ms": duration // (len(losses) + 1),
        }
        for i, loss in enumerate(losses)
    ]
    meta["training_info"].append(
        {
            "training_run": 0,
            "iteration": fitted.iterations - 1,
            "loss": training_loss,
            "eval_loss": eval_loss,
            "learning_rate": rate,
            "duration_ms": duration - sum(r["duration_ms"] for r in meta["training_info"]),
        }
    )
    if kind.task == "clustering":
        meta["anomaly"] = _distance_profile(model, x)
    meta["resource"] = resource(ref, kind, meta, preprocessor, started, training_loss, eval_loss)
    return meta, model.arrays


# The loss ML.TRAINING_INFO reports per task, as an ML.EVALUATE metric.
_LOSS = {
    "classifier": "log_loss",
    "regressor": "mean_squared_error",
    "clustering": "mean_squared_distance",
}


def _loss(model: Model, table: pa.Table) -> float | None:
    name = _LOSS.get(model.kind.task)
    return float(model.evaluate(table, {})[name]) if name else None


def _distance_profile(model: Model, x: np.ndarray) -> dict[str, Any]:
    """Per-centroid mean distance and quantiles of normalized distance, for ML.DETECT_ANOMALIES."""
    distances = model.kind.score(model.arrays, x)
    nearest = distances.argmin(axis=1)
    closest = distances.min(axis=1)
    radius = [
        float(closest[nearest == k].mean()) if (nearest == k).any() else 1.0
        for k in range(distances.shape[1])
    ]
    normalized = closest / np.maximum(np.asarray(radius)[nearest], 1e-12)
    return {
        "radius": radius,
        "quantiles": np.quantile(normalized, np.linspace(0, 1, 1001)).tolist(),
    }


def standard_sql_type(bq_type: str) -> dict[str, Any]:
    if bq_type.startswith("STRUCT<"):
        names = ("index", "value")
        kinds = [k.strip() for k in bq_type[7:-1].split(",")]
        fields = [{"name": n, "type": {"typeKind": k}} for n, k in zip(names, kinds, strict=False)]
        return {"typeKind": "STRUCT", "structType": {"fields": fields}}
    if bq_type.startswith("ARRAY<"):
        return {"typeKind": "ARRAY", "arrayElementType": standard_sql_type(bq_type[6:-1])}
    return {"typeKind": bq_type}


_METRIC_FIELDS = {
    "regressor": (
        "regressionMetrics",
        {
            "mean_absolute_error": "meanAbsoluteError",
            "mean_squared_error": "meanSquaredError",
            "mean_squared_log_error": "meanSquaredLogError",
            "median_absolute_error": "medianAbsoluteError",
            "r2_score": "rSquared",
        },
    ),
    "clustering": (
        "clusteringMetrics",
        {
            "davies_bouldin_index": "daviesBouldinIndex",
            "mean_squared_distance": "meanSquaredDistance",
        },
    ),
    "classifier": (
        "aggregateClassificationMetrics",
        {
            "precision": "precision",
            "recall": "recall",
            "accuracy": "accuracy",
            "f1_score": "f1Score",
            "log_loss": "logLoss",
            "roc_auc": "rocAuc",
        },
    ),
}


def evaluation_metrics(task: str, classes: int, values: dict[str, float]) -> dict[str, Any]:
    """ML.EVALUATE's numbers in the shape of the REST ``EvaluationMetrics`` message."""
    if task not in _METRIC_FIELDS:
        return {}
    name, fields = _METRIC_FIELDS[task]
    body = {
        rest: values[ours] for ours, rest in fields.items() if values.get(ours) == values.get(ours)
    }
    if task == "classifier":
        wrapper = (
            "binaryClassificationMetrics" if classes == 2 else "multiClassClassificationMetrics"
        )
        return {wrapper: {name: body}}
    return {name: body}


def _rfc3339(seconds: float) -> str:
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def resource(
    ref: ModelRef,
    kind: ModelType,
    meta: dict[str, Any],
    preprocessor: Preprocessor,
    started: float,
    training_loss: float | None,
    eval_loss: float | None,
) -> dict[str, Any]:
    """The REST ``Model`` resource (models.get)."""
    now = str(int(time.time() * 1000))
    options = meta["options"]
    results = []
    for row in meta["training_info"]:
        result: dict[str, Any] = {"index": row["iteration"], "durationMs": str(row["duration_ms"])}
        if row["loss"] is not None:
            result["trainingLoss"] = row["loss"]
        if row["eval_loss"] is not None:
            result["evalLoss"] = row["eval_loss"]
        if row["learning_rate"] is not None:
            result["learnRate"] = row["learning_rate"]
        results.append(result)
    labels = []
    if meta["label"]:
        labels = [
            {"name": f"predicted_{meta['label']}", "type": standard_sql_type(meta["label_type"])}
        ]
    return {
        **ref.resource_head(now, kind.rest_type),
        "featureColumns": [
            {"name": f.name, "type": standard_sql_type(f.bq_type)} for f in preprocessor.features
        ],
        "labelColumns": labels,
        "trainingRuns": [
            {
                "startTime": _rfc3339(started),
                "trainingOptions": {
                    rest: options[ours]
                    for ours, rest in _TRAINING_OPTIONS.items()
                    if ours in options
                },
                "results": results,
                "evaluationMetrics": evaluation_metrics(
                    kind.task, len(meta["classes"]), meta["evaluation"]
                ),
            }
        ],
    }
