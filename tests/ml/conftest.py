"""Synthetic data sets with a known answer, loaded through the official client."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from google.cloud import bigquery

FEATURES = ["x1", "x2", "x3", "x4"]


def synthetic(n: int, seed: int) -> list[dict[str, Any]]:
    """Four numeric features, a category with an effect, a binary, a 3-class and a numeric label."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4))
    cat = rng.choice(["a", "b", "c"], size=n)
    effect = np.select([cat == "a", cat == "b"], [1.0, -1.0], 0.0)
    logit = 2 * x[:, 0] - 1.5 * x[:, 1] + 0.5 * x[:, 2] + effect + rng.logistic(size=n) * 0.5
    target = 3 * x[:, 0] - 2 * x[:, 1] + x[:, 3] + 2 * effect + 5 + rng.normal(size=n) * 0.1
    klass = np.digitize(x[:, 0] + x[:, 1] + 0.3 * rng.normal(size=n), [-0.7, 0.7])
    rows = []
    for i in range(n):
        rows.append(
            {
                **{name: float(x[i, j]) for j, name in enumerate(FEATURES)},
                "cat": str(cat[i]),
                "label": int(logit[i] > 0),
                "klass": ["low", "mid", "high"][int(klass[i])],
                "target": float(target[i]),
            }
        )
    return rows


SCHEMA = [
    *[bigquery.SchemaField(name, "FLOAT64") for name in FEATURES],
    bigquery.SchemaField("cat", "STRING"),
    bigquery.SchemaField("label", "INT64"),
    bigquery.SchemaField("klass", "STRING"),
    bigquery.SchemaField("target", "FLOAT64"),
]


def load(client: bigquery.Client, table: str, rows: list[dict[str, Any]]) -> None:
    config = bigquery.LoadJobConfig(schema=SCHEMA)
    client.load_table_from_json(rows, table, job_config=config).result()


@pytest.fixture
def data(client: bigquery.Client, dataset: str) -> str:
    """``dataset`` with tables ``train`` (600 rows) and ``test`` (400 rows)."""
    load(client, f"{dataset}.train", synthetic(600, 1))
    load(client, f"{dataset}.test", synthetic(400, 2))
    return dataset


def rows(client: bigquery.Client, sql: str) -> pa.Table:
    return client.query(sql).result().to_arrow(create_bqstorage_client=False)


def one(client: bigquery.Client, sql: str) -> dict[str, Any]:
    (row,) = rows(client, sql).to_pylist()
    return row


def sklearn_matrix(train: pa.Table, test: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    """The same features prepared directly with scikit-learn (scaler + one-hot)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    prep = ColumnTransformer(
        [
            ("num", StandardScaler(), FEATURES),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["cat"]),
        ]
    )
    frame_train, frame_test = train.to_pandas(), test.to_pandas()
    return prep.fit_transform(frame_train), prep.transform(frame_test)
