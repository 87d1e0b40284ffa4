"""ML.FORECAST, ML.EVALUATE / ML.ARIMA_EVALUATE, ML.ARIMA_COEFFICIENTS and ML.DETECT_ANOMALIES for
ARIMA_PLUS models, read from what training stored (``bqhouse.ml.arima``).

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-forecast
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse import errors
from bqhouse.ml.arima import _micros
from bqhouse.ml.model import Model

_TIMESTAMP = pa.timestamp("us", tz="UTC")


def _z(confidence: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + confidence / 2))


def _ids(model: Model, count: int, info: dict[str, Any]) -> dict[str, Any]:
    return {c: pa.array([info["ids"][c]] * count) for c in model.meta["arima"]["id_columns"]}


def _series(model: Model) -> list[tuple[int, dict[str, Any]]]:
    return list(enumerate(model.meta["arima"]["series"]))


def forecast(model: Model, options: dict[str, Any]) -> pa.Table:
    arima = model.meta["arima"]
    limit = int(arima["horizon"])
    horizon = options.get("horizon", 3)
    if not isinstance(horizon, int) or isinstance(horizon, bool) or not 1 <= horizon <= limit:
        raise errors.InvalidQuery(
            f"Invalid horizon: {horizon}. It must be in the range [1, {limit}], where {limit} is "
            "the HORIZON the model was trained with.",
            location="query",
        )
    confidence = options.get("confidence_level", 0.95)
    if not isinstance(confidence, (int, float)) or not 0 <= float(confidence) < 1:
        raise errors.InvalidQuery(
            f"Invalid confidence_level: {confidence}. It must be in the range [0, 1).",
            location="query",
        )
    z = _z(float(confidence))
    parts = []
    for k, info in _series(model):
        value = model.arrays[f"s{k}_forecast"][:horizon]
        se = model.arrays[f"s{k}_se"][:horizon]
        when = info["last"] + arima["step"] * np.arange(1, horizon + 1, dtype=np.int64)
        low, high = value - z * se, value + z * se
        parts.append(
            pa.table(
                {
                    **_ids(model, horizon, info),
                    "forecast_timestamp": pa.array(when, _TIMESTAMP),
                    "forecast_value": pa.array(value, pa.float64()),
                    "standard_error": pa.array(se, pa.float64()),
                    "confidence_level": pa.array(np.full(horizon, float(confidence))),
                    "prediction_interval_lower_bound": pa.array(low, pa.float64()),
                    "prediction_interval_upper_bound": pa.array(high, pa.float64()),
                    "confidence_interval_lower_bound": pa.array(low, pa.float64()),
                    "confidence_interval_upper_bound": pa.array(high, pa.float64()),
                }
            )
        )
    return pa.concat_tables(parts)


_ARIMA_EVALUATE_SCHEMA = [
    ("non_seasonal_p", pa.int64()),
    ("non_seasonal_d", pa.int64()),
    ("non_seasonal_q", pa.int64()),
    ("has_drift", pa.bool_()),
    ("log_likelihood", pa.float64()),
    ("AIC", pa.float64()),
    ("variance", pa.float64()),
    ("seasonal_periods", pa.list_(pa.string())),
    ("has_holiday_effect", pa.bool_()),
    ("has_spikes_and_dips", pa.bool_()),
    ("has_step_changes", pa.bool_()),
    ("error_message", pa.string()),
]


def arima_evaluate(model: Model) -> pa.Table:
    """One row per series: the chosen order and its fit (ML.ARIMA_EVALUATE)."""
    rows = []
    for _, info in _series(model):
        p, d, q = info["order"]
        rows.append(
            {
                **info["ids"],
                "non_seasonal_p": p,
                "non_seasonal_d": d,
                "non_seasonal_q": q,
                "has_drift": info["has_drift"],
                "log_likelihood": info["log_likelihood"],
                "AIC": info["aic"],
                "variance": info["variance"],
                "seasonal_periods": info.get("seasonal_periods", ["NO_SEASONALITY"]),
                "has_holiday_effect": False,
                "has_spikes_and_dips": False,
                "has_step_changes": False,
                "error_message": "",
            }
        )
    return _table(model, rows, _ARIMA_EVALUATE_SCHEMA)


def _table(model: Model, rows: list[dict[str, Any]], schema: list[tuple[str, Any]]) -> pa.Table:
    ids = model.meta["arima"]["id_columns"]
    columns: dict[str, Any] = {c: pa.array([r[c] for r in rows]) for c in ids}
    for name, kind in schema:
        columns[name] = pa.array([r[name] for r in rows], kind)
    return pa.table(columns)


def coefficients(model: Model) -> pa.Table:
    rows = [
        {
            **info["ids"],
            "ar_coefficients": info["ar"],
            "ma_coefficients": info["ma"],
            "intercept_or_drift": info["intercept_or_drift"],
        }
        for _, info in _series(model)
    ]
    schema = [
        ("ar_coefficients", pa.list_(pa.float64())),
        ("ma_coefficients", pa.list_(pa.float64())),
        ("intercept_or_drift", pa.float64()),
    ]
    return _table(model, rows, schema)


def _matching(model: Model, data: pa.Table) -> list[tuple[int, dict[str, Any], pa.Table]]:
    """Rows of ``data`` per trained series (by id columns)."""
    arima = model.meta["arima"]
    lower = {n.lower(): n for n in data.column_names}
    for column in [*arima["id_columns"], arima["timestamp_col"], arima["data_col"]]:
        if column.lower() not in lower:
            raise errors.InvalidQuery(
                f"The input data is missing the column {column} of the model", location="query"
            )
    found = []
    for k, info in _series(model):
        rows = data
        for column, value in info["ids"].items():
            rows = rows.filter(pc.equal(rows.column(lower[column.lower()]), value))
        found.append((k, info, rows))
    return found


def _expected(
    model: Model, k: int, info: dict[str, Any], micros: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One-step fitted values (training times) or forecasts (future times) and their std error."""
    step = model.meta["arima"]["step"]
    times = model.arrays[f"s{k}_times"]
    fitted = model.arrays[f"s{k}_fitted"]
    sigma = float(np.sqrt(info["variance"]))
    forecast, se = model.arrays[f"s{k}_forecast"], model.arrays[f"s{k}_se"]
    value = np.full(len(micros), np.nan)
    error = np.full(len(micros), np.nan)
    at = np.searchsorted(times, micros)
    known = (at < len(times)) & (times[np.minimum(at, len(times) - 1)] == micros)
    value[known], error[known] = fitted[at[known]], sigma
    ahead = (micros - info["last"]) / step
    future = (ahead >= 1) & (np.round(ahead) == ahead) & (ahead <= len(forecast))
    index = ahead[future].astype(np.int64) - 1
    value[future], error[future] = forecast[index], se[index]
    return value, error


def evaluate_forecast(model: Model, data: pa.Table) -> pa.Table:
    """ML.EVALUATE with input data: forecast accuracy on the rows' timestamps."""
    arima = model.meta["arima"]
    lower = {n.lower(): n for n in data.column_names}
    rows = []
    for k, info, part in _matching(model, data):
        micros = _micros(part.column(lower[arima["timestamp_col"].lower()]))
        actual = np.asarray(
            pc.cast(part.column(lower[arima["data_col"].lower()]), pa.float64()).to_numpy(
                zero_copy_only=False
            )
        )
        expected, _ = _expected(model, k, info, micros)
        ok = ~np.isnan(expected) & ~np.isnan(actual)
        a, e = actual[ok], expected[ok]
        mse = float(np.mean((a - e) ** 2)) if ok.any() else None
        metric = {
            "mean_absolute_error": float(np.mean(np.abs(a - e))) if ok.any() else None,
            "mean_squared_error": mse,
            "root_mean_squared_error": float(np.sqrt(mse)) if mse is not None else None,
        }
        with np.errstate(divide="ignore", invalid="ignore"):
            mape = float(np.mean(np.abs((a - e) / a)) * 100) if ok.any() else None
            smape = (
                float(np.mean(2 * np.abs(a - e) / (np.abs(a) + np.abs(e))) * 100)
                if ok.any()
                else None
            )
        metric["mean_absolute_percentage_error"] = mape
        metric["symmetric_mean_absolute_percentage_error"] = smape
        rows.append({**info["ids"], **metric})
    schema = [
        (name, pa.float64())
        for name in (
            "mean_absolute_error",
            "mean_squared_error",
            "root_mean_squared_error",
            "mean_absolute_percentage_error",
            "symmetric_mean_absolute_percentage_error",
        )
    ]
    return _table(model, rows, schema)


def detect_anomalies(model: Model, data: pa.Table | None, options: dict[str, Any]) -> pa.Table:
    """Points outside the ``anomaly_prob_threshold`` interval around the model's expectation:
    the one-step fit on training times, the forecast on future ones."""
    threshold = float(options.get("anomaly_prob_threshold", 0.95))
    if not 0 <= threshold < 1:
        raise errors.InvalidQuery(
            "anomaly_prob_threshold must be in the range [0, 1)", location="query"
        )
    from scipy.stats import norm

    arima = model.meta["arima"]
    z = _z(threshold)
    parts = []
    pieces: list[tuple[int, dict[str, Any], np.ndarray, np.ndarray, pa.Table | None]] = []
    if data is None:
        for k, info in _series(model):
            times, values = model.arrays[f"s{k}_times"], model.arrays[f"s{k}_values"]
            pieces.append((k, info, times, values, None))
    else:
        lower = {n.lower(): n for n in data.column_names}
        for k, info, part in _matching(model, data):
            micros = _micros(part.column(lower[arima["timestamp_col"].lower()]))
            values = np.asarray(
                pc.cast(part.column(lower[arima["data_col"].lower()]), pa.float64()).to_numpy(
                    zero_copy_only=False
                )
            )
            pieces.append((k, info, micros, values, part))
    for k, info, micros, values, part in pieces:
        expected, error = _expected(model, k, info, micros)
        with np.errstate(divide="ignore", invalid="ignore"):
            probability = 2 * norm.cdf(np.abs(values - expected) / error) - 1
        known = ~np.isnan(expected)
        columns: dict[str, Any] = {}
        if part is None:
            columns.update(_ids(model, len(micros), info))
            columns[arima["timestamp_col"]] = pa.array(micros, _TIMESTAMP)
            columns[arima["data_col"]] = pa.array(values, pa.float64())
        else:
            lower = {n.lower(): n for n in part.column_names}
            for name in [*arima["id_columns"], arima["timestamp_col"], arima["data_col"]]:
                columns[lower[name.lower()]] = part.column(lower[name.lower()])
        columns["is_anomaly"] = pa.array(
            np.where(known, probability > threshold, False), mask=~known
        )
        columns["lower_bound"] = pa.array(expected - z * error, mask=~known)
        columns["upper_bound"] = pa.array(expected + z * error, mask=~known)
        columns["anomaly_probability"] = pa.array(probability, mask=~known)
        if part is not None:
            for name in part.column_names:
                columns.setdefault(name, part.column(name))
        parts.append(pa.table(columns))
    return pa.concat_tables(parts, promote_options="default")
