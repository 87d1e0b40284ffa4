"""KMEANS, PCA and the tree ensembles learn what scikit-learn learns on the same rows."""

from __future__ import annotations

import numpy as np
import pytest
from google.cloud import bigquery

from conftest import FEATURES, one, rows, sklearn_matrix

FEATURE_COLUMNS = "x1, x2, x3, x4, cat"


def _xy(client: bigquery.Client, data: str, label: str) -> tuple:
    train = rows(client, f"SELECT {FEATURE_COLUMNS}, {label} FROM `{data}.train`")
    test = rows(client, f"SELECT {FEATURE_COLUMNS}, {label} FROM `{data}.test`")
    x_train, x_test = sklearn_matrix(train, test)
    return x_train, train[label].to_numpy(), x_test, test[label].to_numpy()


@pytest.mark.parametrize(
    ("model_type", "reference"),
    [
        ("boosted_tree_classifier", "HistGradientBoostingClassifier"),
        ("random_forest_classifier", "RandomForestClassifier"),
    ],
)
def test_tree_classifiers(
    client: bigquery.Client, data: str, model_type: str, reference: str
) -> None:
    from sklearn import ensemble
    from sklearn.metrics import accuracy_score

    client.query(
        f"CREATE MODEL `{data}.tree` OPTIONS(model_type='{model_type}', max_iterations=30, "
        f"num_parallel_tree=30, data_split_method='NO_SPLIT') AS "
        f"SELECT {FEATURE_COLUMNS}, label FROM `{data}.train`"
    ).result()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.tree`, TABLE `{data}.test`)")
    assert list(got) == ["precision", "recall", "accuracy", "f1_score", "log_loss", "roc_auc"]
    x_train, y_train, x_test, y_test = _xy(client, data, "label")
    options = (
        {
            "max_iter": 30,
            "learning_rate": 0.3,
            "max_depth": 6,
            "l2_regularization": 1.0,
            "early_stopping": False,
        }
        if reference.startswith("Hist")
        else {"n_estimators": 30, "max_depth": 20, "max_samples": 0.8}
    )
    model = getattr(ensemble, reference)(random_state=0, **options).fit(x_train, y_train)
    # Tolerance 0.03: trees split one-hot and standardized columns alike, but ties may differ.
    assert got["accuracy"] == pytest.approx(accuracy_score(y_test, model.predict(x_test)), abs=0.03)
    assert got["accuracy"] > 0.75
    predicted = rows(client, f"SELECT * FROM ML.PREDICT(MODEL `{data}.tree`, TABLE `{data}.test`)")
    assert predicted.column_names[:2] == ["predicted_label", "predicted_label_probs"]


@pytest.mark.parametrize(
    ("model_type", "reference"),
    [
        ("boosted_tree_regressor", "HistGradientBoostingRegressor"),
        ("random_forest_regressor", "RandomForestRegressor"),
    ],
)
def test_tree_regressors(
    client: bigquery.Client, data: str, model_type: str, reference: str
) -> None:
    from sklearn import ensemble
    from sklearn.metrics import r2_score

    client.query(
        f"CREATE MODEL `{data}.tree` OPTIONS(model_type='{model_type}', max_iterations=30, "
        f"num_parallel_tree=30, input_label_cols=['target'], data_split_method='NO_SPLIT') AS "
        f"SELECT {FEATURE_COLUMNS}, target FROM `{data}.train`"
    ).result()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.tree`, TABLE `{data}.test`)")
    assert "r2_score" in got and "mean_absolute_error" in got
    x_train, y_train, x_test, y_test = _xy(client, data, "target")
    options = (
        {
            "max_iter": 30,
            "learning_rate": 0.3,
            "max_depth": 6,
            "l2_regularization": 1.0,
            "early_stopping": False,
        }
        if reference.startswith("Hist")
        else {"n_estimators": 30, "max_depth": 20, "max_samples": 0.8}
    )
    model = getattr(ensemble, reference)(random_state=0, **options).fit(x_train, y_train)
    assert got["r2_score"] == pytest.approx(r2_score(y_test, model.predict(x_test)), abs=0.02)
    assert got["r2_score"] > 0.8


def test_kmeans(client: bigquery.Client, data: str) -> None:
    from sklearn.cluster import KMeans

    client.query(
        f"CREATE MODEL `{data}.km` OPTIONS(model_type='kmeans', num_clusters=3) AS "
        f"SELECT {FEATURE_COLUMNS} FROM `{data}.train`"
    ).result()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.km`, TABLE `{data}.train`)")
    assert list(got) == ["davies_bouldin_index", "mean_squared_distance"]
    train = rows(client, f"SELECT {FEATURE_COLUMNS} FROM `{data}.train`")
    x, _ = sklearn_matrix(train, train)
    reference = KMeans(n_clusters=3, random_state=0, n_init="auto", max_iter=20).fit(x)
    # Tolerance 10%: k-means finds a local optimum that depends on its seeding.
    assert got["mean_squared_distance"] == pytest.approx(reference.inertia_ / len(x), rel=0.1)

    predicted = rows(client, f"SELECT * FROM ML.PREDICT(MODEL `{data}.km`, TABLE `{data}.test`)")
    assert predicted.column_names[:2] == ["CENTROID_ID", "NEAREST_CENTROIDS_DISTANCE"]
    assert set(predicted["CENTROID_ID"].to_pylist()) == {1, 2, 3}
    assert str(predicted.schema.field("NEAREST_CENTROIDS_DISTANCE").type) == (
        "list<item: struct<CENTROID_ID: int64, DISTANCE: double>>"
    )
    centroids = rows(client, f"SELECT * FROM ML.CENTROIDS(MODEL `{data}.km`)")
    assert centroids.column_names == [
        "centroid_id",
        "feature",
        "numerical_value",
        "categorical_value",
    ]
    assert centroids.num_rows == 3 * 5
    anomalies = rows(
        client,
        f"SELECT * FROM ML.DETECT_ANOMALIES(MODEL `{data}.km`, STRUCT(0.05 AS contamination), "
        f"TABLE `{data}.train`)",
    )
    assert anomalies.column_names[:3] == ["is_anomaly", "normalized_distance", "CENTROID_ID"]
    share = np.mean(anomalies["is_anomaly"].to_numpy(zero_copy_only=False))
    assert share == pytest.approx(0.05, abs=0.02)  # contamination is the training anomaly share
    model = client.get_model(f"{data}.km")
    assert model.model_type == "KMEANS" and not model.label_columns


def test_pca(client: bigquery.Client, data: str) -> None:
    from sklearn.decomposition import PCA

    client.query(
        f"CREATE MODEL `{data}.pca` OPTIONS(model_type='pca', num_principal_components=2) AS "
        f"SELECT {', '.join(FEATURES)} FROM `{data}.train`"
    ).result()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.pca`)")
    train = rows(client, f"SELECT {', '.join(FEATURES)} FROM `{data}.train`").to_pandas()
    standardized = (train - train.mean()) / train.std(ddof=0)
    expected = PCA(n_components=2).fit(standardized).explained_variance_ratio_.sum()
    assert got["total_explained_variance_ratio"] == pytest.approx(expected, abs=1e-9)
    predicted = rows(client, f"SELECT * FROM ML.PREDICT(MODEL `{data}.pca`, TABLE `{data}.test`)")
    assert predicted.column_names[:2] == ["principal_component_1", "principal_component_2"]
