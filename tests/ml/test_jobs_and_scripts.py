"""CREATE MODEL inside scripts, training statistics on the job, and INFORMATION_SCHEMA."""

from __future__ import annotations

import pytest
from google.api_core.exceptions import BadRequest, NotFound
from google.cloud import bigquery

from conftest import one


def test_create_model_inside_a_script(client: bigquery.Client, data: str) -> None:
    job = client.query(
        "DECLARE clusters INT64 DEFAULT 2;\n"
        f"CREATE OR REPLACE MODEL `{data}.km` OPTIONS(model_type='kmeans', num_clusters=2) "
        f"AS SELECT x1, x2 FROM `{data}.train`;\n"
        f"SELECT COUNT(*) AS n, COUNT(DISTINCT CENTROID_ID) AS k "
        f"FROM ML.PREDICT(MODEL `{data}.km`, TABLE `{data}.test`);"
    )
    (row,) = list(job.result())
    assert (row["n"], row["k"]) == (400, 2)
    assert client.get_model(f"{data}.km").model_type == "KMEANS"
    # A script can drop it again, and a failing CREATE MODEL fails the script.
    client.query(f"SELECT 1;\nDROP MODEL `{data}.km`;").result()
    with pytest.raises(NotFound):
        client.get_model(f"{data}.km")
    with pytest.raises(BadRequest, match="model_type"):
        client.query(
            f"SELECT 1;\nCREATE MODEL `{data}.x` OPTIONS(model_type='nope') AS SELECT 1 AS a;"
        ).result()


def test_ml_statistics_on_the_job(client: bigquery.Client, data: str) -> None:
    job = client.query(
        f"CREATE MODEL `{data}.logit` OPTIONS(model_type='logistic_reg', max_iterations=15) "
        f"AS SELECT x1, x2, cat, label FROM `{data}.train`"
    )
    job.result()
    fetched = client.get_job(job.job_id)
    query = fetched._properties["statistics"]["query"]
    assert query["statementType"] == "CREATE_MODEL"
    stats = query["mlStatistics"]
    assert stats["modelType"] == "LOGISTIC_REGRESSION"
    assert stats["trainingType"] == "SINGLE_TRAINING"
    assert stats["maxIterations"] == "15"
    results = stats["iterationResults"]  # lbfgs: one result per iteration
    assert [r["index"] for r in results] == list(range(len(results)))
    assert 1 < len(results) <= 15 and all(r["trainingLoss"] > 0 for r in results)
    info = one(
        client,
        f"SELECT * FROM ML.TRAINING_INFO(MODEL `{data}.logit`) ORDER BY iteration DESC LIMIT 1",
    )
    assert info["loss"] == pytest.approx(results[-1]["trainingLoss"])
    assert info["iteration"] == results[-1]["index"]


def test_no_information_schema_view_for_models(client: bigquery.Client, data: str) -> None:
    """BigQuery has no INFORMATION_SCHEMA view of models ("Getting information about models by
    querying the INFORMATION_SCHEMA views is unsupported"), and models are not tables."""
    client.query(
        f"CREATE MODEL `{data}.m` OPTIONS(model_type='linear_reg', input_label_cols=['target']) "
        f"AS SELECT x1, target FROM `{data}.train`"
    ).result()
    with pytest.raises((BadRequest, NotFound)):
        client.query(f"SELECT * FROM `{data}.INFORMATION_SCHEMA.MODELS`").result()
    tables = client.query(
        f"SELECT table_name FROM `{data}.INFORMATION_SCHEMA.TABLES` ORDER BY table_name"
    ).result()
    assert [r["table_name"] for r in tables] == ["test", "train"]
    assert [m.model_id for m in client.list_models(data)] == ["m"]


def test_boosted_tree_reports_every_iteration(client: bigquery.Client, data: str) -> None:
    job = client.query(
        f"CREATE MODEL `{data}.boost` OPTIONS(model_type='boosted_tree_regressor', "
        "max_iterations=8, input_label_cols=['target'], data_split_method='no_split') "
        f"AS SELECT x1, x2, x3, x4, target FROM `{data}.train`"
    )
    job.result()
    stats = client.get_job(job.job_id)._properties["statistics"]["query"]["mlStatistics"]
    assert stats["modelType"] == "BOOSTED_TREE_REGRESSOR"
    results = stats["iterationResults"]
    assert [r["index"] for r in results] == list(range(8))
    losses = [r["trainingLoss"] for r in results]
    assert all(a > b for a, b in zip(losses, losses[1:], strict=False))  # boosting converges
    info = client.query(
        f"SELECT iteration, loss FROM ML.TRAINING_INFO(MODEL `{data}.boost`) ORDER BY iteration"
    ).result()
    assert [r["loss"] for r in info] == pytest.approx(losses)
