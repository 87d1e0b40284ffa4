"""The seed's BigQuery ML pattern: predict a purchase from web-analytics sessions.

The day tables are read as the wildcard family ``ga_sessions_*`` filtered on ``_TABLE_SUFFIX``,
exactly as the seed writes it.
"""

from __future__ import annotations

from google.cloud import bigquery

from conftest import one, rows

DAYS = ["20170801", "20170802", "20170803"]


def _make_day(client: bigquery.Client, dataset: str, day: str, seed: int) -> None:
    # Visitors on Macintosh/Chrome OS with many pageviews buy; nested records as in the GA export.
    client.query(
        f"""CREATE TABLE `{dataset}.ga_sessions_{day}` AS
        SELECT
          STRUCT(
            IF(MOD(i * 37 + {seed}, 10) < 3 OR MOD(i * 37 + {seed}, 17) > 11, 1, NULL)
              AS transactions,
            MOD(i * 37 + {seed}, 10) * 3 + MOD(i, 4) AS pageviews
          ) AS totals,
          STRUCT(
            ['Windows', 'Macintosh', 'Android', 'iOS', NULL][OFFSET(MOD(i, 5))]
              AS operatingSystem,
            MOD(i, 5) IN (2, 3) AS isMobile
          ) AS device,
          STRUCT(['United States', 'India', 'Germany'][OFFSET(MOD(i, 3))] AS country)
            AS geoNetwork
        FROM UNNEST(GENERATE_ARRAY(1, 300)) AS i"""
    ).result()


def test_seed_logistic_reg_on_ga_sessions(client: bigquery.Client, dataset: str) -> None:
    for seed, day in enumerate(DAYS):
        _make_day(client, dataset, day, seed)
    job = client.query(
        f"""CREATE MODEL `{dataset}.sample_model`
        OPTIONS(model_type='logistic_reg') AS
        SELECT
          IF(totals.transactions IS NULL, 0, 1) AS label,
          IFNULL(device.operatingSystem, "") AS os,
          device.isMobile AS is_mobile,
          IFNULL(geoNetwork.country, "") AS country,
          IFNULL(totals.pageviews, 0) AS pageviews
        FROM `{dataset}.ga_sessions_*`
        WHERE _TABLE_SUFFIX BETWEEN '20170801' AND '20170802'"""
    )
    job.result()
    assert job.statement_type == "CREATE_MODEL"

    evaluation = one(
        client,
        f"""SELECT * FROM ML.EVALUATE(MODEL `{dataset}.sample_model`, (
          SELECT
            IF(totals.transactions IS NULL, 0, 1) AS label,
            IFNULL(device.operatingSystem, "") AS os,
            device.isMobile AS is_mobile,
            IFNULL(geoNetwork.country, "") AS country,
            IFNULL(totals.pageviews, 0) AS pageviews
          FROM `{dataset}.ga_sessions_20170803`))""",
    )
    assert set(evaluation) == {"precision", "recall", "accuracy", "f1_score", "log_loss", "roc_auc"}
    assert evaluation["roc_auc"] > 0.6

    by_country = rows(
        client,
        f"""SELECT country, SUM(predicted_label) AS total_predicted_purchases
        FROM ML.PREDICT(MODEL `{dataset}.sample_model`, (
          SELECT
            IFNULL(device.operatingSystem, "") AS os,
            device.isMobile AS is_mobile,
            IFNULL(totals.pageviews, 0) AS pageviews,
            IFNULL(geoNetwork.country, "") AS country
          FROM `{dataset}.ga_sessions_20170803`))
        GROUP BY country
        ORDER BY total_predicted_purchases DESC
        LIMIT 10""",
    )
    assert by_country.column_names == ["country", "total_predicted_purchases"]
    assert set(by_country["country"].to_pylist()) <= {"United States", "India", "Germany"}
    model = client.get_model(f"{dataset}.sample_model")
    assert [c.name for c in model.feature_columns] == ["os", "is_mobile", "country", "pageviews"]
    assert model.feature_columns[1].type.type_kind.name == "BOOL"
