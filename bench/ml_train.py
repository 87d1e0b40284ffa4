"""BigQuery ML training benchmark: CREATE MODEL through bqhouse vs scikit-learn on the same rows.

Usage::

    python bench/ml_train.py [--rows N] [--features F] [--quick] [--json OUT]

In a temporary data directory it writes a table of N rows (1,000,000; ``--quick`` 50,000) with F
FLOAT64 features (20), a STRING category and a binary and a numeric label, then for LOGISTIC_REG
and LINEAR_REG times:

* bqhouse: ``CREATE MODEL ... OPTIONS(data_split_method='NO_SPLIT') AS SELECT * FROM t`` through
  the query runner (the training query, preprocessing, fitting, evaluation and storing);
* the limit: the same Arrow rows read from the lake, standardized / one-hot encoded and fitted
  with the same scikit-learn estimator directly.

The ratio is bqhouse seconds / direct seconds (1.0 = no overhead). No threshold is asserted.

Then, on 1/10 of the rows, the newer pieces (the "limit" column changes meaning per row):

* ``transform``: LOGISTIC_REG with ``TRANSFORM(ML.STANDARD_SCALER(f) OVER() ..., ML.ONE_HOT_ENCODER
  (cat) OVER(), label)`` against the same model without TRANSFORM (the cost of fitting and
  replaying the TRANSFORM through SQL);
* ``arima_plus``: one daily series of 730 points (auto ARIMA search) against statsmodels fitting
  only the order that the search picked;
* ``matrix_factorization``: 2,000 users x 500 items, 5% rated, 8 factors, 10 ALS sweeps, against
  the same sweeps minus the query, storage and evaluation (the ALS itself, in-process).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from typing import Any

import numpy as np
import pyarrow as pa

from bqhouse import schema
from bqhouse.storage.lake import table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow
from bqhouse.warehouse import Warehouse

P, D = "bench", "ml"


def _table(rows: int, features: int) -> pa.Table:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, features))
    weights = rng.normal(size=features)
    cat = rng.choice(np.array(["a", "b", "c", "d"]), size=rows)
    score = x @ weights + (cat == "a") * 1.0
    columns: dict[str, Any] = {f"f{i}": x[:, i] for i in range(features)}
    columns["cat"] = cat
    columns["label"] = (score + rng.logistic(size=rows) > 0).astype(np.int64)
    columns["target"] = score + rng.normal(size=rows) * 0.1
    return pa.table(columns)


def _direct(data: pa.Table, label: str, model_type: str) -> float:
    from sklearn.linear_model import LinearRegression, LogisticRegression
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    started = time.perf_counter()
    numeric = np.column_stack(
        [data.column(n).to_numpy() for n in data.column_names if n.startswith("f")]
    )
    cat = np.asarray(data.column("cat").to_numpy(zero_copy_only=False)).reshape(-1, 1)
    x = np.hstack(
        [StandardScaler().fit_transform(numeric), OneHotEncoder().fit_transform(cat).toarray()]
    )
    y = data.column(label).to_numpy()
    model: Any = (
        LogisticRegression(C=np.inf, max_iter=100)
        if model_type == "logistic_reg"
        else LinearRegression()
    )
    model.fit(x, y)
    return time.perf_counter() - started


def _timed(wh: Warehouse, sql: str) -> float:
    started = time.perf_counter()
    wh.jobs.queries.run(P, {"query": sql, "defaultDataset": {"projectId": P, "datasetId": D}})
    return time.perf_counter() - started


def _row(name: str, rows: int, features: int, ours: float, limit: float) -> dict[str, Any]:
    return {
        "model_type": name,
        "rows": rows,
        "features": features,
        "bqhouse_s": round(ours, 3),
        "sklearn_s": round(limit, 3),
        "ratio": round(ours / limit, 2),
    }


def _extras(wh: Warehouse, rows: int, features: int) -> list[dict[str, Any]]:
    from statsmodels.tsa.arima.model import ARIMA
    from threadpoolctl import threadpool_limits

    from bqhouse.ml import matrix_factorization
    from bqhouse.ml.sqltext import ModelRef

    found = []
    names = [f"f{i}" for i in range(features)]
    source = f"SELECT {', '.join(names)}, cat, label FROM {D}.t LIMIT {rows}"
    plain = _timed(
        wh,
        "CREATE MODEL m_plain OPTIONS(model_type='logistic_reg', data_split_method='NO_SPLIT') "
        f"AS {source}",
    )
    scalers = ", ".join(f"ML.STANDARD_SCALER({n}) OVER() AS {n}_s" for n in names)
    transformed = _timed(
        wh,
        f"CREATE MODEL m_transform TRANSFORM({scalers}, ML.ONE_HOT_ENCODER(cat) OVER() AS c, "
        "label) OPTIONS(model_type='logistic_reg', data_split_method='NO_SPLIT') "
        f"AS {source}",
    )
    found.append(_row("transform", rows, features, transformed, plain))

    rng = np.random.default_rng(1)
    noise = np.zeros(730)
    for t in range(1, 730):
        noise[t] = 0.7 * noise[t - 1] + rng.normal()
    series = pa.table(
        {
            "day": pa.array(np.arange(730) * 86_400_000_000, pa.timestamp("us", tz="UTC")),
            "y": 100 + 0.2 * np.arange(730) + noise,
        }
    )
    write_arrow(
        wh.catalog, WriteRequest(P, D, "ts"), series, schema.fields_from_arrow(series.schema)
    )
    ours = _timed(
        wh,
        "CREATE MODEL m_arima OPTIONS(model_type='ARIMA_PLUS', time_series_timestamp_col='day', "
        f"time_series_data_col='y', horizon=30) AS SELECT * FROM {D}.ts",
    )
    info = wh.jobs.queries.run(
        P, {"query": f"SELECT * FROM ML.ARIMA_EVALUATE(MODEL {D}.m_arima)"}
    ).result.to_pylist()[0]
    order = (info["non_seasonal_p"], info["non_seasonal_d"], info["non_seasonal_q"])
    trend = "t" if info["has_drift"] else ("c" if order[1] == 0 else "n")
    started = time.perf_counter()
    with threadpool_limits(limits=1):  # as CREATE MODEL runs it
        ARIMA(series.column("y").to_numpy(), order=order, trend=trend).fit().get_forecast(30)
    found.append(_row("arima_plus", 730, 1, ours, time.perf_counter() - started))

    users, items = 2_000, 500
    pairs = rng.random((users, items)) < 0.05
    u, i = np.nonzero(pairs)
    ratings = pa.table({"user": u, "item": i, "rating": rng.integers(1, 6, size=len(u)) * 1.0})
    write_arrow(
        wh.catalog, WriteRequest(P, D, "ratings"), ratings, schema.fields_from_arrow(ratings.schema)
    )
    options = "num_factors=8, l2_reg=1.0, max_iterations=10"
    ours = _timed(
        wh,
        f"CREATE MODEL m_mf OPTIONS(model_type='matrix_factorization', {options}) "
        f"AS SELECT * FROM {D}.ratings",
    )
    started = time.perf_counter()
    with threadpool_limits(limits=1):  # as CREATE MODEL runs it
        matrix_factorization.train(
            ModelRef(P, D, "direct"),
            {"num_factors": 8, "l2_reg": 1.0, "max_iterations": 10},
            ratings,
        )
    found.append(_row("matrix_factorization", len(u), 8, ours, time.perf_counter() - started))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="50,000 rows")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()
    rows = 50_000 if args.quick else args.rows
    import sklearn.linear_model  # noqa: F401  (import time is paid once by either side, not timed)
    import sklearn.metrics  # noqa: F401

    data_dir = tempfile.mkdtemp(prefix="bqhouse-ml-bench-")
    results = []
    try:
        wh = Warehouse(data_dir, project=P)
        wh.catalog.create_dataset(P, D, {})
        table = _table(rows, args.features)
        write_arrow(
            wh.catalog, WriteRequest(P, D, "t"), table, schema.fields_from_arrow(table.schema)
        )
        cur = wh.lake.cursor()
        stored = cur.execute(f"SELECT * FROM {table_sql(P, D, 't')}").fetch_arrow_table()
        cur.close()
        features = ", ".join([*(f"f{i}" for i in range(args.features)), "cat"])
        for model_type, label in (("logistic_reg", "label"), ("linear_reg", "target")):
            started = time.perf_counter()
            wh.jobs.queries.run(
                P,
                {
                    "query": f"CREATE MODEL {D}.m_{model_type} OPTIONS(model_type='{model_type}',"
                    f" input_label_cols=['{label}'], data_split_method='NO_SPLIT') AS "
                    f"SELECT {features}, {label} FROM {D}.t"
                },
            )
            ours = time.perf_counter() - started
            direct = _direct(stored.select([*features.split(", "), label]), label, model_type)
            results.append(
                {
                    "model_type": model_type,
                    "rows": rows,
                    "features": args.features,
                    "bqhouse_s": round(ours, 3),
                    "sklearn_s": round(direct, 3),
                    "ratio": round(ours / direct, 2),
                }
            )
        results += _extras(wh, max(rows // 10, 1_000), args.features)
        wh.close()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{'model':<14}{'rows':>10}{'bqhouse s':>12}{'sklearn s':>12}{'ratio':>8}")
    for r in results:
        print(
            f"{r['model_type']:<14}{r['rows']:>10}{r['bqhouse_s']:>12}{r['sklearn_s']:>12}"
            f"{r['ratio']:>8}"
        )
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
