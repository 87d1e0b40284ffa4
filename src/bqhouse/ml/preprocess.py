"""BigQuery ML's automatic preprocessing, fitted once and replayed identically at prediction time.

https://cloud.google.com/bigquery/docs/auto-preprocessing: numeric columns are standardized (mean
and standard deviation of the training data) with NULL imputed by the mean; STRING and BOOL columns
are one-hot encoded with NULL as a category of its own; ARRAY<STRING> columns are multi-hot encoded.
DATE/TIME/TIMESTAMP columns are used as numbers (seconds), a simplification of BigQuery's timestamp
feature extraction. The fitted state is plain JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse import errors

NULL_CATEGORY = "_null_filler"  # how ML.WEIGHTS names the NULL category


@dataclass
class Feature:
    """One input column and what training learnt about it."""

    name: str
    kind: str  # numeric | categorical | array
    bq_type: str
    mean: float = 0.0
    stddev: float = 1.0
    minimum: float | None = None
    maximum: float | None = None
    median: float | None = None
    null_count: int = 0
    categories: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return 1 if self.kind == "numeric" else len(self.categories)


def _bq_type(dtype: pa.DataType) -> str:
    if pa.types.is_boolean(dtype):
        return "BOOL"
    if pa.types.is_integer(dtype):
        return "INT64"
    if pa.types.is_floating(dtype):
        return "FLOAT64"
    if pa.types.is_decimal(dtype):
        return "NUMERIC"
    if pa.types.is_string(dtype) or pa.types.is_large_string(dtype):
        return "STRING"
    if pa.types.is_timestamp(dtype):
        return "TIMESTAMP" if dtype.tz else "DATETIME"
    if pa.types.is_date(dtype):
        return "DATE"
    if pa.types.is_list(dtype) and pa.types.is_string(dtype.value_type):
        return "ARRAY<STRING>"
    if pa.types.is_list(dtype) and pa.types.is_struct(dtype.value_type):
        return SPARSE  # ML.ONE_HOT_ENCODER's output: sparse (index, value) pairs
    raise errors.InvalidQuery(f"Unsupported input column type for BigQuery ML: {dtype}")


SPARSE = "ARRAY<STRUCT<INT64, FLOAT64>>"
_KINDS = {
    "BOOL": "categorical",
    "STRING": "categorical",
    "ARRAY<STRING>": "array",
    SPARSE: "sparse",
}


def _as_float(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    dtype = column.type
    if pa.types.is_timestamp(dtype):
        column = pc.divide(pc.cast(pc.cast(column, pa.timestamp("us")), pa.int64()), 1e6)
    elif pa.types.is_date(dtype):
        column = pc.multiply(pc.cast(pc.cast(column, pa.date32()), pa.int32()), 86400.0)
    values = pc.cast(column, pa.float64())
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.float64)


def _as_strings(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    if pa.types.is_boolean(column.type):
        column = pc.if_else(column, "true", "false")
    return pc.fill_null(pc.cast(column, pa.string()), NULL_CATEGORY)


def fit_feature(name: str, column: pa.ChunkedArray) -> Feature:
    bq_type = _bq_type(column.type)
    feature = Feature(name, _KINDS.get(bq_type, "numeric"), bq_type, null_count=column.null_count)
    if feature.kind == "numeric":
        values = _as_float(column)
        present = values[~np.isnan(values)]
        if present.size:
            feature.mean = float(present.mean())
            std = float(present.std())
            feature.stddev = std if std > 0 else 1.0
            feature.minimum, feature.maximum = float(present.min()), float(present.max())
            feature.median = float(np.median(present))
    elif feature.kind == "categorical":
        feature.categories = sorted(pc.unique(_as_strings(column)).to_pylist())
    elif feature.kind == "sparse":
        indexes = pc.struct_field(pc.list_flatten(column), 0)
        top = pc.max(indexes).as_py()
        feature.categories = [str(i) for i in range(int(top or 0) + 1)]
    else:
        flat = pc.list_flatten(column)
        feature.categories = sorted(v for v in pc.unique(flat).to_pylist() if v is not None)
    return feature


@dataclass
class Preprocessor:
    """The fitted transform from input columns to the model's numeric matrix."""

    features: list[Feature]
    standardize: bool = True

    @classmethod
    def fit(cls, table: pa.Table, *, standardize: bool = True) -> Preprocessor:
        """Learn means, deviations and vocabularies from the training rows.

        >>> p = Preprocessor.fit(pa.table({"x": [1.0, 3.0], "c": ["a", "b"]}))
        >>> p.transform(pa.table({"x": [None], "c": ["b"]})).tolist()
        [[0.0, 0.0, 1.0]]
        """
        return cls([fit_feature(n, table.column(n)) for n in table.column_names], standardize)

    def to_json(self) -> dict[str, Any]:
        return {"standardize": self.standardize, "features": [asdict(f) for f in self.features]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Preprocessor:
        return cls([Feature(**f) for f in data["features"]], bool(data["standardize"]))

    @property
    def width(self) -> int:
        return sum(f.width for f in self.features)

    def processed_names(self) -> list[tuple[str, str | None]]:
        """(input column, category) for each matrix column; category None for numbers."""
        names: list[tuple[str, str | None]] = []
        for f in self.features:
            names.extend(
                [(f.name, None)] if f.kind == "numeric" else [(f.name, c) for c in f.categories]
            )
        return names

    def transform(self, table: pa.Table) -> np.ndarray:
        lower = {n.lower(): n for n in table.column_names}
        matrix = np.zeros((table.num_rows, self.width), dtype=np.float64)
        offset = 0
        for f in self.features:
            if f.name.lower() not in lower:
                raise errors.InvalidQuery(
                    f"The input data to the model is missing the column {f.name}", location="query"
                )
            column = table.column(lower[f.name.lower()])
            _ENCODERS[f.kind](f, column, matrix, offset, self.standardize)
            offset += f.width
        return matrix


def _numeric(f: Feature, column: pa.ChunkedArray, out: np.ndarray, at: int, std: bool) -> None:
    values = _as_float(column)
    values = np.where(np.isnan(values), f.mean, values)
    out[:, at] = (values - f.mean) / f.stddev if std else values


def _one_hot(f: Feature, column: pa.ChunkedArray, out: np.ndarray, at: int, std: bool) -> None:
    index = pc.index_in(_as_strings(column), value_set=pa.array(f.categories, pa.string()))
    idx = np.asarray(pc.fill_null(index, -1).to_numpy(zero_copy_only=False))
    rows = np.nonzero(idx >= 0)[0]
    out[rows, at + idx[rows]] = 1.0  # a category unseen in training encodes as all zeros


def _multi_hot(f: Feature, column: pa.ChunkedArray, out: np.ndarray, at: int, std: bool) -> None:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    parents = np.asarray(pc.list_parent_indices(array).to_numpy(zero_copy_only=False))
    index = pc.index_in(pc.list_flatten(array), value_set=pa.array(f.categories, pa.string()))
    idx = np.asarray(pc.fill_null(index, -1).to_numpy(zero_copy_only=False))
    keep = idx >= 0
    out[parents[keep], at + idx[keep]] = 1.0


def _sparse(f: Feature, column: pa.ChunkedArray, out: np.ndarray, at: int, std: bool) -> None:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    parents = np.asarray(pc.list_parent_indices(array).to_numpy(zero_copy_only=False))
    flat = pc.list_flatten(array)
    index = pc.fill_null(pc.cast(pc.struct_field(flat, 0), pa.int64()), -1)
    idx = np.asarray(index.to_numpy(zero_copy_only=False))
    values = pc.fill_null(pc.cast(pc.struct_field(flat, 1), pa.float64()), 0.0)
    weight = np.asarray(values.to_numpy(zero_copy_only=False))
    keep = (idx >= 0) & (idx < f.width)  # an index unseen in training is dropped
    out[parents[keep], at + idx[keep]] = weight[keep]


_ENCODERS = {
    "numeric": _numeric,
    "categorical": _one_hot,
    "array": _multi_hot,
    "sparse": _sparse,
}
