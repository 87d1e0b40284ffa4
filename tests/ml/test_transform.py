"""The TRANSFORM clause and the manual preprocessing functions, through the real client."""

from __future__ import annotations

import numpy as np
import pytest
from google.api_core.exceptions import BadRequest
from google.cloud import bigquery

from conftest import FEATURES, one, rows


def test_transform_scalers_fitted_once_and_replayed(client: bigquery.Client, data: str) -> None:
    """The fitted mean/stddev/min/max are those of the training rows, applied to new rows."""
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import r2_score

    client.query(
        f"CREATE MODEL `{data}.t` TRANSFORM("
        "ML.STANDARD_SCALER(x1) OVER() AS x1_s, ML.MIN_MAX_SCALER(x2) OVER() AS x2_m, "
        "x3 * 2 AS x3_double, ML.ONE_HOT_ENCODER(cat) OVER() AS cat_oh, target) "
        "OPTIONS(model_type='linear_reg', input_label_cols=['target'], "
        "data_split_method='no_split') "
        f"AS SELECT x1, x2, x3, cat, target FROM `{data}.train`"
    ).result()
    train = rows(client, f"SELECT x1, x2, x3, cat, target FROM `{data}.train`")
    test = rows(client, f"SELECT x1, x2, x3, cat, target FROM `{data}.test`")

    # ML.TRANSFORM shows the features exactly as training computed them.
    shown = rows(
        client, f"SELECT * FROM ML.TRANSFORM(MODEL `{data}.t`, TABLE `{data}.test`)"
    ).to_pydict()
    assert set(shown) == {"x1_s", "x2_m", "x3_double", "cat_oh", "target"}
    x1 = train["x1"].to_numpy()
    expected = (test["x1"].to_numpy() - x1.mean()) / x1.std(ddof=1)
    np.testing.assert_allclose(shown["x1_s"], expected, rtol=1e-9)
    x2 = train["x2"].to_numpy()
    scaled = np.clip((test["x2"].to_numpy() - x2.min()) / (x2.max() - x2.min()), 0, 1)
    np.testing.assert_allclose(shown["x2_m"], scaled, rtol=1e-9)
    index = {"a": 1, "b": 2, "c": 3}  # alphabetical vocabulary, 0 is "unknown"
    assert [v[0]["index"] for v in shown["cat_oh"]] == [index[c] for c in test["cat"].to_pylist()]

    # The model on the transformed features equals scikit-learn on the same features.
    def features(t: object) -> np.ndarray:
        frame = t.to_pandas()  # type: ignore[attr-defined]
        cat = np.stack([(frame["cat"] == c).to_numpy(float) for c in "abc"], axis=1)
        a = (frame["x1"] - x1.mean()) / x1.std(ddof=1)
        b = np.clip((frame["x2"] - x2.min()) / (x2.max() - x2.min()), 0, 1)
        return np.column_stack([a, b, frame["x3"] * 2, cat])

    reference = LinearRegression().fit(features(train), train["target"].to_numpy())
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.t`, TABLE `{data}.test`)")
    expected_r2 = r2_score(test["target"].to_numpy(), reference.predict(features(test)))
    assert got["r2_score"] == pytest.approx(expected_r2, abs=1e-6)

    # ML.PREDICT takes the raw columns and passes them through (no label needed).
    predicted = rows(
        client,
        f"SELECT * FROM ML.PREDICT(MODEL `{data}.t`, (SELECT x1, x2, x3, cat FROM `{data}.test`))",
    )
    assert predicted.column_names == ["predicted_target", "x1", "x2", "x3", "cat"]
    np.testing.assert_allclose(
        predicted["predicted_target"].to_numpy(), reference.predict(features(test)), rtol=1e-6
    )
    model = client.get_model(f"{data}.t")
    assert [c.name for c in model.feature_columns] == ["x1", "x2", "x3", "cat"]
    transform = model._properties["transformColumns"]
    assert [c["name"] for c in transform] == ["x1_s", "x2_m", "x3_double", "cat_oh", "target"]
    assert transform[0]["transformSql"] == "ML.STANDARD_SCALER(x1) OVER ()"


def test_transform_star_except_bucketize_and_crosses(client: bigquery.Client, data: str) -> None:
    client.query(
        f"CREATE MODEL `{data}.c` TRANSFORM(* EXCEPT(x4, cat), "
        "ML.BUCKETIZE(x4, [-1, 0, 1]) AS x4_bin, ML.QUANTILE_BUCKETIZE(x3, 4) OVER() AS x3_q, "
        "ML.FEATURE_CROSS(STRUCT(cat, ML.BUCKETIZE(x4, [0]) AS b)) AS crossed, "
        "ML.POLYNOMIAL_EXPAND(STRUCT(x1, x2)) AS poly) "
        "OPTIONS(model_type='logistic_reg', data_split_method='no_split') "
        f"AS SELECT {', '.join(FEATURES)}, cat, label FROM `{data}.train`"
    ).result()
    shown = rows(
        client,
        f"SELECT * FROM ML.TRANSFORM(MODEL `{data}.c`, "
        f"(SELECT * FROM `{data}.test` ORDER BY x1 LIMIT 5))",
    )
    assert shown.column_names[:4] == ["x1", "x2", "x3", "label"]
    first = shown.to_pylist()[0]
    assert first["x4_bin"] in {"bin_1", "bin_2", "bin_3", "bin_4"}
    assert first["x3_q"] in {"bin_1", "bin_2", "bin_3", "bin_4"}
    assert first["crossed"]["cat_b"].split("_")[0] in {"a", "b", "c"}
    assert first["poly"]["x1_x2"] == pytest.approx(first["x1"] * first["x2"])
    info = rows(client, f"SELECT input FROM ML.FEATURE_INFO(MODEL `{data}.c`)")
    assert "crossed_cat_b" in info["input"].to_pylist()
    assert "poly_x1_x1" in info["input"].to_pylist()
    got = one(client, f"SELECT * FROM ML.EVALUATE(MODEL `{data}.c`, TABLE `{data}.test`)")
    assert got["accuracy"] > 0.75


def test_standalone_preprocessing_functions(client: bigquery.Client) -> None:
    got = one(
        client,
        "SELECT ML.BUCKETIZE(2.5, [1, 2, 3]) AS b, "
        "ML.BUCKETIZE(2.5, [1, 2, 3], FALSE, 'bucket_ranges') AS r, "
        "ML.FEATURE_CROSS(STRUCT('a' AS x, 'b' AS y)) AS f, "
        "ML.POLYNOMIAL_EXPAND(STRUCT(2 AS a, 3 AS b)) AS p",
    )
    assert got["b"] == "bin_3"
    assert got["r"] == "[2, 3)"
    assert got["f"] == {"x_y": "a_b"}
    assert got["p"] == {"a": 2.0, "b": 3.0, "a_a": 4.0, "a_b": 6.0, "b_b": 9.0}
    scaled = rows(
        client,
        "SELECT f, ML.STANDARD_SCALER(f) OVER() AS s, ML.MIN_MAX_SCALER(f) OVER() AS m "
        "FROM UNNEST([1, 2, 3, 4, 5]) AS f ORDER BY f",
    ).to_pydict()
    assert scaled["s"][0] == pytest.approx(-1.2649110640673518)  # BigQuery's documented output
    assert scaled["m"] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_transform_bad_input(client: bigquery.Client, data: str) -> None:
    with pytest.raises(BadRequest, match="Unrecognized name: nope"):
        client.query(
            f"CREATE MODEL `{data}.bad` TRANSFORM(ML.STANDARD_SCALER(nope) OVER() AS n, label) "
            f"OPTIONS(model_type='logistic_reg') AS SELECT x1, label FROM `{data}.train`"
        ).result()
    with pytest.raises(BadRequest, match="alias"):
        client.query(
            f"CREATE MODEL `{data}.bad` TRANSFORM(x1 * 2, label) "
            f"OPTIONS(model_type='logistic_reg') AS SELECT x1, label FROM `{data}.train`"
        ).result()
    client.query(
        f"CREATE MODEL `{data}.ok` TRANSFORM(ML.STANDARD_SCALER(x1) OVER() AS s, label) "
        f"OPTIONS(model_type='logistic_reg') AS SELECT x1, label FROM `{data}.train`"
    ).result()
    # Prediction input without a raw column the TRANSFORM reads.
    with pytest.raises(BadRequest, match="Unrecognized name: x1"):
        client.query(
            f"SELECT * FROM ML.PREDICT(MODEL `{data}.ok`, (SELECT x2 FROM `{data}.test`))"
        ).result()
    client.query(
        f"CREATE MODEL `{data}.plain` OPTIONS(model_type='linear_reg', "
        f"input_label_cols=['target']) AS SELECT x1, target FROM `{data}.train`"
    ).result()
    with pytest.raises(BadRequest, match="requires a model trained with a TRANSFORM clause"):
        client.query(
            f"SELECT * FROM ML.TRANSFORM(MODEL `{data}.plain`, TABLE `{data}.test`)"
        ).result()
    with pytest.raises(BadRequest, match="TRANSFORM clause is not supported for ARIMA_PLUS"):
        client.query(
            f"CREATE MODEL `{data}.ts` TRANSFORM(x1 AS y) OPTIONS(model_type='arima_plus', "
            "time_series_timestamp_col='t', time_series_data_col='y') "
            f"AS SELECT CURRENT_TIMESTAMP() AS t, x1 FROM `{data}.train`"
        ).result()
    with pytest.raises(BadRequest, match="Duplicate column name x1"):
        client.query(
            f"CREATE MODEL `{data}.dup` TRANSFORM(*, x1 * 2 AS x1) "
            f"OPTIONS(model_type='logistic_reg') AS SELECT x1, label FROM `{data}.train`"
        ).result()
