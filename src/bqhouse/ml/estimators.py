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
from functools import partial
from typing import Any

import numpy as np

from bqhouse import errors
from bqhouse.ml import progress

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
    steps = _LbfgsSteps(x, y)
    if l1 == 0:  # lbfgs: scikit-learn's callbacks see every iteration (saga runs in one go)
        model.set_callbacks(steps)
    _quiet(lambda: model.fit(x, y))
    iterations = int(np.max(model.n_iter_))
    return Fitted(
        {"coef": model.coef_, "intercept": model.intercept_},
        {"losses": steps.losses} if len(steps.losses) == iterations else {},
        iterations=iterations,
    )


class _LbfgsSteps:
    """A scikit-learn fit callback: each lbfgs iteration's training log loss, published live
    (``bqhouse.ml.progress``, which also stops the fit there when the job was cancelled)."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        self.x, self.y = x, y
        self.labels = np.unique(y)
        self.losses: list[float] = []

    def setup(self, estimator: Any, context: Any) -> None:
        self.losses = []

    def teardown(self, estimator: Any, context: Any) -> None:
        pass

    def on_fit_task_begin(self, estimator: Any, context: Any) -> None:
        pass

    def on_fit_task_end(
        self, estimator: Any, context: Any, *, fitted_estimator: Any = None
    ) -> bool:
        if context.task_name != "lbfgs-iter" or fitted_estimator is None:
            return False  # the whole fit, or the iteration lbfgs never ran
        from sklearn.metrics import log_loss

        probabilities = fitted_estimator.predict_proba(self.x)
        self.losses.append(float(log_loss(self.y, probabilities, labels=self.labels)))
        progress.iteration(self.losses[-1])
        return False


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
    iterations = _int(options, "max_iterations", 20)
    if init == "RANDOM":  # best of several random starts: one fit, reported at the end
        model = KMeans(
            n_clusters=clusters, init="random", max_iter=iterations, n_init="auto", random_state=0
        )
        _quiet(lambda: model.fit(x))
        return Fitted({"centroids": model.cluster_centers_}, iterations=int(model.n_iter_))
    return _lloyd(x, clusters, iterations)


def _lloyd(x: np.ndarray, clusters: int, iterations: int) -> Fitted:
    """k-means++ then Lloyd steps one at a time (KMeans' own step, warm-started from the last
    centroids), publishing each step's mean squared distance. KMeans' convergence rules: the
    assignment stopped changing, or the centroids moved less than 1e-4 x the mean variance."""
    from sklearn.cluster import KMeans, kmeans_plusplus

    centroids, _ = kmeans_plusplus(x, clusters, random_state=0)
    tolerance = float(np.mean(np.var(x, axis=0))) * 1e-4
    labels: np.ndarray | None = None
    losses: list[float] = []
    for _ in range(max(1, iterations)):
        step = KMeans(n_clusters=clusters, init=centroids, n_init=1, max_iter=1)
        _quiet(partial(step.fit, x))
        shift = float(((step.cluster_centers_ - centroids) ** 2).sum())
        centroids = step.cluster_centers_
        losses.append(float(step.inertia_) / len(x))
        progress.iteration(losses[-1])
        same = labels is not None and np.array_equal(labels, step.labels_)
        labels = step.labels_
        if same or shift <= tolerance:
            break
    return Fitted({"centroids": centroids}, {"losses": losses}, iterations=len(losses))


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
    return _flat_rounds(model._predictors, model._baseline_prediction, outputs)


def _flat_rounds(rounds: list[Any], baseline: Any, outputs: int) -> Arrays:
    left, right, feature, threshold, value, roots, tree_output = [], [], [], [], [], [], []
    base = 0
    for iteration in rounds:
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
        "base": np.asarray(baseline, dtype=np.float64).reshape(-1),
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
    return _probabilities(scores)


def _probabilities(scores: np.ndarray) -> np.ndarray:
    """Boosted raw scores -> class probabilities (sigmoid for one output, else softmax)."""
    scores = scores.copy()
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


def _boost(model: Any, x: np.ndarray, y: np.ndarray, loss: Callable[[np.ndarray], float]) -> Any:
    """Fit ``model`` one boosting round at a time, publishing each round's training loss.

    A warm start adds the next round to the same trees one ``fit`` would grow (same bins, same
    seed), so a cancel lands between rounds. With early stopping the rounds are grown in one
    fit (warm starts would re-check the stopping rule differently); the losses come after.
    ``loss`` maps the raw scores (rows, outputs) to the training loss.
    """
    rounds = int(model.max_iter)
    losses: list[float] = []
    if model.early_stopping:
        _quiet(lambda: model.fit(x, y))
        raw = None
        for predictors in model._predictors:
            raw = _round_scores(model, predictors, x, raw)
            losses.append(loss(raw))
        progress.iteration(losses[-1] if losses else None)
        return model, losses
    model.set_params(warm_start=True)
    raw, grown, chunk = None, 0, 1
    while grown < rounds:
        # Each warm start re-bins the data and re-scores the earlier trees, so fast rounds are
        # grown a few at a time (about _BOOST_CHUNK_SECONDS per fit). The trees do not depend
        # on the chunking; only how often progress is published and a cancel is checked.
        tick = time.monotonic()
        model.set_params(max_iter=min(rounds, grown + chunk))
        _quiet(lambda: model.fit(x, y))
        for predictors in model._predictors[grown:]:
            raw = _round_scores(model, predictors, x, raw)
            losses.append(loss(raw))
            progress.iteration(losses[-1])
        added = len(model._predictors) - grown
        if added == 0:
            break
        per_round = (time.monotonic() - tick) / added
        grown += added
        chunk = max(1, min(_BOOST_CHUNK_MAX, int(_BOOST_CHUNK_SECONDS / max(per_round, 1e-6))))
    model.set_params(warm_start=False)
    return model, losses


_BOOST_CHUNK_SECONDS, _BOOST_CHUNK_MAX = 0.3, 16


def _round_scores(model: Any, predictors: Any, x: np.ndarray, raw: np.ndarray | None) -> Any:
    """The raw scores after one more round: ``raw`` (or the baseline) plus that round's trees."""
    baseline = np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1)
    if raw is None:
        raw = np.tile(baseline, (len(x), 1))
    flat = _flat_rounds([predictors], np.zeros_like(baseline), len(baseline))
    return raw + _score_trees(flat, x)


def _fit_boosted_classifier(x: np.ndarray, y: np.ndarray | None, o: Options, _: Any) -> Fitted:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import log_loss

    assert y is not None
    weight = _class_weight(o, np.unique(y))
    labels = list(range(len(np.unique(y))))
    model = HistGradientBoostingClassifier(class_weight=weight, **_boosted_params(o))
    model, losses = _boost(
        model, x, y, lambda raw: float(log_loss(y, _probabilities(raw), labels=labels))
    )
    classes = len(model.classes_)
    flat = _flat_boosted(model, 1 if classes == 2 else classes)
    return Fitted(flat, {"losses": losses}, iterations=model.n_iter_)


def _fit_boosted_regressor(x: np.ndarray, y: np.ndarray | None, o: Options, _: Any) -> Fitted:
    from sklearn.ensemble import HistGradientBoostingRegressor

    assert y is not None
    model = HistGradientBoostingRegressor(**_boosted_params(o))
    model, losses = _boost(model, x, y, lambda raw: float(np.mean((y - raw[:, 0]) ** 2)))
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
