"""LINEAR_REG and LOGISTIC_REG learn what scikit-learn learns, with BigQuery's output shapes."""

from __future__ import annotations

import numpy as np
import pytest
from google.api_core.exceptions import BadRequest, Conflict, NotFound
from google.cloud import bigquery

from conftest import one, rows, sklearn_matrix

FEATURE_COLUMNS = "x1, x2, x3, x4, cat"


def _train_test(client: bigquery.Client, data: str, label: str) -> tuple:
    train = rows(client, f"SELECT {FEATURE_COLUMNS}, {label} FROM `{data}.train`")
    test = rows(client, f"SELECT {FEATURE_COLUMNS}, {label} FROM `{data}.test`")
    x_train, x_test = sklearn_matrix(train, test)
    return x_train, train[label].to_numpy(), x_test, test[label].to_numpy()


def test_logistic_reg_binary_matches_sklearn(client: bigquery.Client, data: str) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, log_loss, roc_auc_score

    job = client.query(
        f"CREATE MODEL `{data}.logit` OPTIONS(model_type='logistic_reg', "
        f"data_split_method='no_split') AS SELECT {FEATURE_COLUMNS}, label FROM `{data}.train`"
    )
    job.result()
    assert job.statement_type == "CREATE_MODEL"
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.logit`, TABLE `{data}.test`)")
    assert list(got) == ["precision", "recall", "accuracy", "f1_score", "log_loss", "roc_auc"]

    x_train, y_train, x_test, y_test = _train_test(client, data, "label")
    reference = LogisticRegression(C=np.inf, max_iter=1000).fit(x_train, y_train)
    probs = reference.predict_proba(x_test)
    # Tolerance: same optimum up to solver convergence.
    assert got["accuracy"] == pytest.approx(accuracy_score(y_test, probs.argmax(1)), abs=0.01)
    assert got["roc_auc"] == pytest.approx(roc_auc_score(y_test, probs[:, 1]), abs=0.005)
    assert got["log_loss"] == pytest.approx(log_loss(y_test, probs), rel=0.02)
    assert got["accuracy"] > 0.8  # the known answer is learnable

    predicted = rows(
        client, f"SELECT * FROM ML.PREDICT(MODEL `{data}.logit`, (SELECT * FROM `{data}.test`))"
    )
    assert predicted.column_names[:2] == ["predicted_label", "predicted_label_probs"]
    assert predicted.num_rows == 400 and "x1" in predicted.column_names
    probs_field = predicted.schema.field("predicted_label_probs").type
    assert str(probs_field) == "list<item: struct<label: int64, prob: double>>"
    first = predicted.to_pylist()[0]
    assert sum(p["prob"] for p in first["predicted_label_probs"]) == pytest.approx(1.0)
    assert {p["label"] for p in first["predicted_label_probs"]} == {0, 1}

    matrix = rows(
        client, f"SELECT * FROM ML.CONFUSION_MATRIX(MODEL `{data}.logit`, TABLE `{data}.test`)"
    )
    assert matrix.column_names == ["expected_label", "_0", "_1"]
    assert sum(matrix["_0"].to_pylist() + matrix["_1"].to_pylist()) == 400
    roc = rows(client, f"SELECT * FROM ML.ROC_CURVE(MODEL `{data}.logit`)")
    assert roc.column_names == [
        "threshold",
        "recall",
        "false_positive_rate",
        "true_positives",
        "false_positives",
        "true_negatives",
        "false_negatives",
    ]
    weights = rows(client, f"SELECT * FROM ML.WEIGHTS(MODEL `{data}.logit`)").to_pylist()
    assert [w["processed_input"] for w in weights] == [
        *["x1", "x2", "x3", "x4"],
        "cat",
        "__INTERCEPT__",
    ]
    assert weights[0]["weight"] > 0 > weights[1]["weight"]  # the signs of the known answer
    assert {c["category"] for c in weights[4]["category_weights"]} == {"a", "b", "c"}


def test_logistic_reg_multiclass_and_threshold(client: bigquery.Client, data: str) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score

    client.query(
        f"CREATE MODEL `{data}.multi` OPTIONS(model_type='LOGISTIC_REG', "
        f"input_label_cols=['klass'], auto_class_weights=TRUE) AS "
        f"SELECT {FEATURE_COLUMNS}, klass FROM `{data}.train`"
    ).result()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.multi`, TABLE `{data}.test`)")
    x_train, y_train, x_test, y_test = _train_test(client, data, "klass")
    # AUTO_SPLIT holds out 20% of 600 rows; the reference trains on all of them: looser tolerance.
    reference = LogisticRegression(C=np.inf, max_iter=1000, class_weight="balanced")
    expected = accuracy_score(y_test, reference.fit(x_train, y_train).predict(x_test))
    assert got["accuracy"] == pytest.approx(expected, abs=0.05)
    predicted = rows(
        client,
        f"SELECT predicted_klass, predicted_klass_probs FROM ML.PREDICT(MODEL `{data}.multi`, "
        f"TABLE `{data}.test`)",
    )
    assert set(predicted["predicted_klass"].to_pylist()) == {"low", "mid", "high"}
    assert len(predicted.to_pylist()[0]["predicted_klass_probs"]) == 3


def test_linear_reg_matches_sklearn(client: bigquery.Client, data: str) -> None:
    from sklearn.linear_model import LinearRegression, Ridge
    from sklearn.metrics import r2_score

    client.query(
        f"CREATE MODEL `{data}.lin` OPTIONS(model_type='linear_reg', input_label_cols=['target'],"
        f" data_split_method='NO_SPLIT') AS SELECT {FEATURE_COLUMNS}, target FROM `{data}.train`"
    ).result()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.lin`, TABLE `{data}.test`)")
    assert list(got) == [
        "mean_absolute_error",
        "mean_squared_error",
        "mean_squared_log_error",
        "median_absolute_error",
        "r2_score",
        "explained_variance",
    ]
    x_train, y_train, x_test, y_test = _train_test(client, data, "target")
    reference = LinearRegression().fit(x_train, y_train).predict(x_test)
    assert got["r2_score"] == pytest.approx(r2_score(y_test, reference), abs=1e-6)
    assert got["r2_score"] > 0.99

    client.query(
        f"CREATE OR REPLACE MODEL `{data}.lin` OPTIONS(model_type='linear_reg', l2_reg=50,"
        f" input_label_cols=['target'], data_split_method='NO_SPLIT') AS "
        f"SELECT {FEATURE_COLUMNS}, target FROM `{data}.train`"
    ).result()
    ridge = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.lin`, TABLE `{data}.test`)")
    expected = r2_score(y_test, Ridge(alpha=50).fit(x_train, y_train).predict(x_test))
    assert ridge["r2_score"] == pytest.approx(expected, abs=1e-6)

    predicted = rows(
        client, f"SELECT * FROM ML.PREDICT(MODEL `{data}.lin`, (SELECT * FROM `{data}.test`))"
    )
    assert predicted.column_names[0] == "predicted_target"
    assert str(predicted.schema.field("predicted_target").type) == "double"
    info = rows(client, f"SELECT * FROM ML.TRAINING_INFO(MODEL `{data}.lin`)")
    assert info.column_names == [
        "training_run",
        "iteration",
        "loss",
        "eval_loss",
        "learning_rate",
        "duration_ms",
    ]
    features = rows(client, f"SELECT * FROM ML.FEATURE_INFO(MODEL `{data}.lin`) ORDER BY input")
    assert features.column_names == [
        "input",
        "min",
        "max",
        "mean",
        "median",
        "stddev",
        "category_count",
        "null_count",
        "dimension",
    ]
    assert features["input"].to_pylist() == ["cat", "x1", "x2", "x3", "x4"]
    explained = rows(
        client,
        f"SELECT * FROM ML.EXPLAIN_PREDICT(MODEL `{data}.lin`, (SELECT * FROM `{data}.test`), "
        "STRUCT(2 AS top_k_features))",
    ).to_pylist()[0]
    assert len(explained["top_feature_attributions"]) == 2
    assert explained["prediction_value"] == pytest.approx(explained["predicted_target"])


def test_models_resource_and_drop(client: bigquery.Client, data: str) -> None:
    client.query(
        f"CREATE MODEL `{data}.m` OPTIONS(model_type='logistic_reg') AS "
        f"SELECT {FEATURE_COLUMNS}, label FROM `{data}.train`"
    ).result()
    model = client.get_model(f"{data}.m")
    assert model.model_type == "LOGISTIC_REGRESSION"
    assert [f.name for f in model.feature_columns] == ["x1", "x2", "x3", "x4", "cat"]
    assert [f.name for f in model.label_columns] == ["predicted_label"]
    run = model.training_runs[0]
    metrics = run["evaluationMetrics"]["binaryClassificationMetrics"]
    assert metrics["aggregateClassificationMetrics"]["accuracy"] > 0.7
    model.description = "buys or not"
    assert client.update_model(model, ["description"]).description == "buys or not"
    assert [m.model_id for m in client.list_models(data)] == ["m"]

    with pytest.raises(Conflict):
        client.query(
            f"CREATE MODEL `{data}.m` OPTIONS(model_type='logistic_reg') AS "
            f"SELECT x1, label FROM `{data}.train`"
        ).result()
    skipped = client.query(
        f"CREATE MODEL IF NOT EXISTS `{data}.m` OPTIONS(model_type='logistic_reg') AS "
        f"SELECT x1, label FROM `{data}.train`"
    )
    skipped.result()
    client.query(f"DROP MODEL `{data}.m`").result()
    client.query(f"DROP MODEL IF EXISTS `{data}.m`").result()
    assert list(client.list_models(data)) == []
    with pytest.raises(NotFound):
        client.get_model(f"{data}.m")
    with pytest.raises(NotFound):
        client.query(f"SELECT * FROM ML.EVALUATE(MODEL `{data}.m`)").result()
    client.query(
        f"CREATE MODEL `{data}.gone` OPTIONS(model_type='linear_reg', input_label_cols=['x1'])"
        f" AS SELECT x1, x2 FROM `{data}.train`"
    ).result()
    client.delete_model(f"{data}.gone")
    with pytest.raises(NotFound):
        client.delete_model(f"{data}.gone")


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("OPTIONS(model_type='no_such_model') AS SELECT x1, label FROM {t}", "Invalid model_type"),
        ("OPTIONS(model_type='logistic_reg') AS SELECT x1, x2 FROM {t}", "label column"),
        (
            "OPTIONS(model_type='linear_reg', input_label_cols=['nope']) AS SELECT x1 FROM {t}",
            "nope",
        ),
        ("AS SELECT x1, label FROM {t}", "MODEL_TYPE"),
        ("OPTIONS(model_type='logistic_reg') SELECT x1, label FROM {t}", "Syntax error"),
    ],
    ids=["unknown-model-type", "missing-label", "missing-input-label", "no-options", "no-as"],
)
def test_bad_input_is_invalid_query(
    client: bigquery.Client, data: str, statement: str, message: str
) -> None:
    sql = f"CREATE MODEL `{data}.bad` " + statement.format(t=f"`{data}.train`")
    with pytest.raises(BadRequest) as caught:
        client.query(sql).result()
    assert caught.value.errors[0]["reason"] == "invalidQuery"
    assert message in caught.value.message
