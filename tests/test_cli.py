"""The ``bqhouse`` command: embedded on a data directory, and against a real ``bqhouse serve``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

from bqhouse import cli as cli_module
from bqhouse.cli import Ref, cli, parse_schema
from bqhouse.demo import demo_rows, is_empty
from bqhouse.server import free_port

SEED_QUERY = (
    "WITH question_answers_join AS (SELECT *, GREATEST(1, TIMESTAMP_DIFF(answers.first, "
    "creation_date, minute)) minutes_2_answer FROM (SELECT id, creation_date, title, (SELECT AS "
    "STRUCT MIN(creation_date) first, COUNT(*) c FROM `demo.posts_answers` WHERE a.id=parent_id) "
    "answers, SPLIT(tags, '|') tags FROM `demo.posts_questions` a WHERE EXTRACT(year FROM "
    "creation_date) > 2014)) SELECT COUNT(*) questions, tag, ROUND(EXP(AVG(LOG(minutes_2_answer)))"
    ", 2) mean_geo_minutes, APPROX_QUANTILES(minutes_2_answer, 100)[SAFE_OFFSET(50)] median FROM "
    "question_answers_join, UNNEST(tags) tag WHERE tag IN ('javascript', 'python', 'rust', "
    "'java', 'scala', 'ruby', 'go', 'react', 'c', 'c++') AND answers.c > 0 GROUP BY tag ORDER BY "
    "mean_geo_minutes"
)


class Bq:
    """Runs ``bqhouse`` in-process with a fixed environment."""

    def __init__(self, env: dict[str, str | None]) -> None:
        self.runner = CliRunner(env=env)

    def __call__(self, *args: str, code: int = 0, stdin: str | None = None) -> Result:
        result = self.runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)
        assert result.exit_code == code, (result.stdout, result.stderr)
        assert "Traceback" not in result.output
        return result


@pytest.fixture
def bq(tmp_path: Path) -> Bq:
    return Bq({"BQHOUSE_DATA_DIR": str(tmp_path / "data"), "BQHOUSE_API": None})


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text('id,name,born\n1,ada,1815-12-10 00:00:00\n2,alan,\n3,"grace, rear admiral",\n')
    return path


def test_embedded_workflow(bq: Bq, csv_file: Path) -> None:
    assert "successfully created" in bq("mk", "people", "--description", "folks").stdout
    bq("mk", "people.typed", "--schema", "id:INT64,name:STRING,born:TIMESTAMP")
    loaded = bq("load", "--skip-leading-rows", "1", "people.typed", str(csv_file))
    assert "Loaded 3 rows" in loaded.stdout
    bq("load", "--autodetect", "--source-format", "CSV", "people.auto", str(csv_file))

    assert bq("ls").stdout.split() == ["people"]
    listing = bq("ls", "people").stdout
    assert "auto" in listing and "typed" in listing and "TABLE" in listing

    dataset = json.loads(bq("show", "people").stdout)
    assert dataset["datasetReference"]["datasetId"] == "people"
    assert dataset["description"] == "folks"
    table = json.loads(bq("show", "people.typed").stdout)
    assert table["numRows"] == "3"
    assert bq("show", "--schema", "people.typed").stdout.splitlines() == [
        "id: INTEGER NULLABLE",
        "name: STRING NULLABLE",
        "born: TIMESTAMP NULLABLE",
    ]

    sql = "SELECT id, name, born FROM typed ORDER BY id"
    text = bq("query", "--dataset", "people", sql).stdout
    assert "| 1  | ada                 | 1815-12-10 00:00:00 UTC |" in text
    assert "| 2  | alan                | NULL                    |" in text
    csv_out = bq("query", "--format", "csv", "--dataset", "people", sql).stdout
    assert csv_out.splitlines()[:2] == ["id,name,born", "1,ada,1815-12-10 00:00:00 UTC"]
    assert '3,"grace, rear admiral",' in csv_out
    rows = json.loads(bq("query", "--format", "json", "--dataset", "people", sql).stdout)
    assert rows[1] == {"id": "2", "name": "alan", "born": None}
    limited = bq(
        "query", "--max-rows", "1", "--format", "json", sql.replace("typed", "people.typed")
    )
    assert len(json.loads(limited.stdout)) == 1
    assert "1 of 3 rows" in limited.stderr

    nested = bq("query", "--format", "json", "SELECT STRUCT(1 AS a, [2, 3] AS b) s, b'x' y")
    assert json.loads(nested.stdout) == [{"s": {"a": "1", "b": ["2", "3"]}, "y": "eA=="}]
    dry = bq("query", "--dry-run", "SELECT * FROM people.typed").stdout
    assert "successfully validated" in dry and "bytes" in dry
    dml = bq("query", "DELETE FROM people.typed WHERE id = 3").stdout
    assert "affected rows: 1" in dml

    bq("rm", "-f", "people.typed")
    assert "typed" not in bq("ls", "people").stdout
    assert "still in use" in bq("rm", "-f", "people", code=1).stderr
    bq("rm", "-r", "-f", "people")
    assert bq("ls").stdout == ""


def test_errors_exit_1_without_traceback(bq: Bq) -> None:
    bad = bq("query", "SELEC 1", code=1)
    assert bad.stderr.startswith("Error: invalidQuery: ")
    assert bad.stdout == ""
    assert bq("show", "nope", code=1).stderr.startswith("Error: notFound: Not found: Dataset")
    bq("mk", "d")
    assert bq("mk", "d", code=1).stderr.startswith("Error: duplicate: ")
    assert "Error: invalid: " in bq("mk", "a.b.c.d", code=1).stderr


def test_rm_asks_first(bq: Bq) -> None:
    bq("mk", "keep")
    bq("rm", "keep", stdin="n\n", code=1)
    assert bq("ls").stdout.split() == ["keep"]
    bq("rm", "keep", stdin="y\n")
    assert bq("ls").stdout == ""


def test_load_with_progress_and_replace(
    bq: Bq, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "_PROGRESS_BYTES", 10)
    rows = tmp_path / "rows.json"
    rows.write_text("".join(json.dumps({"n": i, "s": f"r{i}"}) + "\n" for i in range(500)))
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps([{"name": "n", "type": "INT64"}, {"name": "s", "type": "STRING"}]))
    bq("mk", "d")
    args = ["load", "--source-format", "NEWLINE_DELIMITED_JSON", "--schema", str(schema)]
    bq(*args, "d.t", str(rows))
    bq(*args, "d.t", str(rows))
    assert bq("query", "--format", "csv", "SELECT COUNT(*) c FROM d.t").stdout == "c\n1000\n"
    bq(*args, "--replace", "d.t", str(rows))
    assert bq("query", "--format", "csv", "SELECT COUNT(*) c FROM d.t").stdout == "c\n500\n"


def test_load_from_bucket(bq: Bq, tmp_path: Path, csv_file: Path) -> None:
    bucket = tmp_path / "data" / "buckets" / "my-bucket"
    bucket.mkdir(parents=True)
    (bucket / "people.csv").write_bytes(csv_file.read_bytes())
    bq("mk", "d")
    uri = "gs://my-bucket/people.csv"
    assert "Loaded 3 rows" in bq("load", "--autodetect", "d.t", uri).stdout
    assert "Error: " in bq("load", "d.t", "gs://my-bucket/missing.csv", code=1).stderr
    assert "no such file" in bq("load", "d.t", str(tmp_path / "nope.csv"), code=2).stderr


def test_helpers() -> None:
    assert Ref.parse("p.d.t", "x") == Ref("p", "d", "t")
    assert str(Ref.parse("p:d.t", "x")) == "p:d.t"
    assert parse_schema("a:int64, b") == [
        {"name": "a", "type": "INT64"},
        {"name": "b", "type": "STRING"},
    ]
    assert demo_rows() == demo_rows()


def test_is_empty(tmp_path: Path) -> None:
    assert is_empty(tmp_path / "missing")
    assert is_empty(tmp_path)
    (tmp_path / "x").write_text("")
    assert not is_empty(tmp_path)


# ---- a real `bqhouse serve` -------------------------------------------------------------------


class Served:
    def __init__(self, url: str, data_dir: Path) -> None:
        self.url = url
        self.data_dir = data_dir

    def client(self) -> bigquery.Client:
        return bigquery.Client(
            project="bqhouse",
            credentials=AnonymousCredentials(),
            client_options=ClientOptions(api_endpoint=self.url),
        )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve")
    data_dir, port = tmp / "data", free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BQHOUSE_API": "", "BQHOUSE_DATA_DIR": ""}
    command = [sys.executable, "-m", "bqhouse", "serve", "--port", str(port)]
    with (tmp / "serve.log").open("wb") as log:
        proc = subprocess.Popen(
            [*command, "--data-dir", str(data_dir)], stdout=log, stderr=subprocess.STDOUT, env=env
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((tmp / "serve.log").read_text())
            time.sleep(0.2)
        yield Served(url, data_dir)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert url in (tmp / "serve.log").read_text()


def test_serve_loads_demo(served: Served) -> None:
    client = served.client()
    assert [d.dataset_id for d in client.list_datasets()] == ["demo"]
    tables = {t.table_id for t in client.list_tables("demo")}
    assert tables == {"posts_questions", "posts_answers"}
    rows = list(client.query_and_wait(SEED_QUERY))
    assert len(rows) == 10
    assert {row["tag"] for row in rows} == {
        "javascript", "python", "rust", "java", "scala", "ruby", "go", "react", "c", "c++"
    }  # fmt: skip
    means = [row["mean_geo_minutes"] for row in rows]
    assert means == sorted(means) and all(row["questions"] > 0 for row in rows)
    client.close()


def test_api_mode(served: Served, csv_file: Path) -> None:
    bq = Bq({"BQHOUSE_API": served.url, "BQHOUSE_DATA_DIR": None})
    assert "demo" in bq("ls").stdout.split()
    assert "posts_questions" in bq("ls", "demo").stdout
    seed = bq("query", "--format", "json", SEED_QUERY).stdout
    assert len(json.loads(seed)) == 10
    bq("mk", "api_ds")
    bq("mk", "api_ds.t", "--schema", "id:INT64,name:STRING,born:TIMESTAMP")
    assert (
        "Loaded 3 rows" in bq("load", "--skip-leading-rows", "1", "api_ds.t", str(csv_file)).stdout
    )
    table = json.loads(bq("show", "api_ds.t").stdout)
    assert table["schema"]["fields"][0]["name"] == "id"
    text = bq("query", "--dataset", "api_ds", "SELECT * FROM t ORDER BY id").stdout
    assert "| 1  | ada                 | 1815-12-10 00:00:00 UTC |" in text
    assert "successfully validated" in bq("query", "--dry-run", "SELECT * FROM api_ds.t").stdout
    assert bq("query", "SELEC 1", code=1).stderr.startswith("Error: invalidQuery: ")
    assert bq("show", "api_ds.nope", code=1).stderr.startswith("Error: notFound: ")
    bq("rm", "-r", "-f", "api_ds")
    assert "api_ds" not in bq("ls").stdout.split()


def test_data_dir_in_use_suggests_api(served: Served) -> None:
    bq = Bq({"BQHOUSE_API": None, "BQHOUSE_DATA_DIR": str(served.data_dir)})
    result = bq("ls", code=1)
    assert "in use by another process" in result.stderr and "--api" in result.stderr
