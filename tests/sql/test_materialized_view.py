"""Materialized views through tables.get/list: type MATERIALIZED_VIEW with materializedView."""

from __future__ import annotations

from google.cloud import bigquery


def test_materialized_view_resource(bigquery_client: bigquery.Client) -> None:
    dataset = bigquery_client.create_dataset("mv_ds", exists_ok=True)
    name = f"{dataset.project}.{dataset.dataset_id}"
    bigquery_client.query_and_wait(
        f"CREATE OR REPLACE TABLE `{name}.base` AS SELECT 1 AS v; "
        f"CREATE OR REPLACE MATERIALIZED VIEW `{name}.mv` "
        "OPTIONS (refresh_interval_minutes = 60) "
        f"AS SELECT SUM(v) AS s FROM `{name}.base`"
    )
    table = bigquery_client.get_table(f"{name}.mv")
    assert table.table_type == "MATERIALIZED_VIEW"
    assert "SUM(v)" in table.mview_query
    assert table.mview_enable_refresh is True
    assert table.mview_refresh_interval is not None
    assert table.mview_refresh_interval.total_seconds() == 3600
    assert table.view_query is None
    assert [f.name for f in table.schema] == ["s"]

    bigquery_client.query_and_wait(
        f"ALTER MATERIALIZED VIEW `{name}.mv` SET OPTIONS (enable_refresh = false)"
    )
    assert bigquery_client.get_table(f"{name}.mv").mview_enable_refresh is False

    listed = {t.table_id: t.table_type for t in bigquery_client.list_tables(name)}
    assert listed == {"base": "TABLE", "mv": "MATERIALIZED_VIEW"}

    job = bigquery_client.query(f"DROP MATERIALIZED VIEW `{name}.mv`")
    job.result()
    assert job.statement_type == "DROP_MATERIALIZED_VIEW"
    assert {t.table_id for t in bigquery_client.list_tables(name)} == {"base"}
