"""GEOGRAPHY columns end to end through the real client: insertAll, loads, queries, errors.

https://cloud.google.com/bigquery/docs/geospatial-data
"""

from __future__ import annotations

import io
from typing import Any

import duckdb
import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse import schema
from bqhouse.sql import functions, translate
from bqhouse.sql.geography import strip_marker

SCHEMA = [
    bigquery.SchemaField("name", "STRING"),
    bigquery.SchemaField("place", "GEOGRAPHY"),
]
SEATTLE = "POINT(-122.35 47.62)"
LONDON = "POINT(-0.1275 51.507222)"


@pytest.fixture
def places(client: bigquery.Client, dataset: str) -> str:
    table = client.create_table(bigquery.Table(f"{dataset}.places", schema=SCHEMA))
    return f"{table.project}.{table.dataset_id}.{table.table_id}"


def _rows(client: bigquery.Client, sql: str) -> list[dict[str, object]]:
    return [dict(row.items()) for row in client.query_and_wait(sql)]


def test_schema_type_is_geography(client: bigquery.Client, places: str) -> None:
    assert [f.field_type for f in client.get_table(places).schema] == ["STRING", "GEOGRAPHY"]


def test_insert_all_wkt_and_geojson_then_list_rows(client: bigquery.Client, places: str) -> None:
    geojson = '{"type": "Point", "coordinates": [-0.1275, 51.507222]}'
    polygon = "POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))"  # clockwise: BigQuery stores it normalised
    rows = [
        {"name": "seattle", "place": SEATTLE},
        {"name": "london", "place": geojson},
        {"name": "square", "place": polygon},
        {"name": "nowhere", "place": None},
    ]
    assert client.insert_rows_json(places, rows) == []
    got = {r["name"]: r["place"] for r in client.list_rows(places)}
    assert got == {
        "seattle": SEATTLE,
        "london": LONDON,
        "square": "POLYGON((2 0, 2 2, 0 2, 0 0, 2 0))",
        "nowhere": None,
    }


def test_query_distance_and_result_types(client: bigquery.Client, places: str) -> None:
    client.insert_rows_json(places, [{"name": "seattle", "place": SEATTLE}])
    job = client.query(
        f"SELECT name, place, ST_GEOGPOINT(-0.1275, 51.507222) AS london, "
        f"ROUND(ST_DISTANCE(place, ST_GEOGPOINT(-0.1275, 51.507222)) / 1000) AS km "
        f"FROM `{places}`"
    )
    rows = list(job.result())
    types = {f.name: f.field_type for f in job.result().schema}
    assert types["london"] == "GEOGRAPHY"
    assert types["km"] == "FLOAT"
    assert [(r["name"], r["london"], r["km"]) for r in rows] == [("seattle", LONDON, 7699.0)]
    assert rows[0]["place"] == SEATTLE


def test_destination_table_keeps_geography(client: bigquery.Client, dataset: str) -> None:
    config = bigquery.QueryJobConfig(destination=f"{dataset}.points")
    client.query_and_wait("SELECT 1 AS id, ST_GEOGPOINT(1, 2) AS p", job_config=config)
    table = client.get_table(f"{dataset}.points")
    assert [f.field_type for f in table.schema] == ["INTEGER", "GEOGRAPHY"]
    assert [r["p"] for r in client.list_rows(table)] == ["POINT(1 2)"]
    assert _rows(client, f"SELECT ST_X(p) AS x FROM `{dataset}.points`") == [{"x": 1.0}]


def test_load_ndjson_and_csv(client: bigquery.Client, places: str) -> None:
    ndjson = (
        f'{{"name": "seattle", "place": "{SEATTLE}"}}\n'
        '{"name": "line", "place": "LINESTRING(0 0, 1 0)"}\n'
    )
    config = bigquery.LoadJobConfig(source_format="NEWLINE_DELIMITED_JSON", schema=SCHEMA)
    client.load_table_from_file(io.BytesIO(ndjson.encode()), places, job_config=config).result()
    csv = 'name,place\nlondon,"POINT(-0.1275 51.507222)"\n'
    config = bigquery.LoadJobConfig(source_format="CSV", schema=SCHEMA, skip_leading_rows=1)
    client.load_table_from_file(io.BytesIO(csv.encode()), places, job_config=config).result()
    got = _rows(
        client,
        f"SELECT name, ROUND(ST_LENGTH(place)) AS m, ST_GEOMETRYTYPE(place) AS kind "
        f"FROM `{places}` ORDER BY name",
    )
    assert got == [
        {"name": "line", "m": 111195.0, "kind": "ST_LineString"},
        {"name": "london", "m": 0.0, "kind": "ST_Point"},
        {"name": "seattle", "m": 0.0, "kind": "ST_Point"},
    ]
    distance = _rows(
        client,
        f"SELECT ROUND(ST_DISTANCE(a.place, b.place) / 1000) AS km FROM `{places}` a "
        f"JOIN `{places}` b ON a.name = 'seattle' AND b.name = 'london'",
    )
    assert distance == [{"km": 7699.0}]


def test_bad_wkt_insert_is_rejected_and_table_unchanged(
    client: bigquery.Client, places: str
) -> None:
    client.insert_rows_json(places, [{"name": "seattle", "place": SEATTLE}])
    errors = client.insert_rows_json(places, [{"name": "bad", "place": "POINT(1)"}])
    assert errors and errors[0]["errors"][0]["reason"] == "invalid"
    assert "geography" in errors[0]["errors"][0]["message"]
    assert [r["name"] for r in client.list_rows(places)] == ["seattle"]


def test_bad_wkt_load_fails_and_table_unchanged(client: bigquery.Client, places: str) -> None:
    client.insert_rows_json(places, [{"name": "seattle", "place": SEATTLE}])
    ndjson = '{"name": "bad", "place": "POLYGON((0 0, 1 1, 0 0))"}\n'
    config = bigquery.LoadJobConfig(source_format="NEWLINE_DELIMITED_JSON", schema=SCHEMA)
    job = client.load_table_from_file(io.BytesIO(ndjson.encode()), places, job_config=config)
    with pytest.raises(exceptions.BadRequest):
        job.result()
    assert [r["name"] for r in client.list_rows(places)] == ["seattle"]


def test_invalid_wkt_in_query_is_an_error_and_safe_is_null(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="ST_GeogFromText failed"):
        client.query_and_wait("SELECT ST_GEOGFROMTEXT('POINT(1)') AS g")
    assert _rows(client, "SELECT SAFE.ST_GEOGFROMTEXT('POINT(1)') AS g") == [{"g": None}]


def test_ddl_and_ctas_with_geography(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.ddl` (id INT64, g GEOGRAPHY)")
    client.query_and_wait(
        f"INSERT INTO `{dataset}.ddl` (id, g) VALUES (1, ST_GEOGPOINT(1, 2)), (2, NULL)"
    )
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.ctas` AS SELECT id, ST_BUFFER(g, 10) AS area FROM `{dataset}.ddl`"
    )
    got = _rows(
        client,
        f"SELECT d.id, ST_ASTEXT(d.g) AS wkt, ST_COVERS(c.area, d.g) AS covered "
        f"FROM `{dataset}.ddl` d JOIN `{dataset}.ctas` c USING (id) ORDER BY id",
    )
    assert got == [
        {"id": 1, "wkt": "POINT(1 2)", "covered": True},
        {"id": 2, "wkt": None, "covered": None},
    ]


def test_strip_marker_keeps_the_geography_type() -> None:
    """Result columns leave DuckDB as UNION(geography VARCHAR); ``strip_marker`` makes them
    plain WKT strings (for pandas and the Storage Read API) that are still typed GEOGRAPHY."""
    con = duckdb.connect()
    functions.install(con)
    sql = "SELECT ST_GEOGPOINT(1, 2) AS p, [ST_GEOGPOINT(3, 4)] AS a, 'x' AS s"
    result = con.execute(translate(sql, default_project="p")[0].sql).fetch_arrow_table()
    stripped = strip_marker(result)
    expected = ["GEOGRAPHY", "GEOGRAPHY", "STRING"]
    assert [f["type"] for f in schema.fields_from_arrow(result.schema)] == expected
    assert [f["type"] for f in schema.fields_from_arrow(stripped.schema)] == expected
    assert stripped.to_pylist() == [{"p": "POINT(1 2)", "a": ["POINT(3 4)"], "s": "x"}]
    con.close()


def _types(job: bigquery.QueryJob) -> dict[str, str]:
    return {f.name: f"{f.mode} {f.field_type}" for f in job.result().schema}


def test_table_columns_read_back_as_geography(
    client: bigquery.Client, dataset: str, places: str
) -> None:
    """A GEOGRAPHY column stays GEOGRAPHY through SELECT, SELECT *, views, joins, wildcards and
    time travel; casts and ST_ASTEXT give STRING."""
    client.insert_rows_json(places, [{"name": "seattle", "place": SEATTLE}])
    client.query_and_wait(f"CREATE VIEW `{dataset}.places_view` AS SELECT * FROM `{places}`")
    queries = {
        "select": f"SELECT place FROM `{places}`",
        "star": f"SELECT * FROM `{places}`",
        "view": f"SELECT place FROM `{dataset}.places_view`",
        "join": f"SELECT b.place FROM `{places}` a JOIN (SELECT * FROM `{places}`) b USING (name)",
        "wildcard": f"SELECT place FROM `{dataset}.place*` WHERE _TABLE_SUFFIX = 's'",
        "time travel": f"SELECT place FROM `{places}` FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP()",
    }
    for label, sql in queries.items():
        job = client.query(sql)
        assert _types(job)["place"] == "NULLABLE GEOGRAPHY", label
        assert [r["place"] for r in job.result()] == [SEATTLE], label
    view = client.get_table(f"{dataset}.places_view")
    assert [f.field_type for f in view.schema] == ["STRING", "GEOGRAPHY"]
    job = client.query(
        f"SELECT CAST(place AS STRING) AS s, ST_ASTEXT(place) AS t, place = '{SEATTLE}' AS same "
        f"FROM `{places}`"
    )
    assert _types(job) == {
        "s": "NULLABLE STRING",
        "t": "NULLABLE STRING",
        "same": "NULLABLE BOOLEAN",
    }
    assert [dict(r.items()) for r in job.result()] == [{"s": SEATTLE, "t": SEATTLE, "same": True}]


def test_create_table_records_geography(client: bigquery.Client, dataset: str) -> None:
    """CREATE TABLE (declared) and CREATE TABLE AS SELECT (from functions and from tables)
    record GEOGRAPHY in tables.get; IF NOT EXISTS of an existing table keeps it."""
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.declared` "
        f"(id INT64, g GEOGRAPHY, gs ARRAY<GEOGRAPHY>, s STRUCT<n INT64, p GEOGRAPHY>)"
    )
    table = client.get_table(f"{dataset}.declared")
    assert [(f.name, f.mode, f.field_type) for f in table.schema] == [
        ("id", "NULLABLE", "INTEGER"),
        ("g", "NULLABLE", "GEOGRAPHY"),
        ("gs", "REPEATED", "GEOGRAPHY"),
        ("s", "NULLABLE", "RECORD"),
    ]
    assert [f.field_type for f in table.schema[3].fields] == ["INTEGER", "GEOGRAPHY"]
    client.query_and_wait(
        f"INSERT INTO `{dataset}.declared` (id, g, gs) VALUES (1, ST_GEOGPOINT(1, 2), [])"
    )
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.derived` AS SELECT id, g, ST_GEOGPOINT(3, 4) AS p, "
        f"'x' AS s FROM `{dataset}.declared`"
    )
    derived = client.get_table(f"{dataset}.derived")
    expected = ["INTEGER", "GEOGRAPHY", "GEOGRAPHY", "STRING"]
    assert [f.field_type for f in derived.schema] == expected
    assert [dict(r.items()) for r in client.list_rows(derived)] == [
        {"id": 1, "g": "POINT(1 2)", "p": "POINT(3 4)", "s": "x"}
    ]
    client.query_and_wait(f"CREATE TABLE IF NOT EXISTS `{dataset}.derived` (g STRING)")
    assert [f.field_type for f in client.get_table(f"{dataset}.derived").schema] == expected
    columns = _rows(
        client,
        f"SELECT column_name, data_type FROM `{dataset}.INFORMATION_SCHEMA.COLUMNS` "
        f"WHERE table_name = 'derived' ORDER BY ordinal_position",
    )
    assert [c["data_type"] for c in columns] == ["INT64", "GEOGRAPHY", "GEOGRAPHY", "STRING"]


def test_bad_geography_in_create_table_as_select_creates_nothing(
    client: bigquery.Client, dataset: str
) -> None:
    with pytest.raises(exceptions.BadRequest, match="ST_GeogFromText failed") as info:
        client.query_and_wait(
            f"CREATE TABLE `{dataset}.bad` AS SELECT ST_GEOGFROMTEXT('POINT(1)') AS g"
        )
    assert info.value.errors[0]["reason"] == "invalidQuery"
    with pytest.raises(exceptions.NotFound):
        client.get_table(f"{dataset}.bad")


def test_script_variables_and_windows_are_geography(client: bigquery.Client) -> None:
    job = client.query(
        "DECLARE g GEOGRAPHY DEFAULT ST_GEOGPOINT(1, 2); DECLARE e GEOGRAPHY; "
        "DECLARE gs ARRAY<GEOGRAPHY> DEFAULT [ST_GEOGPOINT(3, 4)]; SELECT g, e, gs;"
    )
    assert _types(job) == {
        "g": "NULLABLE GEOGRAPHY",
        "e": "NULLABLE GEOGRAPHY",
        "gs": "REPEATED GEOGRAPHY",
    }
    assert [dict(r.items()) for r in job.result()] == [
        {"g": "POINT(1 2)", "e": None, "gs": ["POINT(3 4)"]}
    ]
    job = client.query(
        "SELECT ST_UNION_AGG(g) OVER () AS u, ST_CENTROID_AGG(g) OVER (ORDER BY ST_X(g)) AS c "
        "FROM UNNEST([ST_GEOGPOINT(0, 0), ST_GEOGPOINT(2, 0)]) AS g ORDER BY ST_X(g)"
    )
    assert _types(job) == {"u": "NULLABLE GEOGRAPHY", "c": "NULLABLE GEOGRAPHY"}
    rows = [dict(r.items()) for r in job.result()]
    assert [r["u"] for r in rows] == ["MULTIPOINT(0 0, 2 0)"] * 2
    assert [r["c"] for r in rows] == ["POINT(0 0)", "POINT(1 0)"]


def test_storage_read_api_marks_geography_columns(
    client: bigquery.Client, bigquery_read_client: Any, places: str
) -> None:
    """BigQuery's Arrow schema types GEOGRAPHY as WKT strings of ``google:sqlType:geography``."""
    client.insert_rows_json(places, [{"name": "seattle", "place": SEATTLE}])
    table = client.list_rows(places).to_arrow(bqstorage_client=bigquery_read_client)
    job = client.query(
        f"SELECT name, place, ST_GEOGPOINT(-0.1275, 51.507222) AS london FROM `{places}`"
    )
    result = job.result().to_arrow(bqstorage_client=bigquery_read_client)
    for arrow, columns in ((table, ["place"]), (result, ["place", "london"])):
        for name in columns:
            field = arrow.schema.field(name)
            assert field.type == "string"
            assert field.metadata[b"ARROW:extension:name"] == b"google:sqlType:geography"
        assert arrow.schema.field("name").metadata is None
    assert result.to_pylist() == [{"name": "seattle", "place": SEATTLE, "london": LONDON}]
    frame = client.list_rows(places).to_dataframe(bqstorage_client=bigquery_read_client)
    assert frame["place"].tolist() == [SEATTLE]
