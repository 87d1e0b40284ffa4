"""ARIMA_PLUS time-series models, fitted with statsmodels and stored as JSON + arrays.

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-create-time-series
Each series (one per ``time_series_id_col`` value) is put on a regular time grid (gaps linearly
interpolated), its strongest seasonal period removed (``bqhouse.ml.seasonality``), differenced
``d`` times as a KPSS test asks, and auto ARIMA's stepwise search keeps the (p, q, drift) with the
lowest AIC. The forecast for ``horizon`` steps and its standard errors are computed
at training time, as BigQuery does: ML.FORECAST only reads them and draws the intervals.
Simplifications: one seasonal period at most; no holiday, spike or step-change detection (those
columns report FALSE).
"""

from __future__ import annotations

import contextlib
import time
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse import errors
from bqhouse.ml import progress, seasonality
from bqhouse.ml.estimators import Arrays, Options
from bqhouse.ml.sqltext import ModelRef

MAX_HORIZON = 10_000
DEFAULT_HORIZON = 1_000


def _invalid(message: str) -> errors.InvalidQuery:
    return errors.InvalidQuery(message, location="query")


def _column(table: pa.Table, option: str, name: Any) -> str:
    lower = {n.lower(): n for n in table.column_names}
    if not isinstance(name, str) or name.lower() not in lower:
        raise _invalid(
            f"Column {name} specified in option {option.upper()} is not found in the input data"
        )
    return lower[name.lower()]


def _id_columns(table: pa.Table, options: Options) -> list[str]:
    value = options.get("time_series_id_col")
    if value is None:
        return []
    names = value if isinstance(value, list) else [value]
    return [_column(table, "time_series_id_col", n) for n in names]


def horizon_of(options: Options) -> int:
    value = options.get("horizon", DEFAULT_HORIZON)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_HORIZON:
        raise _invalid(f"Invalid value for HORIZON: {value}. It must be in [1, {MAX_HORIZON}].")
    return value


def _micros(column: pa.ChunkedArray) -> np.ndarray:
    dtype = column.type
    if pa.types.is_date(dtype):
        days = pc.cast(pc.cast(column, pa.date32()), pa.int32()).to_numpy(zero_copy_only=False)
        return np.asarray(days, dtype=np.int64) * 86_400_000_000
    if pa.types.is_timestamp(dtype):
        cast = pc.cast(pc.cast(column, pa.timestamp("us", tz=dtype.tz)), pa.int64())
        return np.asarray(cast.to_numpy(zero_copy_only=False), dtype=np.int64)
    raise _invalid(
        f"The time series timestamp column must be TIMESTAMP, DATE or DATETIME, not {dtype}"
    )


@dataclass
class Series:
    ids: dict[str, Any]
    times: np.ndarray  # microseconds, on the regular grid
    values: np.ndarray


def _grid(times: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Put a sorted series on a regular grid of its median step; gaps are interpolated."""
    if len(times) < 2:
        return times, values, 86_400_000_000
    steps = np.diff(times)
    step = int(np.median(steps))
    if step <= 0:
        raise _invalid("Duplicate timestamps found in the time series input data")
    if np.all(steps % step == 0):
        grid = np.arange(times[0], times[-1] + 1, step, dtype=np.int64)
        return grid, np.interp(grid, times, values), step
    return times, values, step  # irregular (months): keep the sequence


def split(table: pa.Table, options: Options) -> tuple[list[Series], list[str], str, str, int]:
    """The training rows as series: (series, id columns, timestamp col, data col, step µs)."""
    if "time_series_timestamp_col" not in options or "time_series_data_col" not in options:
        raise _invalid(
            "ARIMA_PLUS models require the TIME_SERIES_TIMESTAMP_COL and TIME_SERIES_DATA_COL "
            "options"
        )
    ts = _column(table, "time_series_timestamp_col", options["time_series_timestamp_col"])
    data = _column(table, "time_series_data_col", options["time_series_data_col"])
    if not (
        pa.types.is_integer(table.column(data).type)
        or pa.types.is_floating(table.column(data).type)
        or pa.types.is_decimal(table.column(data).type)
    ):
        raise _invalid(f"The time series data column {data} must be numeric")
    ids = _id_columns(table, options)
    table = table.filter(pc.and_(pc.is_valid(table.column(ts)), pc.is_valid(table.column(data))))
    micros = _micros(table.column(ts))
    values = np.asarray(pc.cast(table.column(data), pa.float64()).to_numpy(zero_copy_only=False))
    keys = [tuple(r.values()) for r in table.select(ids).to_pylist()] if ids else [()] * len(micros)
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    series, step = [], 0
    for key in sorted(groups, key=lambda k: tuple(str(v) for v in k)):
        rows = np.asarray(groups[key])
        order = rows[np.argsort(micros[rows], kind="stable")]
        if len(np.unique(micros[order])) != len(order):
            raise _invalid("Duplicate timestamps found in the time series input data")
        grid, filled, step = _grid(micros[order], values[order])
        series.append(Series(dict(zip(ids, key, strict=True)), grid, filled))
    if not series:
        raise _invalid("Input data for CREATE MODEL is empty")
    return series, ids, ts, data, step


# --- fitting -------------------------------------------------------------------------------------


def _differences(y: np.ndarray) -> int:
    from statsmodels.tsa.stattools import kpss

    d, current = 0, y
    while d < 2 and len(current) > 8 and np.std(current) > 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p_value = kpss(current, regression="c", nlags="auto")[1]
        if p_value >= 0.05:
            break
        current, d = np.diff(current), d + 1
    return d


def _fit(y: np.ndarray, order: tuple[int, int, int], drift: bool) -> Any:
    from statsmodels.tsa.arima.model import ARIMA

    progress.checkpoint()  # jobs.cancel stops the search between two fits
    d = order[1]
    trend = ("c" if d == 0 else "t") if drift else "n"
    if d == 2:
        trend = "n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ARIMA(y, order=order, trend=trend).fit()


def fit_series(y: np.ndarray, options: Options) -> tuple[Any, tuple[int, int, int], bool]:
    """The best ARIMA for ``y``: (statsmodels result, (p, d, q), has_drift)."""
    if len(y) < 3:
        raise _invalid("A time series needs at least 3 data points to train an ARIMA_PLUS model")
    if options.get("auto_arima", True) is False:
        order = options.get("non_seasonal_order")
        if not isinstance(order, list) or len(order) != 3:
            raise _invalid("NON_SEASONAL_ORDER (p, d, q) is required when AUTO_ARIMA is FALSE")
        p, d, q = (int(v) for v in order)
        drift = bool(options.get("include_drift", False)) and d == 1
        return _fit(y, (p, d, q), drift or d == 0), (p, d, q), drift
    limit = int(options.get("auto_arima_max_order", 5))
    if not 1 <= limit <= 5:
        raise _invalid(f"AUTO_ARIMA_MAX_ORDER must be in [1, 5], got {limit}")
    d = _differences(y)
    return _stepwise(y, d, limit)


def _stepwise(y: np.ndarray, d: int, limit: int) -> tuple[Any, tuple[int, int, int], bool]:
    """Hyndman-Khandakar's stepwise search (auto.arima): start from (2,2), (0,0), (1,0),
    (0,1), then move p and/or q by one, or toggle the drift, while the AIC improves."""
    fits: dict[tuple[int, int, bool], Any] = {}

    def aic(p: int, q: int, drift: bool) -> float:
        key = (p, q, drift)
        if key not in fits:
            fits[key] = None
            if p + q <= limit and p <= _MAX_PQ and q <= _MAX_PQ and p + q + d < len(y) - 1:
                with contextlib.suppress(ValueError, np.linalg.LinAlgError):
                    fits[key] = _fit(y, (p, d, q), drift)
        result = fits[key]
        return float(result.aic) if result is not None and np.isfinite(result.aic) else np.inf

    drifts = (False, True) if d == 1 else (d == 0,)
    starts = [(p, q, dr) for p, q in ((2, 2), (0, 0), (1, 0), (0, 1)) for dr in drifts]
    best = min(starts, key=lambda k: aic(*k))
    improved = True
    while improved and np.isfinite(aic(*best)):
        improved = False
        p, q, drift = best
        moves = [(p + a, q + b, drift) for a, b in _MOVES] + [(p, q, not drift)] * (d == 1)
        for candidate in moves:
            if min(candidate[:2]) >= 0 and aic(*candidate) < aic(*best):
                best, improved = candidate, True
    if not np.isfinite(aic(*best)):
        raise _invalid("Failed to fit an ARIMA model to the time series")
    p, q, drift = best
    return fits[best], (p, d, q), drift and d == 1


_MOVES = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)]
_MAX_PQ = 5


def _coefficients(result: Any) -> dict[str, Any]:
    names = list(result.model.param_names)
    params = np.asarray(result.params, dtype=np.float64)
    ar = [float(params[i]) for i, n in enumerate(names) if n.startswith("ar.L")]
    ma = [float(params[i]) for i, n in enumerate(names) if n.startswith("ma.L")]
    intercept = [float(params[i]) for i, n in enumerate(names) if n in ("const", "x1", "drift")]
    sigma = [float(params[i]) for i, n in enumerate(names) if n == "sigma2"]
    return {
        "ar": ar,
        "ma": ma,
        "intercept_or_drift": intercept[0] if intercept else 0.0,
        "variance": sigma[0] if sigma else float(np.var(result.resid)),
    }


def train(ref: ModelRef, options: Options, table: pa.Table) -> tuple[dict[str, Any], Arrays]:
    started = time.time()
    if table.num_rows == 0:
        raise _invalid("Input data for CREATE MODEL is empty")
    horizon = horizon_of(options)
    series, ids, ts, data, step = split(table, options)
    infos, arrays = [], {}
    for k, s in enumerate(series):
        name, period, seasonal = seasonality.detect(s.values, step)
        result, order, drift = fit_series(s.values - seasonal, options)
        forecast = result.get_forecast(horizon)
        fitted = np.asarray(result.fittedvalues, dtype=np.float64) + seasonal
        ahead = np.asarray(forecast.predicted_mean, dtype=np.float64)
        infos.append(
            {
                "ids": s.ids,
                "order": list(order),
                "has_drift": drift,
                "log_likelihood": float(result.llf),
                "aic": float(result.aic),
                **_coefficients(result),
                "last": int(s.times[-1]),
                "seasonal_periods": [name] if name else ["NO_SEASONALITY"],
            }
        )
        arrays[f"s{k}_times"] = s.times
        arrays[f"s{k}_values"] = s.values
        arrays[f"s{k}_fitted"] = fitted
        arrays[f"s{k}_forecast"] = ahead + seasonality.extend(seasonal, period, horizon)
        arrays[f"s{k}_se"] = np.asarray(forecast.se_mean, dtype=np.float64)
    duration = int((time.time() - started) * 1000)
    meta: dict[str, Any] = {
        "model_type": "ARIMA_PLUS",
        "label": None,
        "label_type": None,
        "classes": [],
        "options": options,
        "arima": {
            "series": infos,
            "id_columns": ids,
            "timestamp_col": ts,
            "data_col": data,
            "step": step,
            "horizon": horizon,
        },
        "training_info": [
            {
                "training_run": 0,
                "iteration": 0,
                "loss": None,
                "eval_loss": None,
                "learning_rate": None,
                "duration_ms": duration,
            }
        ],
    }
    meta["resource"] = _resource(ref, meta, started, duration, table)
    return meta, arrays


def _model_info(info: dict[str, Any]) -> dict[str, Any]:
    p, d, q = info["order"]
    body: dict[str, Any] = {
        "nonSeasonalOrder": {"p": str(p), "d": str(d), "q": str(q)},
        "arimaCoefficients": {
            "autoRegressiveCoefficients": info["ar"],
            "movingAverageCoefficients": info["ma"],
            "interceptCoefficient": info["intercept_or_drift"],
        },
        "arimaFittingMetrics": {
            "logLikelihood": info["log_likelihood"],
            "aic": info["aic"],
            "variance": info["variance"],
        },
        "hasDrift": info["has_drift"],
        "seasonalPeriods": info["seasonal_periods"],
        "hasHolidayEffect": False,
        "hasSpikesAndDips": False,
        "hasStepChanges": False,
    }
    if info["ids"]:
        values = [str(v) for v in info["ids"].values()]
        body["timeSeriesIds" if len(values) > 1 else "timeSeriesId"] = (
            values if len(values) > 1 else values[0]
        )
    return body


def _resource(
    ref: ModelRef, meta: dict[str, Any], started: float, duration: int, table: pa.Table
) -> dict[str, Any]:
    from bqhouse.ml.preprocess import _bq_type
    from bqhouse.ml.training import _rfc3339, standard_sql_type

    now = str(int(time.time() * 1000))
    arima = meta["arima"]
    infos = [_model_info(i) for i in arima["series"]]
    options = meta["options"]
    training_options = {
        "timeSeriesTimestampColumn": arima["timestamp_col"],
        "timeSeriesDataColumn": arima["data_col"],
        "horizon": str(arima["horizon"]),
        "autoArima": options.get("auto_arima", True) is not False,
    }
    if arima["id_columns"]:
        training_options["timeSeriesIdColumns"] = arima["id_columns"]
    return {
        **ref.resource_head(now, "ARIMA_PLUS"),
        "featureColumns": [
            {"name": c, "type": standard_sql_type(_bq_type(table.column(c).type))}
            for c in [*arima["id_columns"], arima["timestamp_col"]]
        ],
        "labelColumns": [
            {"name": arima["data_col"], "type": {"typeKind": "FLOAT64"}},
        ],
        "trainingRuns": [
            {
                "startTime": _rfc3339(started),
                "trainingOptions": training_options,
                "results": [
                    {
                        "index": 0,
                        "durationMs": str(duration),
                        "arimaResult": {
                            "arimaModelInfo": infos,
                            "seasonalPeriods": sorted(
                                {p for i in arima["series"] for p in i["seasonal_periods"]}
                            ),
                        },
                    }
                ],
                "evaluationMetrics": {
                    "arimaForecastingMetrics": {
                        "arimaSingleModelForecastingMetrics": [
                            {
                                k: v
                                for k, v in i.items()
                                if k
                                in (
                                    "nonSeasonalOrder",
                                    "arimaFittingMetrics",
                                    "hasDrift",
                                    "timeSeriesId",
                                    "timeSeriesIds",
                                    "seasonalPeriods",
                                    "hasHolidayEffect",
                                    "hasSpikesAndDips",
                                    "hasStepChanges",
                                )
                            }
                            for i in infos
                        ]
                    }
                },
            }
        ],
    }
