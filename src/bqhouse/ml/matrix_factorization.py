"""MATRIX_FACTORIZATION (explicit feedback) trained by alternating least squares, and ML.RECOMMEND.

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-create-matrix-factorization
A rating is modelled as ``mean + user_bias + item_bias + user_factors · item_factors`` and fitted
by minimising the squared error plus ``l2_reg`` times the squared norms (factors and biases),
alternating exact ridge solves for users and items. The vocabularies, factors and biases are
stored as arrays; every iteration's loss is kept for ML.TRAINING_INFO and the job's mlStatistics.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqhouse import errors
from bqhouse.ml import metrics, progress
from bqhouse.ml.estimators import Arrays, Options
from bqhouse.ml.sqltext import ModelRef


def _invalid(message: str) -> errors.InvalidQuery:
    return errors.InvalidQuery(message, location="query")


def _column(table: pa.Table, option: str, default: str, options: Options) -> str:
    name = str(options.get(option, default))
    lower = {n.lower(): n for n in table.column_names}
    if name.lower() not in lower:
        raise _invalid(
            f"Column {name} for option {option.upper()} is not found in the input data; "
            f"name it in OPTIONS({option}='...')."
        )
    return lower[name.lower()]


def _index(values: pa.ChunkedArray, vocabulary: pa.Array) -> np.ndarray:
    found = pc.index_in(pc.cast(values, vocabulary.type), value_set=vocabulary)
    return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _solve(
    rows: np.ndarray,
    cols: np.ndarray,
    target: np.ndarray,
    other: np.ndarray,
    count: int,
    l2: float,
) -> np.ndarray:
    """Ridge solution ``[factors, bias]`` for each of ``count`` entities given the other side."""
    k = other.shape[1]
    design = np.column_stack([other[cols], np.ones(len(cols))])
    out = np.zeros((count, k + 1))
    order = np.argsort(rows, kind="stable")
    bounds = np.searchsorted(rows[order], np.arange(count + 1))
    eye = l2 * np.eye(k + 1)
    for entity in range(count):
        picked = order[bounds[entity] : bounds[entity + 1]]
        if len(picked) == 0:
            continue
        x, y = design[picked], target[picked]
        out[entity] = np.linalg.solve(x.T @ x + eye, x.T @ y)
    return out


def train(ref: ModelRef, options: Options, table: pa.Table) -> tuple[dict[str, Any], Arrays]:
    started = time.time()
    feedback = str(options.get("feedback_type", "EXPLICIT")).upper()
    if feedback != "EXPLICIT":
        raise _invalid(f"FEEDBACK_TYPE {feedback} is not supported by bqhouse (EXPLICIT only)")
    user = _column(table, "user_col", "user", options)
    item = _column(table, "item_col", "item", options)
    rating = _column(table, "rating_col", "rating", options)
    table = table.filter(
        pc.and_(
            pc.and_(pc.is_valid(table.column(user)), pc.is_valid(table.column(item))),
            pc.is_valid(table.column(rating)),
        )
    )
    if table.num_rows == 0:
        raise _invalid("Input data for CREATE MODEL is empty")
    if not (
        pa.types.is_integer(table.column(rating).type)
        or pa.types.is_floating(table.column(rating).type)
    ):
        raise _invalid(f"The rating column {rating} must be numeric for explicit feedback")
    users_vocab = pc.unique(table.column(user)).sort()
    items_vocab = pc.unique(table.column(item)).sort()
    u = _index(table.column(user), users_vocab)
    i = _index(table.column(item), items_vocab)
    r = np.asarray(pc.cast(table.column(rating), pa.float64()).to_numpy(zero_copy_only=False))
    default_factors = max(2, int(np.log2(max(len(r), 2))))
    factors = int(options.get("num_factors", default_factors))
    if not 1 <= factors <= 200:
        raise _invalid(f"NUM_FACTORS must be in [1, 200], got {factors}")
    l2 = float(options.get("l2_reg", 1.0))
    if l2 < 0:
        raise _invalid(f"L2_REG must not be negative, got {l2}")
    iterations = int(options.get("max_iterations", 20))
    rng = np.random.default_rng(0)
    mean = float(r.mean())
    n_users, n_items = len(users_vocab), len(items_vocab)
    p = rng.normal(scale=0.1, size=(n_users, factors))
    q = rng.normal(scale=0.1, size=(n_items, factors))
    bu, bi = np.zeros(n_users), np.zeros(n_items)
    history: list[dict[str, Any]] = []
    previous = np.inf
    for step in range(iterations):
        tick = time.time()
        solved = _solve(u, i, r - mean - bi[i], q, n_users, l2)
        p, bu = solved[:, :factors], solved[:, factors]
        solved = _solve(i, u, r - mean - bu[u], p, n_items, l2)
        q, bi = solved[:, :factors], solved[:, factors]
        predicted = mean + bu[u] + bi[i] + np.einsum("nk,nk->n", p[u], q[i])
        loss = float(np.mean((r - predicted) ** 2))
        history.append(
            {
                "training_run": 0,
                "iteration": step,
                "loss": loss,
                "eval_loss": None,
                "learning_rate": None,
                "duration_ms": int((time.time() - tick) * 1000),
            }
        )
        progress.iteration(loss)  # live mlStatistics; stops here if the job was cancelled
        if step and abs(previous - loss) < 1e-6 * max(loss, 1e-12):
            break
        previous = loss
    evaluation = metrics.regression(r, predicted)
    meta: dict[str, Any] = {
        "model_type": "MATRIX_FACTORIZATION",
        "label": rating,
        "label_type": "FLOAT64",
        "classes": [],
        "options": options,
        "mf": {"user": user, "item": item, "rating": rating, "mean": mean, "factors": factors},
        "evaluation": evaluation,
        "training_info": history,
    }
    arrays: Arrays = {
        "users": np.asarray(users_vocab.to_pylist(), dtype=_dtype(users_vocab)),
        "items": np.asarray(items_vocab.to_pylist(), dtype=_dtype(items_vocab)),
        "user_factors": p,
        "item_factors": q,
        "user_bias": bu,
        "item_bias": bi,
    }
    meta["resource"] = _resource(ref, meta, started, table)
    return meta, arrays


def _dtype(vocabulary: pa.Array) -> Any:
    return np.int64 if pa.types.is_integer(vocabulary.type) else np.str_


def _vocabulary(array: np.ndarray) -> pa.Array:
    return pa.array(array.tolist(), pa.int64() if array.dtype.kind == "i" else pa.string())


def predict_pairs(meta: dict[str, Any], arrays: Arrays, users: Any, items: Any) -> np.ndarray:
    """Ratings for (user, item) pairs; an unseen user or item contributes no factors or bias."""
    u = _index(users, _vocabulary(arrays["users"]))
    i = _index(items, _vocabulary(arrays["items"]))
    known_u, known_i = u >= 0, i >= 0
    p = np.where(known_u[:, None], arrays["user_factors"][np.maximum(u, 0)], 0.0)
    q = np.where(known_i[:, None], arrays["item_factors"][np.maximum(i, 0)], 0.0)
    bu = np.where(known_u, arrays["user_bias"][np.maximum(u, 0)], 0.0)
    bi = np.where(known_i, arrays["item_bias"][np.maximum(i, 0)], 0.0)
    return np.asarray(meta["mf"]["mean"] + bu + bi + np.einsum("nk,nk->n", p, q))


def recommend(meta: dict[str, Any], arrays: Arrays, data: pa.Table | None) -> pa.Table:
    """ML.RECOMMEND: every user x item without input; every item for the given users (or every
    user for the given items) with a one-column input; the given pairs otherwise."""
    mf = meta["mf"]
    user, item, rating = mf["user"], mf["item"], mf["rating"]
    users, items = _vocabulary(arrays["users"]), _vocabulary(arrays["items"])
    passthrough: pa.Table | None = None
    if data is None:
        left, right = users, items
    else:
        lower = {n.lower(): n for n in data.column_names}
        has_user, has_item = user.lower() in lower, item.lower() in lower
        if has_user and has_item:
            passthrough = data
            u_col, i_col = data.column(lower[user.lower()]), data.column(lower[item.lower()])
        elif (has_user or has_item) and data.num_columns == 1:
            given = data.column(0).combine_chunks()
            left, right = (given, items) if has_user else (users, given)
        else:
            raise _invalid(
                f"The input of ML.RECOMMEND must have the columns {user} and {item}, "
                "or only one of them"
            )
    if passthrough is None:
        u_col = pc.take(left, np.repeat(np.arange(len(left)), len(right)))
        i_col = pc.take(right, np.tile(np.arange(len(right)), len(left)))
    values = predict_pairs(meta, arrays, u_col, i_col)
    columns: dict[str, Any] = {
        f"predicted_{rating}": pa.array(values, pa.float64()),
        user: u_col,
        item: i_col,
    }
    if passthrough is not None:
        for name in passthrough.column_names:
            columns.setdefault(name, passthrough.column(name))
    return pa.table(columns)


def evaluate(meta: dict[str, Any], arrays: Arrays, data: pa.Table | None) -> dict[str, float]:
    if data is None:
        return dict(meta["evaluation"])
    mf = meta["mf"]
    lower = {n.lower(): n for n in data.column_names}
    for column in (mf["user"], mf["item"], mf["rating"]):
        if column.lower() not in lower:
            raise _invalid(f"The input data to the model is missing the column {column}")
    data = data.filter(pc.is_valid(data.column(lower[mf["rating"].lower()])))
    truth = np.asarray(
        pc.cast(data.column(lower[mf["rating"].lower()]), pa.float64()).to_numpy(
            zero_copy_only=False
        )
    )
    predicted = predict_pairs(
        meta,
        arrays,
        data.column(lower[mf["user"].lower()]),
        data.column(lower[mf["item"].lower()]),
    )
    return metrics.regression(truth, predicted)


def _resource(
    ref: ModelRef, meta: dict[str, Any], started: float, table: pa.Table
) -> dict[str, Any]:
    from bqhouse.ml.preprocess import _bq_type
    from bqhouse.ml.training import _rfc3339, evaluation_metrics, standard_sql_type

    now = str(int(time.time() * 1000))
    mf = meta["mf"]
    options = meta["options"]
    results = [
        {"index": h["iteration"], "durationMs": str(h["duration_ms"]), "trainingLoss": h["loss"]}
        for h in meta["training_info"]
    ]
    return {
        **ref.resource_head(now, "MATRIX_FACTORIZATION"),
        "featureColumns": [
            {"name": c, "type": standard_sql_type(_bq_type(table.column(c).type))}
            for c in (mf["user"], mf["item"])
        ],
        "labelColumns": [{"name": f"predicted_{mf['rating']}", "type": {"typeKind": "FLOAT64"}}],
        "trainingRuns": [
            {
                "startTime": _rfc3339(started),
                "trainingOptions": {
                    "feedbackType": "EXPLICIT",
                    "userColumn": mf["user"],
                    "itemColumn": mf["item"],
                    "numFactors": str(mf["factors"]),
                    "l2Regularization": float(options.get("l2_reg", 1.0)),
                    "maxIterations": str(options.get("max_iterations", 20)),
                },
                "results": results,
                "evaluationMetrics": evaluation_metrics("regressor", 0, meta["evaluation"]),
            }
        ],
    }
