"""Model types: how each trains with scikit-learn and scores rows from its stored arrays.

Scoring never needs the scikit-learn object: a trained model is reduced to numpy arrays (saved as
``.npz``) and these functions apply them, so a stored model can be loaded without unpickling.
Option names and defaults follow https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-create
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bqhouse import errors

Arrays = dict[str, np.ndarray]
Options = dict[str, Any]


@dataclass
class Fitted:
    """What training produced: arrays to store, JSON facts, the number of iterations run."""

    arrays: Arrays
    info: dict[str, Any] = field(default_factory=dict)
    iterations: int = 1


@dataclass(frozen=True)
class ModelType:
    name: str  # as in OPTIONS(model_type=...)
    rest_type: str  # Model.modelType in the REST API
    task: str  # classifier | regressor | clustering | pca
    fit: Callable[[np.ndarray, np.ndarray | None, Options, np.ndarray | None], Fitted]
    score: Callable[[Arrays, np.ndarray], np.ndarray]
    standardize: bool = True
    supervised: bool = True
    transformable: bool = True  # accepts a TRANSFORM clause


def _quiet(train: Callable[[], Any]) -> Any:
    # scikit-learn warns about convergence; BigQuery reports the loss instead of warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return train()


def _float(options: Options, name: str, default: float) -> float:
    value = options.get(name, default)
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise errors.InvalidQuery(f"Invalid value for option {name.upper()}: {value}") from exc


def _int(options: Options, name: str, default: int) -> int:
    return int(_float(options, name, default))


# --- linear models -------------------------------------------------------------------------------


def _class_weight(options: Options, classes: np.ndarray) -> Any:
    if options.get("auto_class_weights"):
        return "balanced"
    pairs = options.get("class_weights")
    if pairs:
        by_text = {str(label): float(weight) for label, weight in pairs}
        return {c: by_text.get(str(c), 1.0) for c in classes.tolist()}
    return None


def _fit_logistic(x: np.ndarray, y: np.ndarray | None, options: Options, _: Any) -> Fitted:
    from sklearn.linear_model import LogisticRegression

    assert y is not None
    # BigQuery minimises sum(log loss) + l1_reg*|w|_1 + l2_reg*|w|^2; scikit-learn minimises
    # C*sum(log loss) + l1_ratio*|w|_1 + (1-l1_ratio)/2*|w|^2: the same optimum for this C, ratio.
    l1, l2 = _float(options, "l1_reg", 0.0), _float(options, "l2_reg", 0.0)
    strength = l1 + 2 * l2
    model = LogisticRegression(
        C=1.0 / strength if strength > 0 else np.inf,
        l1_ratio=l1 / strength if strength > 0 else 0.0,
        solver="saga" if l1 > 0 else "lbfgs",
        max_iter=_int(options, "max_iterations", 100),
        class_weight=_class_weight(options, np.unique(y)),
    )
    _quiet(lambda: model.fit(x, y))
    return Fitted(
        {"coef": model.coef_, "intercept": model.intercept_}, iterations=int(np.max(model.n_iter_))
    )


def _score_logistic(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    logits = x @ arrays["coef"].T + arrays["intercept"]
    if logits.shape[1] == 1:
        positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    logits -= logits.max(axis=1, keepdims=True)
    odds = np.exp(logits)
    return odds / odds.sum(axis=1, keepdims=True)


def _fit_linear(x: np.ndarray, y: np.ndarray | None, options: Options, _: Any) -> Fitted:
    from sklearn.linear_model import ElasticNet, LinearRegression, Ridge

    assert y is not None
    l1, l2 = _float(options, "l1_reg", 0.0), _float(options, "l2_reg", 0.0)
    # BigQuery's objective: sum of squared errors + l1_reg*|w|_1 + l2_reg*|w|^2.
    model: Any
    if l1 > 0:
        alpha = (l1 / 2 + l2) / len(y)
        model = ElasticNet(alpha=alpha, l1_ratio=l1 / (l1 + 2 * l2), max_iter=10_000)
    elif l2 > 0:
        model = Ridge(alpha=l2)
    else:
        model = LinearRegression()
    _quiet(lambda: model.fit(x, y))
    coef = np.atleast_2d(model.coef_)
    return Fitted({"coef": coef, "intercept": np.atleast_1d(model.intercept_)})


def _score_linear(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    return np.asarray(x @ arrays["coef"][0] + arrays["intercept"][0])


# --- k-means -------------------------------------------------------------------------------------

_KMEANS_INIT = {"KMEANS++": "k-means++", "RANDOM": "random"}


def _fit_kmeans(x: np.ndarray, _: np.ndarray | None, options: Options, __: Any) -> Fitted:
    from sklearn.cluster import KMeans

    init = str(options.get("kmeans_init_method", "KMEANS++")).upper()
    if init not in _KMEANS_INIT:
        raise errors.InvalidQuery(f"Unsupported KMEANS_INIT_METHOD: {init}")
    clusters = _int(options, "num_clusters", 4)
    if clusters < 2 or clusters > len(x):
        raise errors.InvalidQuery(
            f"NUM_CLUSTERS must be between 2 and the number of training rows ({len(x)})"
        )
    model = KMeans(
        n_clusters=clusters,
        init=_KMEANS_INIT[init],
        max_iter=_int(options, "max_iterations", 20),
        n_init="auto",
        random_state=0,
    )
    _quiet(lambda: model.fit(x))
    return Fitted({"centroids": model.cluster_centers_}, iterations=int(model.n_iter_))


def _score_kmeans(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    centroids = arrays["centroids"]
    squared = (x**2).sum(1)[:, None] - 2 * x @ centroids.T + (centroids**2).sum(1)[None, :]
    return np.sqrt(np.maximum(squared, 0.0))


# --- PCA -----------------------------------------------------------------------------------------


def _fit_pca(x: np.ndarray, _: np.ndarray | None, options: Options, __: Any) -> Fitted:
    from sklearn.decomposition import PCA

    if "num_principal_components" in options:
        components: Any = _int(options, "num_principal_components", 1)
    else:
        components = _float(options, "pca_explained_variance_ratio", 0.999999)
    model = _quiet(lambda: PCA(n_components=components, random_state=0).fit(x))
    return Fitted(
        {
            "components": model.components_,
            "mean": model.mean_,
            "explained_variance": model.explained_variance_,
            "explained_variance_ratio": model.explained_variance_ratio_,
        }
    )


def _score_pca(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    return np.asarray((x - arrays["mean"]) @ arrays["components"].T)


# --- tree ensembles, flattened to arrays ----------------------------------------------------------


def _flat_forest(estimators: list[Any], outputs: int) -> Arrays:
    """scikit-learn decision trees -> one node table; leaves carry class fractions or values."""
    left, right, feature, threshold, value, roots = [], [], [], [], [], []
    base = 0
    for estimator in estimators:
        tree = estimator.tree_
        roots.append(base)
        leaf = tree.children_left < 0
        left.append(np.where(leaf, -1, tree.children_left + base))
        right.append(np.where(leaf, -1, tree.children_right + base))
        feature.append(np.where(leaf, 0, tree.feature))
        threshold.append(tree.threshold)
        value.append(tree.value.reshape(tree.node_count, -1)[:, :outputs])
        base += tree.node_count
    return {
        "left": np.concatenate(left),
        "right": np.concatenate(right),
        "feature": np.concatenate(feature),
        "threshold": np.concatenate(threshold),
        "value": np.concatenate(value),
        "roots": np.asarray(roots),
        "tree_output": np.zeros(len(roots), dtype=np.int64),
        "base": np.zeros(outputs),
        "mode": np.asarray([0]),  # average of the trees
    }


def _flat_boosted(model: Any, outputs: int) -> Arrays:
    """HistGradientBoosting predictors -> one node table; leaves carry raw (shrunk) scores."""
    left, right, feature, threshold, value, roots, tree_output = [], [], [], [], [], [], []
    base = 0
    for iteration in model._predictors:
        for k, predictor in enumerate(iteration):
            nodes = predictor.nodes
            leaf = nodes["is_leaf"].astype(bool)
            roots.append(base)
            tree_output.append(k)
            left.append(np.where(leaf, -1, nodes["left"].astype(np.int64) + base))
            right.append(np.where(leaf, -1, nodes["right"].astype(np.int64) + base))
            feature.append(np.where(leaf, 0, nodes["feature_idx"]))
            threshold.append(nodes["num_threshold"])
            value.append(nodes["value"][:, None])
            base += len(nodes)
    return {
        "left": np.concatenate(left),
        "right": np.concatenate(right),
        "feature": np.concatenate(feature),
        "threshold": np.concatenate(threshold),
        "value": np.concatenate(value),
        "roots": np.asarray(roots),
        "tree_output": np.asarray(tree_output),
        "base": np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1),
        "mode": np.asarray([1 if outputs == 1 else 2]),  # sum; 1: one output, 2: per class
    }


def _leaves(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    """The leaf each row reaches in each tree, all trees walked together: (rows, trees)."""
    node = np.broadcast_to(arrays["roots"], (len(x), len(arrays["roots"]))).copy()
    left, right = arrays["left"], arrays["right"]
    rows = np.arange(len(x))[:, None]
    while True:
        inner = left[node] >= 0
        if not inner.any():
            return node
        go_left = x[rows, arrays["feature"][node]] <= arrays["threshold"][node]
        node = np.where(inner, np.where(go_left, left[node], right[node]), node)


def _score_trees(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    leaves = _leaves(arrays, x)
    mode = int(arrays["mode"][0])
    if mode == 0:
        return np.asarray(arrays["value"][leaves].mean(axis=1))
    raw = np.tile(arrays["base"], (len(x), 1))
    for k in range(raw.shape[1]):
        trees = arrays["tree_output"] == k
        raw[:, k] += arrays["value"][leaves[:, trees], 0].sum(axis=1)
    return raw


def _score_tree_classifier(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    scores = _score_trees(arrays, x)
    if int(arrays["mode"][0]) == 0:
        return scores / scores.sum(axis=1, keepdims=True)
    if scores.shape[1] == 1:
        positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    scores -= scores.max(axis=1, keepdims=True)
    odds = np.exp(scores)
    return odds / odds.sum(axis=1, keepdims=True)


def _score_tree_regressor(arrays: Arrays, x: np.ndarray) -> np.ndarray:
    scores = _score_trees(arrays, x)
    return np.asarray(scores[:, 0])


def _boosted_params(options: Options) -> dict[str, Any]:
    # Defaults of BOOSTED_TREE_*: max_iterations 20, learn_rate 0.3, max_tree_depth 6, l2_reg 1.0.
    return {
        "max_iter": _int(options, "max_iterations", 20),
        "learning_rate": _float(options, "learn_rate", 0.3),
        "max_depth": _int(options, "max_tree_depth", 6),
        "l2_regularization": _float(options, "l2_reg", 1.0),
        "early_stopping": bool(options.get("early_stop", False)),
        "random_state": 0,
    }


def _fit_boosted_classifier(x: np.ndarray, y: np.ndarray | None, o: Options, _: Any) -> Fitted:
    from sklearn.ensemble import HistGradientBoostingClassifier

    assert y is not None
    weight = _class_weight(o, np.unique(y))
    from sklearn.metrics import log_loss

    model = HistGradientBoostingClassifier(class_weight=weight, **_boosted_params(o))
    _quiet(lambda: model.fit(x, y))
    classes = len(model.classes_)
    labels = list(range(classes))
    losses = [float(log_loss(y, p, labels=labels)) for p in model.staged_predict_proba(x)]
    flat = _flat_boosted(model, 1 if classes == 2 else classes)
    return Fitted(flat, {"losses": losses}, iterations=model.n_iter_)


def _fit_boosted_regressor(x: np.ndarray, y: np.ndarray | None, o: Options, _: Any) -> Fitted:
    from sklearn.ensemble import HistGradientBoostingRegressor

    assert y is not None
    model = HistGradientBoostingRegressor(**_boosted_params(o))
    _quiet(lambda: model.fit(x, y))
    losses = [float(np.mean((y - p) ** 2)) for p in model.staged_predict(x)]
    return Fitted(_flat_boosted(model, 1), {"losses": losses}, iterations=model.n_iter_)


def _forest_params(options: Options) -> dict[str, Any]:
    # Defaults of RANDOM_FOREST_*: num_parallel_tree 100, max_tree_depth 20, subsample 0.8.
    return {
        "n_estimators": _int(options, "num_parallel_tree", 100),
        "max_depth": _int(options, "max_tree_depth", 20),
        "max_samples": _float(options, "subsample", 0.8),
        "random_state": 0,
    }


def _fit_forest_classifier(x: np.ndarray, y: np.ndarray | None, o: Options, _: Any) -> Fitted:
    from sklearn.ensemble import RandomForestClassifier

    assert y is not None
    weight = _class_weight(o, np.unique(y))
    model = RandomForestClassifier(class_weight=weight, **_forest_params(o))
    _quiet(lambda: model.fit(x, y))
    return Fitted(_flat_forest(model.estimators_, len(model.classes_)))


def _fit_forest_regressor(x: np.ndarray, y: np.ndarray | None, o: Options, _: Any) -> Fitted:
    from sklearn.ensemble import RandomForestRegressor

    assert y is not None
    model = RandomForestRegressor(**_forest_params(o))
    _quiet(lambda: model.fit(x, y))
    return Fitted(_flat_forest(model.estimators_, 1))


def _elsewhere(*_: Any) -> Any:
    # ARIMA_PLUS and MATRIX_FACTORIZATION train and score in their own modules.
    raise errors.InternalError("this model type is not trained on a feature matrix")


MODEL_TYPES: dict[str, ModelType] = {
    t.name: t
    for t in (
        ModelType("LINEAR_REG", "LINEAR_REGRESSION", "regressor", _fit_linear, _score_linear),
        ModelType(
            "LOGISTIC_REG", "LOGISTIC_REGRESSION", "classifier", _fit_logistic, _score_logistic
        ),
        ModelType("KMEANS", "KMEANS", "clustering", _fit_kmeans, _score_kmeans, supervised=False),
        ModelType("PCA", "PCA", "pca", _fit_pca, _score_pca, supervised=False),
        ModelType(
            "BOOSTED_TREE_CLASSIFIER",
            "BOOSTED_TREE_CLASSIFIER",
            "classifier",
            _fit_boosted_classifier,
            _score_tree_classifier,
            standardize=False,
        ),
        ModelType(
            "BOOSTED_TREE_REGRESSOR",
            "BOOSTED_TREE_REGRESSOR",
            "regressor",
            _fit_boosted_regressor,
            _score_tree_regressor,
            standardize=False,
        ),
        ModelType(
            "RANDOM_FOREST_CLASSIFIER",
            "RANDOM_FOREST_CLASSIFIER",
            "classifier",
            _fit_forest_classifier,
            _score_tree_classifier,
            standardize=False,
        ),
        ModelType(
            "RANDOM_FOREST_REGRESSOR",
            "RANDOM_FOREST_REGRESSOR",
            "regressor",
            _fit_forest_regressor,
            _score_tree_regressor,
            standardize=False,
        ),
        ModelType(
            "ARIMA_PLUS",
            "ARIMA_PLUS",
            "forecasting",
            _elsewhere,
            _elsewhere,
            supervised=False,
            transformable=False,
        ),
        ModelType(
            "MATRIX_FACTORIZATION",
            "MATRIX_FACTORIZATION",
            "recommendation",
            _elsewhere,
            _elsewhere,
            supervised=False,
            transformable=False,
        ),
    )
}


def model_type(options: Options) -> ModelType:
    """The ModelType named by OPTIONS(model_type=...); invalidQuery for anything else."""
    name = str(options.get("model_type") or "").upper()
    if not name:
        raise errors.InvalidQuery("Missing required option: MODEL_TYPE", location="query")
    if name not in MODEL_TYPES:
        raise errors.InvalidQuery(
            f"Invalid model_type: '{options.get('model_type')}'. Supported model types: "
            + ", ".join(sorted(MODEL_TYPES)),
            location="query",
        )
    return MODEL_TYPES[name]


def now_ms() -> int:
    return int(time.time() * 1000)
