"""Seasonal period detection for ARIMA_PLUS: STL decomposition at the calendar periods that fit
the data's step, kept when the seasonal strength is high.

https://cloud.google.com/bigquery/docs/arima-plus-model#time_series_modeling_pipeline
BigQuery detects DAILY, WEEKLY, MONTHLY, QUARTERLY and YEARLY seasonality and removes it before
fitting the ARIMA; the forecast adds the seasonal pattern back. bqhouse keeps the single strongest
period whose strength ``1 - var(remainder) / var(seasonal + remainder)`` (Wang, Smith & Hyndman)
exceeds 0.64, and needs at least three full cycles.
"""

from __future__ import annotations

import warnings

import numpy as np

_DAY = 86_400_000_000  # microseconds
PERIODS = [
    ("DAILY", _DAY),
    ("WEEKLY", 7 * _DAY),
    ("MONTHLY", int(30.44 * _DAY)),
    ("QUARTERLY", int(91.31 * _DAY)),
    ("YEARLY", int(365.25 * _DAY)),
]
_STRENGTH = 0.64
_CYCLES = 3


def detect(values: np.ndarray, step: int) -> tuple[str | None, int, np.ndarray]:
    """(period name or None, period in steps, seasonal component of ``values``)."""
    from statsmodels.tsa.seasonal import STL

    best: tuple[float, str, int, np.ndarray] | None = None
    for name, length in PERIODS:
        period = int(round(length / step)) if step > 0 else 0
        if period < 2 or len(values) < _CYCLES * period or np.std(values) == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parts = STL(values, period=period, robust=True).fit()
        remainder, seasonal = np.asarray(parts.resid), np.asarray(parts.seasonal)
        spread = np.var(seasonal + remainder)
        strength = 1 - np.var(remainder) / spread if spread > 0 else 0.0
        if strength > _STRENGTH and (best is None or strength > best[0]):
            best = (float(strength), name, period, seasonal)
    if best is None:
        return None, 0, np.zeros(len(values))
    return best[1], best[2], best[3]


def extend(seasonal: np.ndarray, period: int, horizon: int) -> np.ndarray:
    """The last seasonal cycle repeated over the next ``horizon`` steps."""
    if period == 0:
        return np.zeros(horizon)
    cycle = seasonal[-period:]
    return np.asarray(cycle[np.arange(horizon) % period])
