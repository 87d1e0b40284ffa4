"""A stored model applied to Arrow rows: what ML.PREDICT, ML.EVALUATE and friends compute."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse import errors
from bqhouse.ml import metrics
from bqhouse.ml.estimators import MODEL_TYPES, Arrays, ModelType
from bqhouse.ml.preprocess import Preprocessor

# BigQuery type of a label -> Arrow type of predicted_<label> and of probs.label.
LABEL_TYPES = {
    "INT64": pa.int64(),
    "FLOAT64": pa.float64(),
    "NUMERIC": pa.float64(),
    "STRING": pa.string(),
    "BOOL": pa.bool_(),
}


@dataclass
class Model:
    """One model's JSON facts (``meta``) and parameter arrays."""

    meta: dict[str, Any]
    arrays: Arrays

    @property
    def kind(self) -> ModelType:
        return MODEL_TYPES[self.meta["model_type"]]

    @property
    def label(self) -> str | None:
        label: str | None = self.meta.get("label")
        return label

    @property
    def preprocessor(self) -> Preprocessor:
        return Preprocessor.from_json(self.meta["preprocessor"])

    def classes(self) -> pa.Array:
        return pa.array(self.meta["classes"], LABEL_TYPES[self.meta["label_type"]])

    def scores(self, table: pa.Table) -> np.ndarray:
        return self.kind.score(self.arrays, self.preprocessor.transform(table))

    def truth(self, table: pa.Table) -> tuple[pa.Table, np.ndarray]:
        """Rows with a non-NULL label, and the label as class indexes or floats."""
        label = self.label
        lower = {n.lower(): n for n in table.column_names}
        if label is None or label.lower() not in lower:
            raise errors.InvalidQuery(
                f"The input data to the model is missing the label column {label}",
                location="query",
            )
        column = table.column(lower[label.lower()])
        table = table.filter(pc.is_valid(column))
        column = table.column(lower[label.lower()])
        if self.kind.task == "classifier":
            index = pc.index_in(pc.cast(column, self.classes().type), value_set=self.classes())
            known = pc.is_valid(index)
            table = table.filter(known)
            return table, np.asarray(index.filter(known).to_numpy(zero_copy_only=False))
        return table, np.asarray(pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False))

    # -- ML.PREDICT ---------------------------------------------------------------------------

    def predict(
        self, table: pa.Table, options: dict[str, Any], passthrough: pa.Table | None = None
    ) -> pa.Table:
        """``predicted_<label>`` (+ ``_probs`` for classifiers) ahead of the input columns
        (``passthrough``: the raw input of a TRANSFORM model, else ``table``).

        https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-predict#output
        """
        if self.kind.task not in _PREDICTORS:
            raise errors.InvalidQuery(
                f"ML.PREDICT is not supported for model type {self.kind.rest_type}",
                location="query",
            )
        scores = self.scores(table)
        columns = _PREDICTORS[self.kind.task](self, scores, options)
        source = table if passthrough is None else passthrough
        for name in source.column_names:
            if name not in columns:
                columns[name] = source.column(name)
        return pa.table(columns)

    def predicted_classes(self, probs: np.ndarray, threshold: float | None) -> np.ndarray:
        if probs.shape[1] == 2:
            cut = 0.5 if threshold is None else threshold
            return (probs[:, 1] > cut).astype(np.int64)
        return np.asarray(probs.argmax(axis=1))

    # -- ML.EVALUATE --------------------------------------------------------------------------

    def evaluate(self, table: pa.Table | None, options: dict[str, Any]) -> dict[str, float]:
        """Metrics on ``table``, or those computed on the evaluation split when None."""
        if table is None:
            return dict(self.meta["evaluation"])
        task = self.kind.task
        if task == "clustering":
            x = self.preprocessor.transform(table)
            return metrics.clustering(x, self.kind.score(self.arrays, x))
        if task == "pca":
            ratio = self.arrays["explained_variance_ratio"]
            return {"total_explained_variance_ratio": float(ratio.sum())}
        rows, truth = self.truth(table)
        scores = self.scores(rows)
        if task == "classifier":
            return metrics.classification(truth, scores, float(options.get("threshold", 0.5)))
        return metrics.regression(truth, scores)


def _classifier_columns(model: Model, probs: np.ndarray, options: dict[str, Any]) -> dict[str, Any]:
    label = model.label
    classes = model.classes()
    threshold = options.get("threshold")
    chosen = model.predicted_classes(probs, None if threshold is None else float(threshold))
    n, k = probs.shape
    entries = pa.StructArray.from_arrays(
        [pc.take(classes, np.tile(np.arange(k), n)), pa.array(probs.reshape(-1), pa.float64())],
        names=["label", "prob"],
    )
    offsets = pa.array(np.arange(0, n * k + 1, k, dtype=np.int32))
    return {
        f"predicted_{label}": pc.take(classes, pa.array(chosen)),
        f"predicted_{label}_probs": pa.ListArray.from_arrays(offsets, entries),
    }


def _regressor_columns(model: Model, values: np.ndarray, options: dict[str, Any]) -> dict[str, Any]:
    return {f"predicted_{model.label}": pa.array(values, pa.float64())}


def _cluster_columns(
    model: Model, distances: np.ndarray, options: dict[str, Any]
) -> dict[str, Any]:
    n, k = distances.shape
    order = np.argsort(distances, axis=1)
    entries = pa.StructArray.from_arrays(
        [
            pa.array((order + 1).reshape(-1), pa.int64()),
            pa.array(np.take_along_axis(distances, order, axis=1).reshape(-1), pa.float64()),
        ],
        names=["CENTROID_ID", "DISTANCE"],
    )
    offsets = pa.array(np.arange(0, n * k + 1, k, dtype=np.int32))
    return {
        "CENTROID_ID": pa.array(order[:, 0] + 1, pa.int64()),
        "NEAREST_CENTROIDS_DISTANCE": pa.ListArray.from_arrays(offsets, entries),
    }


def _pca_columns(model: Model, projected: np.ndarray, options: dict[str, Any]) -> dict[str, Any]:
    return {
        f"principal_component_{i + 1}": pa.array(projected[:, i], pa.float64())
        for i in range(projected.shape[1])
    }


_PREDICTORS = {
    "classifier": _classifier_columns,
    "regressor": _regressor_columns,
    "clustering": _cluster_columns,
    "pca": _pca_columns,
}
