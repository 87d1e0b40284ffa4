"""MATRIX_FACTORIZATION (explicit feedback) and ML.RECOMMEND through the real client."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from google.api_core.exceptions import BadRequest
from google.cloud import bigquery

from conftest import one, rows


def _ratings(seed: int) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Rank-2 preferences of 30 users for 20 movies; 60% of the pairs are rated."""
    rng = np.random.default_rng(seed)
    users, movies = rng.normal(size=(30, 2)), rng.normal(size=(20, 2))
    truth = 3.0 + users @ movies.T
    rated = rng.random(truth.shape) < 0.6
    data = [
        {"user_id": int(u), "movie": f"m{i:02d}", "rating": float(truth[u, i])}
        for u, i in zip(*np.nonzero(rated), strict=True)
    ]
    return data, truth


@pytest.fixture
def ratings(client: bigquery.Client, dataset: str) -> tuple[str, np.ndarray]:
    data, truth = _ratings(0)
    schema = [
        bigquery.SchemaField("user_id", "INT64"),
        bigquery.SchemaField("movie", "STRING"),
        bigquery.SchemaField("rating", "FLOAT64"),
    ]
    config = bigquery.LoadJobConfig(schema=schema)
    client.load_table_from_json(data, f"{dataset}.ratings", job_config=config).result()
    return dataset, truth


def test_matrix_factorization_recovers_ratings(
    client: bigquery.Client, ratings: tuple[str, np.ndarray]
) -> None:
    data, truth = ratings
    job = client.query(
        f"CREATE MODEL `{data}.mf` OPTIONS(model_type='matrix_factorization', "
        "user_col='user_id', item_col='movie', rating_col='rating', num_factors=2, "
        f"l2_reg=0.1, max_iterations=30) AS SELECT * FROM `{data}.ratings`"
    )
    job.result()
    # Training progress: one iterationResult per ALS sweep, the loss going down.
    stats = client.get_job(job.job_id)._properties["statistics"]["query"]["mlStatistics"]
    assert stats["modelType"] == "MATRIX_FACTORIZATION"
    assert stats["trainingType"] == "SINGLE_TRAINING"
    losses = [r["trainingLoss"] for r in stats["iterationResults"]]
    assert len(losses) > 2 and losses[-1] < losses[0]
    info = rows(client, f"SELECT * FROM ML.TRAINING_INFO(MODEL `{data}.mf`)")
    assert info["loss"].to_pylist() == losses

    everything = rows(client, f"SELECT * FROM ML.RECOMMEND(MODEL `{data}.mf`)")
    assert everything.column_names == ["predicted_rating", "user_id", "movie"]
    assert everything.num_rows == 30 * 20
    got = np.zeros_like(truth)
    for r in everything.to_pylist():
        got[r["user_id"], int(r["movie"][1:])] = r["predicted_rating"]
    # Unrated pairs too: the rank-2 structure generalises (tolerance for l2_reg shrinkage).
    assert np.corrcoef(got.ravel(), truth.ravel())[0, 1] > 0.95

    for_user = rows(client, f"SELECT * FROM ML.RECOMMEND(MODEL `{data}.mf`, (SELECT 3 AS user_id))")
    assert for_user.num_rows == 20 and set(for_user["user_id"].to_pylist()) == {3}
    pairs = rows(
        client,
        f"SELECT * FROM ML.RECOMMEND(MODEL `{data}.mf`, "
        "(SELECT 3 AS user_id, 'm05' AS movie, 'x' AS note))",
    ).to_pylist()
    assert pairs[0]["note"] == "x" and pairs[0]["predicted_rating"] == pytest.approx(got[3, 5])

    evaluated = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.mf`)")
    assert evaluated["r2_score"] > 0.9
    on_input = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.mf`, TABLE `{data}.ratings`)")
    assert on_input["mean_squared_error"] == pytest.approx(evaluated["mean_squared_error"])
    model = client.get_model(f"{data}.mf")
    assert model.model_type == "MATRIX_FACTORIZATION"
    assert [c.name for c in model.feature_columns] == ["user_id", "movie"]


def test_matrix_factorization_bad_input(
    client: bigquery.Client, ratings: tuple[str, np.ndarray]
) -> None:
    data, _ = ratings
    with pytest.raises(BadRequest, match="USER_COL"):
        client.query(
            f"CREATE MODEL `{data}.bad` OPTIONS(model_type='matrix_factorization', "
            f"item_col='movie') AS SELECT * FROM `{data}.ratings`"
        ).result()
    with pytest.raises(BadRequest, match="NUM_FACTORS"):
        client.query(
            f"CREATE MODEL `{data}.bad` OPTIONS(model_type='matrix_factorization', "
            "user_col='user_id', item_col='movie', num_factors=0) "
            f"AS SELECT * FROM `{data}.ratings`"
        ).result()
    client.query(
        f"CREATE MODEL `{data}.mf` OPTIONS(model_type='matrix_factorization', "
        "user_col='user_id', item_col='movie', max_iterations=2) "
        f"AS SELECT * FROM `{data}.ratings`"
    ).result()
    with pytest.raises(BadRequest, match="ML.PREDICT"):
        client.query(
            f"SELECT * FROM ML.PREDICT(MODEL `{data}.mf`, TABLE `{data}.ratings`)"
        ).result()
    with pytest.raises(BadRequest, match="only one of them"):
        client.query(
            f"SELECT * FROM ML.RECOMMEND(MODEL `{data}.mf`, (SELECT 1 AS a, 2 AS b))"
        ).result()
