"""Load jobs through the real google-cloud-bigquery client: uploads, gs:// URIs, formats."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse.testing import Emulator

SF = bigquery.SchemaField
SCHEMA = [SF("name", "STRING"), SF("n", "INTEGER")]


def _rows(client: bigquery.Client, table: str) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in client.list_rows(table)]


def _load_csv(client: bigquery.Client, table: str, text: str, **config: Any) -> bigquery.LoadJob:
    job_config = bigquery.LoadJobConfig(source_format="CSV", **config)
    job = client.load_table_from_file(io.BytesIO(text.encode()), table, job_config=job_config)
    job.result()
    return job


@pytest.fixture
def bucket(bigquery_emulator: Emulator, tmp_path: Path) -> tuple[str, Path]:
    """A fresh bucket name and its directory under the warehouse's buckets_dir."""
    root: Path = bigquery_emulator.server.warehouse.buckets_dir
    name = f"b-{tmp_path.name}".lower().replace("_", "-")
    (root / name).mkdir(parents=True, exist_ok=True)
    return name, root / name


def test_csv_explicit_schema_keeps_every_row(client: bigquery.Client, dataset: str) -> None:
    job = _load_csv(client, f"{dataset}.t", "a,1\nb,2\nc,3\n", schema=SCHEMA)
    assert job.output_rows == 3
    assert sorted(_rows(client, f"{dataset}.t")) == [("a", 1), ("b", 2), ("c", 3)]


def test_csv_skip_leading_rows(client: bigquery.Client, dataset: str) -> None:
    _load_csv(client, f"{dataset}.t", "name,n\na,1\n", schema=SCHEMA, skip_leading_rows=1)
    assert _rows(client, f"{dataset}.t") == [("a", 1)]


def test_csv_autodetect_header(client: bigquery.Client, dataset: str) -> None:
    text = "name,n,score,day\nalice,1,1.5,2024-01-02\nbob,2,,2024-01-03\n"
    _load_csv(client, f"{dataset}.t", text, autodetect=True)
    table = client.get_table(f"{dataset}.t")
    assert [(f.name, f.field_type) for f in table.schema] == [
        ("name", "STRING"),
        ("n", "INTEGER"),
        ("score", "FLOAT"),
        ("day", "DATE"),
    ]
    assert table.num_rows == 2


def test_csv_options(client: bigquery.Client, dataset: str) -> None:
    text = "'x|y'|1\nz|\\N\nw\n"
    _load_csv(
        client,
        f"{dataset}.t",
        text,
        schema=SCHEMA,
        field_delimiter="|",
        quote_character="'",
        null_marker="\\N",
        allow_jagged_rows=True,
    )
    assert sorted(_rows(client, f"{dataset}.t")) == [("w", None), ("x|y", 1), ("z", None)]


def test_csv_without_schema_is_refused(client: bigquery.Client, dataset: str) -> None:
    with pytest.raises(exceptions.BadRequest, match="No schema specified"):
        _load_csv(client, f"{dataset}.t", "a,1\n")


def test_csv_bad_integer_fails_and_leaves_table(client: bigquery.Client, dataset: str) -> None:
    _load_csv(client, f"{dataset}.t", "a,1\n", schema=SCHEMA)
    with pytest.raises(exceptions.BadRequest, match="too many errors") as info:
        _load_csv(client, f"{dataset}.t", "b,2\nc,oops\n", schema=SCHEMA)
    assert "oops" in str(info.value)
    # The job's errors[] has the summary, then one entry per bad row (the client joins them).
    assert str(info.value).count("oops") >= 2
    assert client.get_table(f"{dataset}.t").num_rows == 1


def test_csv_max_bad_records(client: bigquery.Client, dataset: str) -> None:
    job = _load_csv(client, f"{dataset}.t", "b,2\nc,oops\nd,4\n", schema=SCHEMA, max_bad_records=1)
    assert job.output_rows == 2
    assert job._properties["statistics"]["load"]["badRecords"] == "1"


def test_ndjson_with_schema(client: bigquery.Client, dataset: str) -> None:
    text = '{"name": "a", "n": "5"}\n\n{"name": "b", "n": 6, "extra": 1}\n'
    job_config = bigquery.LoadJobConfig(
        source_format="NEWLINE_DELIMITED_JSON", schema=SCHEMA, ignore_unknown_values=True
    )
    client.load_table_from_file(
        io.BytesIO(text.encode()), f"{dataset}.t", job_config=job_config
    ).result()
    assert sorted(_rows(client, f"{dataset}.t")) == [("a", 5), ("b", 6)]


def test_ndjson_too_many_errors(client: bigquery.Client, dataset: str) -> None:
    text = '{"name": "a", "n": 1}\n{"name": "b", "n": "x"}\n{"name": "c", "n": 3}\n'
    job_config = bigquery.LoadJobConfig(source_format="NEWLINE_DELIMITED_JSON", schema=SCHEMA)
    job = client.load_table_from_file(
        io.BytesIO(text.encode()), f"{dataset}.t", job_config=job_config
    )
    with pytest.raises(exceptions.BadRequest, match="JSON table encountered too many errors"):
        job.result()
    assert job.error_result is not None and job.error_result["reason"] == "invalid"


def test_load_table_from_json(client: bigquery.Client, dataset: str) -> None:
    rows = [{"name": "a", "n": 1, "when": "2024-01-01T00:00:00Z"}, {"name": "b", "n": 2}]
    client.load_table_from_json(rows, f"{dataset}.t").result()
    table = client.get_table(f"{dataset}.t")
    assert {f.name: f.field_type for f in table.schema} == {
        "name": "STRING",
        "n": "INTEGER",
        "when": "TIMESTAMP",
    }
    assert table.num_rows == 2


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def test_parquet_creates_table(client: bigquery.Client, dataset: str) -> None:
    data = pa.table({"x": [1, 2], "s": ["a", None], "f": [0.5, 1.5]})
    job_config = bigquery.LoadJobConfig(source_format="PARQUET")
    client.load_table_from_file(
        io.BytesIO(_parquet_bytes(data)), f"{dataset}.p", job_config=job_config
    ).result()
    table = client.get_table(f"{dataset}.p")
    assert [(f.name, f.field_type) for f in table.schema] == [
        ("x", "INTEGER"),
        ("s", "STRING"),
        ("f", "FLOAT"),
    ]
    assert sorted(_rows(client, f"{dataset}.p")) == [(1, "a", 0.5), (2, None, 1.5)]


def test_dataframe_round_trip(client: bigquery.Client, dataset: str) -> None:
    frame = pd.DataFrame(
        {
            "i": pd.Series([1, 2], dtype="int64"),
            "f": [1.5, 2.5],
            "s": ["x", "y"],
            "ts": pd.to_datetime(["2024-01-01 12:00:00", "2024-06-01 00:00:01"], utc=True),
            "d": pd.Series([dt.date(2024, 1, 1), dt.date(2024, 2, 29)], dtype="dbdate"),
        }
    )
    client.load_table_from_dataframe(frame, f"{dataset}.df").result()
    table = client.get_table(f"{dataset}.df")
    assert [f.field_type for f in table.schema] == [
        "INTEGER",
        "FLOAT",
        "STRING",
        "TIMESTAMP",
        "DATE",
    ]
    got = client.list_rows(table).to_dataframe(create_bqstorage_client=False)
    got = got.sort_values("i").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, frame, check_dtype=False)


def test_resumable_upload(client: bigquery.Client, dataset: str) -> None:
    text = "".join(f"row{i},{i}\n" for i in range(1000))
    stream = io.BytesIO(text.encode())
    job_config = bigquery.LoadJobConfig(source_format="CSV", schema=SCHEMA)
    job_resource = bigquery.LoadJob(
        bigquery.job._JobReference("resumable-job-1", client.project, "US"),
        None,
        bigquery.TableReference.from_string(f"{dataset}.t"),
        client,
        job_config,
    ).to_api_repr()
    response = client._do_resumable_upload(stream, job_resource, None, None)
    assert response.status_code == 200
    assert json.loads(response.content)["status"]["state"] == "DONE"
    assert client.get_table(f"{dataset}.t").num_rows == 1000


def test_gs_uri_wildcard(client: bigquery.Client, dataset: str, bucket: tuple[str, Path]) -> None:
    name, root = bucket
    (root / "in").mkdir()
    (root / "in" / "part-1.csv").write_text("a,1\n")
    (root / "in" / "part-2.csv").write_text("b,2\n")
    (root / "in" / "other.txt").write_text("zzz\n")
    job_config = bigquery.LoadJobConfig(source_format="CSV", schema=SCHEMA)
    job = client.load_table_from_uri(
        f"gs://{name}/in/part-*.csv", f"{dataset}.t", job_config=job_config
    )
    job.result()
    assert job.input_files == 2
    assert sorted(_rows(client, f"{dataset}.t")) == [("a", 1), ("b", 2)]


def test_uri_escape_is_refused(
    client: bigquery.Client, dataset: str, bucket: tuple[str, Path]
) -> None:
    name, _ = bucket
    job_config = bigquery.LoadJobConfig(source_format="CSV", autodetect=True)
    for uri in (f"gs://{name}/../../etc/passwd", "/etc/passwd", "file:///etc/passwd"):
        job = client.load_table_from_uri(uri, f"{dataset}.t", job_config=job_config)
        with pytest.raises(exceptions.Forbidden):
            job.result()


def test_uri_symlink_escape_is_refused(
    client: bigquery.Client, dataset: str, bucket: tuple[str, Path], tmp_path: Path
) -> None:
    name, root = bucket
    secret = tmp_path / "secret.csv"
    secret.write_text("s,1\n")
    (root / "link.csv").symlink_to(secret)
    job_config = bigquery.LoadJobConfig(source_format="CSV", schema=SCHEMA)
    job = client.load_table_from_uri(f"gs://{name}/link.csv", f"{dataset}.t", job_config=job_config)
    with pytest.raises(exceptions.Forbidden):
        job.result()


def test_missing_uri_is_404(
    client: bigquery.Client, dataset: str, bucket: tuple[str, Path]
) -> None:
    name, _ = bucket
    job_config = bigquery.LoadJobConfig(source_format="CSV", schema=SCHEMA)
    job = client.load_table_from_uri(f"gs://{name}/nope.csv", f"{dataset}.t", job_config=job_config)
    with pytest.raises(exceptions.NotFound, match="Not found: URI"):
        job.result()


def test_avro_and_orc(client: bigquery.Client, dataset: str, bucket: tuple[str, Path]) -> None:
    import fastavro
    from pyarrow import orc

    name, root = bucket
    avro_schema = {
        "type": "record",
        "name": "R",
        "fields": [
            {"name": "id", "type": "long"},
            {"name": "label", "type": ["null", "string"]},
            {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        ],
    }
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with (root / "x.avro").open("wb") as handle:
        fastavro.writer(handle, avro_schema, [{"id": 1, "label": "a", "at": when}])
    orc.write_table(pa.table({"id": [2, 3], "label": ["b", None]}), str(root / "x.orc"))
    avro_config = bigquery.LoadJobConfig(source_format="AVRO")
    client.load_table_from_uri(
        f"gs://{name}/x.avro", f"{dataset}.a", job_config=avro_config
    ).result()
    assert _rows(client, f"{dataset}.a") == [(1, "a", when)]
    orc_config = bigquery.LoadJobConfig(source_format="ORC")
    client.load_table_from_uri(f"gs://{name}/x.orc", f"{dataset}.o", job_config=orc_config).result()
    assert sorted(_rows(client, f"{dataset}.o"), key=lambda r: r[0]) == [(2, "b"), (3, None)]


def test_write_dispositions(client: bigquery.Client, dataset: str) -> None:
    table = f"{dataset}.t"
    _load_csv(client, table, "a,1\n", schema=SCHEMA)
    _load_csv(client, table, "b,2\n", schema=SCHEMA, write_disposition="WRITE_APPEND")
    assert client.get_table(table).num_rows == 2
    _load_csv(client, table, "c,3\n", schema=SCHEMA, write_disposition="WRITE_TRUNCATE")
    assert _rows(client, table) == [("c", 3)]
    with pytest.raises(exceptions.Conflict):
        _load_csv(client, table, "d,4\n", schema=SCHEMA, write_disposition="WRITE_EMPTY")
    with pytest.raises(exceptions.NotFound):
        _load_csv(
            client, f"{dataset}.none", "d,4\n", schema=SCHEMA, create_disposition="CREATE_NEVER"
        )


def test_allow_field_addition(client: bigquery.Client, dataset: str) -> None:
    table = f"{dataset}.t"
    _load_csv(client, table, "a,1\n", schema=SCHEMA)
    wider = [*SCHEMA, SF("extra", "STRING")]
    with pytest.raises(exceptions.BadRequest):
        _load_csv(client, table, "b,2,x\n", schema=wider)
    _load_csv(
        client, table, "b,2,x\n", schema=wider, schema_update_options=["ALLOW_FIELD_ADDITION"]
    )
    assert [f.name for f in client.get_table(table).schema] == ["name", "n", "extra"]
    assert sorted(_rows(client, table)) == [("a", 1, None), ("b", 2, "x")]


def test_resumable_upload_in_chunks(
    client: bigquery.Client, dataset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from google.cloud.bigquery import client as client_module

    # The smallest chunk resumable-media allows, so the upload takes several PUTs (308s).
    monkeypatch.setattr(client_module, "_DEFAULT_CHUNKSIZE", 256 * 1024)
    text = "".join(f"row-{i:08d},{i}\n" for i in range(40_000))
    assert len(text) > 2 * 256 * 1024
    job_config = bigquery.LoadJobConfig(source_format="CSV", schema=SCHEMA)
    job = client.load_table_from_file(
        io.BytesIO(text.encode()), f"{dataset}.t", job_config=job_config, size=None
    )
    job.result()
    assert client.get_table(f"{dataset}.t").num_rows == 40_000


# --------------------------------------------------------------------------- CSV fast path


def _csv_both_ways(text: str, fields: list[dict[str, Any]] | None, **config: Any) -> Any:
    """The CSV reader's answer with DuckDB's reader allowed and with the reference reader only."""
    import duckdb

    from bqhouse import errors, schema
    from bqhouse.jobs.load import LoadContext, read_csv, read_csv_reference
    from bqhouse.storage.writer import SqlRows

    declared = schema.normalize_fields(fields) if fields else None
    con = duckdb.connect()
    answers = []
    for engine in (con.cursor, None):
        ctx = LoadContext(dict(config), declared, None, [text.encode()], engine=engine)
        try:
            parsed = read_csv(ctx)
            data = parsed.data
            if isinstance(data, SqlRows):
                # What run_load does: the query feeds the insert; if it stops, the reference.
                try:
                    found = con.execute(data.sql, data.params).fetch_arrow_table()
                    data = found.cast(schema.arrow_schema(parsed.fields))
                except duckdb.Error:
                    parsed = read_csv_reference(ctx)
                    data = parsed.data
            assert isinstance(data, pa.Table)
            answers.append((data.to_pylist(), parsed.fields, parsed.bad_records))
        except errors.BigQueryError as exc:
            answers.append((type(exc).__name__, str(exc), exc.details))
        finally:
            for path in ctx.scratch:
                path.unlink()
    con.close()
    return answers


PLAIN = [{"name": "s", "type": "STRING"}, {"name": "n", "type": "INT64"}]
TYPED = [
    {"name": "b", "type": "BOOL"},
    {"name": "f", "type": "FLOAT64"},
    {"name": "d", "type": "DATE"},
    {"name": "x", "type": "NUMERIC"},
    {"name": "z", "type": "NUMERIC", "precision": "5", "scale": "2"},
]


@pytest.mark.parametrize(
    ("text", "fields", "config"),
    [
        ("a,1\nb,2\n", PLAIN, {}),
        ('"a,b",1\n"x""y",2\n"",\n', PLAIN, {}),
        ("a,1\nb, 2 \nc,+3\nd,-0\n", PLAIN, {}),
        ("a,1.5\n", PLAIN, {}),
        ("a,99999999999999999999\n", PLAIN, {}),
        ("a,1,3\n", PLAIN, {}),
        ("a,1,\nb,2\n", PLAIN, {}),
        ("a,1\nb,2,", PLAIN, {"maxBadRecords": 1}),
        ("a\n", PLAIN, {}),
        ("a,1\n\nb,2\n", PLAIN, {}),
        ('"a\nb",1\n', PLAIN, {}),
        ('"a\nb",1\n', PLAIN, {"allowQuotedNewlines": True}),
        ("name,n\na,1\n", PLAIN, {"skipLeadingRows": 1}),
        ('"na\nme",n\na,1\n', PLAIN, {"skipLeadingRows": 1, "allowQuotedNewlines": True}),
        ("a,1\r\nb,2\r\n", PLAIN, {}),
        ("é,1\n", PLAIN, {}),
        ("a;1\n", PLAIN, {"fieldDelimiter": ";"}),
        ('a "b",1\n"a" b,1\n', PLAIN, {}),
        ("b,2\nc,oops\nd,4\n", PLAIN, {"maxBadRecords": 1}),
        ("a,1\n", PLAIN, {"nullMarker": "a"}),
        ("t,1.5,2024-01-05,1.25,123.45\nYES,1e3,2024-1-5,-1,1\n", TYPED, {}),
        ("n,.5,0001-01-01,1.,999.99\n,,,,\n 0 , 5. ,2024-01-01 , 3 ,1\n", TYPED, {}),
        ("0,inf,2024-02-30,1.1234567891,1\n", TYPED, {}),
        ("x,nan,2024-01-01,1,1000\n", TYPED, {"maxBadRecords": 5}),
        ("a,b,c\n1,x,2024-01-01\n2,y,2024-01-02\n", None, {"autodetect": True}),
        ("a,b\n1,2\n", None, {"autodetect": True, "skipLeadingRows": 1}),
        ("1,2.5,true\n3,4,false\n", None, {"autodetect": True}),
    ],
)
def test_csv_fast_path_agrees_with_reference_reader(
    text: str, fields: list[dict[str, Any]] | None, config: dict[str, Any]
) -> None:
    fast, reference = _csv_both_ways(text, fields, **config)
    assert fast == reference


def test_csv_fast_path_large_autodetected_file(client: bigquery.Client, dataset: str) -> None:
    lines = ["id,price,day,name,flag"]
    lines += [
        f'{i},{i * 0.25},2024-01-{i % 28 + 1:02d},"n, {i}",{"true" if i % 2 else "false"}'
        for i in range(3000)
    ]
    job = _load_csv(
        client, f"{dataset}.big", "\n".join(lines) + "\n", autodetect=True, skip_leading_rows=1
    )
    assert job.output_rows == 3000
    table = client.get_table(f"{dataset}.big")
    assert [(f.name, f.field_type) for f in table.schema] == [
        ("id", "INTEGER"),
        ("price", "FLOAT"),
        ("day", "DATE"),
        ("name", "STRING"),
        ("flag", "BOOLEAN"),
    ]
    rows = client.query_and_wait(
        f"SELECT SUM(id), SUM(price), MAX(day), COUNTIF(flag), MAX(name) FROM {dataset}.big"
    )
    assert list(next(iter(rows)).values()) == [
        sum(range(3000)),
        sum(i * 0.25 for i in range(3000)),
        dt.date(2024, 1, 28),
        1500,
        "n, 999",
    ]
