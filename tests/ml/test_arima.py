"""ARIMA_PLUS: statsmodels' fit, BigQuery's output shapes, through the real client."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from google.api_core.exceptions import BadRequest
from google.cloud import bigquery

from conftest import one, rows

START = datetime.date(2024, 1, 1)
N = 90  # days per series


def _series(n: int, seed: int, level: float) -> list[float]:
    """AR(1) noise around a drifting level: the known answer has d=1 or an AR term."""
    rng = np.random.default_rng(seed)
    noise = np.zeros(n)
    for t in range(1, n):
        noise[t] = 0.6 * noise[t - 1] + rng.normal()
    return list(level + 0.5 * np.arange(n) + noise)


@pytest.fixture(scope="module")
def sales(bigquery_client: bigquery.Client) -> Iterator[str]:
    """One dataset and one two-series model for the whole module (training is the slow part)."""
    client = bigquery_client
    created = client.create_dataset(f"test_arima_{uuid.uuid4().hex[:12]}")
    dataset = f"{created.project}.{created.dataset_id}"
    data: list[dict[str, Any]] = []
    for store, seed, level in (("north", 1, 100.0), ("south", 2, 50.0)):
        for t, value in enumerate(_series(N, seed, level)):
            day = START + datetime.timedelta(days=t)
            data.append({"day": day.isoformat(), "store": store, "amount": value})
    schema = [
        bigquery.SchemaField("day", "DATE"),
        bigquery.SchemaField("store", "STRING"),
        bigquery.SchemaField("amount", "FLOAT64"),
    ]
    config = bigquery.LoadJobConfig(schema=schema)
    client.load_table_from_json(data, f"{dataset}.sales", job_config=config).result()
    client.query(
        f"CREATE MODEL `{dataset}.arima` OPTIONS(model_type='ARIMA_PLUS', "
        "time_series_timestamp_col='day', time_series_data_col='amount', "
        "time_series_id_col='store', horizon=30) "
        f"AS SELECT day, store, amount FROM `{dataset}.sales`"
    ).result()
    yield dataset
    client.delete_dataset(created, delete_contents=True, not_found_ok=True)


def test_forecast_matches_statsmodels(client: bigquery.Client, sales: str) -> None:
    from scipy.stats import norm
    from statsmodels.tsa.arima.model import ARIMA

    evaluated = rows(client, f"SELECT * FROM ML.EVALUATE(MODEL `{sales}.arima`)").to_pylist()
    assert [r["store"] for r in evaluated] == ["north", "south"]
    assert list(evaluated[0])[:5] == [
        "store",
        "non_seasonal_p",
        "non_seasonal_d",
        "non_seasonal_q",
        "has_drift",
    ]
    same = rows(client, f"SELECT * FROM ML.ARIMA_EVALUATE(MODEL `{sales}.arima`)").to_pylist()
    assert same == evaluated

    got = rows(
        client,
        f"SELECT * FROM ML.FORECAST(MODEL `{sales}.arima`, "
        "STRUCT(10 AS horizon, 0.9 AS confidence_level)) ORDER BY store, forecast_timestamp",
    )
    assert got.column_names == [
        "store",
        "forecast_timestamp",
        "forecast_value",
        "standard_error",
        "confidence_level",
        "prediction_interval_lower_bound",
        "prediction_interval_upper_bound",
        "confidence_interval_lower_bound",
        "confidence_interval_upper_bound",
    ]
    assert got.num_rows == 20
    north = [r for r in got.to_pylist() if r["store"] == "north"]
    first = datetime.datetime(2024, 3, 31, tzinfo=datetime.UTC)  # the day after the 90th
    assert [r["forecast_timestamp"] for r in north] == [
        first + datetime.timedelta(days=k) for k in range(10)
    ]
    z = norm.ppf(0.95)
    for r in north:
        assert r["prediction_interval_upper_bound"] == pytest.approx(
            r["forecast_value"] + z * r["standard_error"]
        )
        assert r["confidence_level"] == 0.9

    # The same order fitted directly by statsmodels forecasts the same values.
    info = evaluated[0]
    order = (info["non_seasonal_p"], info["non_seasonal_d"], info["non_seasonal_q"])
    trend = "t" if info["has_drift"] else ("c" if order[1] == 0 else "n")
    reference = ARIMA(np.asarray(_series(N, 1, 100.0)), order=order, trend=trend).fit()
    expected = reference.get_forecast(10)
    np.testing.assert_allclose(
        [r["forecast_value"] for r in north], expected.predicted_mean, rtol=1e-6
    )
    np.testing.assert_allclose([r["standard_error"] for r in north], expected.se_mean, rtol=1e-6)
    assert info["AIC"] == pytest.approx(reference.aic)
    assert north[-1]["forecast_value"] > north[0]["forecast_value"]  # the drift goes on

    coefficients = rows(
        client, f"SELECT * FROM ML.ARIMA_COEFFICIENTS(MODEL `{sales}.arima`)"
    ).to_pylist()
    assert len(coefficients[0]["ar_coefficients"]) == order[0]
    assert len(coefficients[0]["ma_coefficients"]) == order[2]

    model = client.get_model(f"{sales}.arima")
    assert model.model_type == "ARIMA_PLUS"
    run = model._properties["trainingRuns"][0]
    infos = run["results"][0]["arimaResult"]["arimaModelInfo"]
    assert [i["timeSeriesId"] for i in infos] == ["north", "south"]


def test_detect_anomalies_and_evaluate_on_new_data(client: bigquery.Client, sales: str) -> None:
    history = rows(
        client, f"SELECT * FROM ML.DETECT_ANOMALIES(MODEL `{sales}.arima`) ORDER BY store, day"
    )
    assert history.column_names[:3] == ["store", "day", "amount"]
    assert history.num_rows == 2 * N
    flagged = sum(bool(v) for v in history["is_anomaly"].to_pylist())
    assert flagged < 2 * N // 10  # a 0.95 interval flags few of the training points

    forecast = one(
        client,
        f"SELECT forecast_value FROM ML.FORECAST(MODEL `{sales}.arima`, STRUCT(1 AS horizon)) "
        "WHERE store = 'north'",
    )["forecast_value"]
    new = (
        "SELECT * FROM UNNEST(["
        f"STRUCT(DATE '2024-03-31' AS day, 'north' AS store, {forecast + 100.0} AS amount), "
        f"STRUCT(DATE '2024-03-31', 'south', 50.0 + 60.0)])"
    )
    found = rows(
        client,
        f"SELECT store, is_anomaly, anomaly_probability FROM ML.DETECT_ANOMALIES("
        f"MODEL `{sales}.arima`, STRUCT(0.99 AS anomaly_prob_threshold), ({new})) ORDER BY store",
    ).to_pylist()
    assert found[0]["is_anomaly"] is True and found[0]["anomaly_probability"] > 0.99

    metrics = rows(
        client, f"SELECT * FROM ML.EVALUATE(MODEL `{sales}.arima`, ({new})) ORDER BY store"
    ).to_pylist()
    assert metrics[0]["mean_absolute_error"] == pytest.approx(100.0)
    assert set(metrics[0]) >= {"root_mean_squared_error", "mean_absolute_percentage_error"}


def test_arima_bad_input(client: bigquery.Client, sales: str) -> None:
    with pytest.raises(BadRequest, match="horizon"):
        client.query(
            f"SELECT * FROM ML.FORECAST(MODEL `{sales}.arima`, STRUCT(31 AS horizon))"
        ).result()
    with pytest.raises(BadRequest, match="confidence_level"):
        client.query(
            f"SELECT * FROM ML.FORECAST(MODEL `{sales}.arima`, STRUCT(1.5 AS confidence_level))"
        ).result()
    with pytest.raises(BadRequest, match="HORIZON"):
        client.query(
            f"CREATE MODEL `{sales}.bad` OPTIONS(model_type='ARIMA_PLUS', "
            "time_series_timestamp_col='day', time_series_data_col='amount', horizon=0) "
            f"AS SELECT day, amount FROM `{sales}.sales` WHERE store = 'north'"
        ).result()
    with pytest.raises(BadRequest, match="TIME_SERIES_DATA_COL"):
        client.query(
            f"CREATE MODEL `{sales}.bad` OPTIONS(model_type='ARIMA_PLUS', "
            f"time_series_timestamp_col='day') AS SELECT day, amount FROM `{sales}.sales`"
        ).result()
    with pytest.raises(BadRequest, match="Duplicate timestamps"):
        client.query(  # two stores without time_series_id_col: one day appears twice
            f"CREATE MODEL `{sales}.bad` OPTIONS(model_type='ARIMA_PLUS', "
            "time_series_timestamp_col='day', time_series_data_col='amount') "
            f"AS SELECT day, amount FROM `{sales}.sales`"
        ).result()
    client.query(
        f"CREATE MODEL `{sales}.linear` OPTIONS(model_type='linear_reg', "
        f"input_label_cols=['amount']) AS SELECT store, amount FROM `{sales}.sales`"
    ).result()
    with pytest.raises(BadRequest, match="ML.FORECAST requires an ARIMA_PLUS"):
        client.query(f"SELECT * FROM ML.FORECAST(MODEL `{sales}.linear`)").result()
    with pytest.raises(BadRequest, match="ML.PREDICT"):
        client.query(
            f"SELECT * FROM ML.PREDICT(MODEL `{sales}.arima`, TABLE `{sales}.sales`)"
        ).result()


def test_fixed_order_without_auto_arima(client: bigquery.Client, sales: str) -> None:
    client.query(
        f"CREATE MODEL `{sales}.fixed` OPTIONS(model_type='ARIMA_PLUS', auto_arima=FALSE, "
        "non_seasonal_order=(1, 1, 0), include_drift=TRUE, time_series_timestamp_col='day', "
        "time_series_data_col='amount', horizon=5) "
        f"AS SELECT day, amount FROM `{sales}.sales` WHERE store = 'south'"
    ).result()
    got = one(client, f"SELECT * FROM ML.ARIMA_EVALUATE(MODEL `{sales}.fixed`)")
    assert (got["non_seasonal_p"], got["non_seasonal_d"], got["non_seasonal_q"]) == (1, 1, 0)
    assert got["has_drift"] is True
    assert "store" not in got  # a single series has no id column
    forecast = rows(client, f"SELECT * FROM ML.FORECAST(MODEL `{sales}.fixed`)")
    assert forecast.num_rows == 3  # the default horizon of ML.FORECAST


def test_weekly_seasonality_is_detected_and_forecast(client: bigquery.Client, sales: str) -> None:
    rng = np.random.default_rng(3)
    weekday = np.array([0, 1, 2, 3, 4, 8, 9])  # a weekend peak
    t = np.arange(84)
    values = 20 + 0.1 * t + 5 * weekday[t % 7] + rng.normal(size=84) * 0.5
    data = [
        {"day": (START + datetime.timedelta(days=int(i))).isoformat(), "visits": float(v)}
        for i, v in zip(t, values, strict=True)
    ]
    schema = [bigquery.SchemaField("day", "DATE"), bigquery.SchemaField("visits", "FLOAT64")]
    config = bigquery.LoadJobConfig(schema=schema)
    client.load_table_from_json(data, f"{sales}.visits", job_config=config).result()
    client.query(
        f"CREATE MODEL `{sales}.weekly` OPTIONS(model_type='ARIMA_PLUS', horizon=14, "
        "time_series_timestamp_col='day', time_series_data_col='visits') "
        f"AS SELECT * FROM `{sales}.visits`"
    ).result()
    got = one(client, f"SELECT * FROM ML.ARIMA_EVALUATE(MODEL `{sales}.weekly`)")
    assert got["seasonal_periods"] == ["WEEKLY"]
    forecast = rows(
        client,
        f"SELECT forecast_value FROM ML.FORECAST(MODEL `{sales}.weekly`, STRUCT(14 AS horizon)) "
        "ORDER BY forecast_timestamp",
    )["forecast_value"].to_numpy()
    expected = 20 + 0.1 * np.arange(84, 98) + 5 * weekday[np.arange(84, 98) % 7]
    assert np.corrcoef(forecast, expected)[0, 1] > 0.95  # the weekly shape goes on
    assert np.max(np.abs(forecast - expected)) < 5.0
