"""ML.EVALUATE's metrics, named as BigQuery names them per model type.

https://cloud.google.com/bigquery/docs/reference/standard-sql/bigqueryml-syntax-evaluate#output
"""

from __future__ import annotations

import numpy as np


def classification(
    truth: np.ndarray, probs: np.ndarray, threshold: float = 0.5
) -> dict[str, float]:
    """``truth`` holds class indexes into the columns of ``probs``.

    Binary models score the positive (last) class at ``threshold``; multiclass ones macro-average.
    """
    from sklearn.metrics import (
        accuracy_score,
        f1_score,
        log_loss,
        precision_score,
        recall_score,
        roc_auc_score,
    )

    classes = probs.shape[1]
    labels = list(range(classes))
    if classes == 2:
        predicted = (probs[:, 1] > threshold).astype(int)
        average, options = "binary", {"pos_label": 1}
    else:
        predicted = probs.argmax(axis=1)
        average, options = "macro", {}
    both = len(np.unique(truth)) > 1
    if not both:
        roc = float("nan")
    elif classes == 2:
        roc = float(roc_auc_score(truth, probs[:, 1]))
    else:
        present = np.unique(truth)
        roc = (
            float(roc_auc_score(truth, probs, multi_class="ovr", labels=labels))
            if len(present) == classes
            else float("nan")
        )
    return {
        "precision": float(
            precision_score(truth, predicted, average=average, zero_division=0, **options)
        ),
        "recall": float(
            recall_score(truth, predicted, average=average, zero_division=0, **options)
        ),
        "accuracy": float(accuracy_score(truth, predicted)),
        "f1_score": float(f1_score(truth, predicted, average=average, zero_division=0, **options)),
        "log_loss": float(log_loss(truth, np.clip(probs, 1e-15, 1 - 1e-15), labels=labels)),
        "roc_auc": roc,
    }


def regression(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import (
        explained_variance_score,
        mean_absolute_error,
        mean_squared_error,
        median_absolute_error,
        r2_score,
    )

    positive = bool((truth > -1).all() and (predicted > -1).all())
    msle = (
        float(np.mean((np.log1p(truth) - np.log1p(predicted)) ** 2)) if positive else float("nan")
    )
    return {
        "mean_absolute_error": float(mean_absolute_error(truth, predicted)),
        "mean_squared_error": float(mean_squared_error(truth, predicted)),
        "mean_squared_log_error": msle,
        "median_absolute_error": float(median_absolute_error(truth, predicted)),
        "r2_score": float(r2_score(truth, predicted)),
        "explained_variance": float(explained_variance_score(truth, predicted)),
    }


def clustering(x: np.ndarray, distances: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import davies_bouldin_score

    nearest = distances.argmin(axis=1)
    used = len(np.unique(nearest))
    index = float(davies_bouldin_score(x, nearest)) if 1 < used < len(x) else float("nan")
    return {
        "davies_bouldin_index": index,
        "mean_squared_distance": float(np.mean(distances.min(axis=1) ** 2)),
    }


def roc_points(
    truth: np.ndarray, positive: np.ndarray, points: int = 101
) -> list[dict[str, float]]:
    """ML.ROC_CURVE rows at evenly spaced quantile thresholds of the positive-class score."""
    thresholds = np.unique(np.quantile(positive, np.linspace(0, 1, points)))[::-1]
    rows = []
    for threshold in thresholds:
        predicted = positive >= threshold
        tp = int(np.sum(predicted & (truth == 1)))
        fp = int(np.sum(predicted & (truth == 0)))
        tn = int(np.sum(~predicted & (truth == 0)))
        fn = int(np.sum(~predicted & (truth == 1)))
        rows.append(
            {
                "threshold": float(threshold),
                "recall": tp / (tp + fn) if tp + fn else 0.0,
                "false_positive_rate": fp / (fp + tn) if fp + tn else 0.0,
                "true_positives": tp,
                "false_positives": fp,
                "true_negatives": tn,
                "false_negatives": fn,
            }
        )
    return rows
