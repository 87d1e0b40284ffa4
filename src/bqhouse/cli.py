"""The ``bqhouse`` command, in the spirit of Google's ``bq`` tool.

``serve`` owns the data directory and answers REST v2. Every other command works either embedded on
``--data-dir`` or, with ``--api URL``, through a running server with the official client: a DuckLake
data directory can be opened by one process at a time.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

import click

from bqhouse import errors

if TYPE_CHECKING:
    from google.cloud import bigquery

    from bqhouse.warehouse import Warehouse

Resource = dict[str, Any]
# A cell ready for display: text, NULL, an ARRAY or a STRUCT.
Cell = str | None | list[Any] | dict[str, Any]

DEFAULT_DATA_DIR = "./bqhouse-data"
DEFAULT_PROJECT = "bqhouse"
FORMATS = ("CSV", "NEWLINE_DELIMITED_JSON", "PARQUET", "AVRO", "ORC")
_PROGRESS_BYTES = 4 * 1024 * 1024
_CHUNK = 1024 * 1024


class Failure(Exception):
    """An error to print as ``Error: <reason>: <message>``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


# ---- identifiers, schemas and cells ---------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """``[PROJECT:]DATASET[.TABLE]`` or ``PROJECT.DATASET.TABLE``."""

    project: str
    dataset: str
    table: str | None = None

    @classmethod
    def parse(cls, text: str, project: str) -> Ref:
        """
        >>> Ref.parse("d.t", "p")
        Ref(project='p', dataset='d', table='t')
        >>> Ref.parse("q:d", "p")
        Ref(project='q', dataset='d', table=None)
        """
        if ":" in text:
            project, text = text.split(":", 1)
        parts = text.split(".")
        if len(parts) == 3:
            project, parts = parts[0], parts[1:]
        if not 1 <= len(parts) <= 2 or not all(parts):
            raise Failure("invalid", f"Expected DATASET or DATASET.TABLE, got {text!r}")
        return cls(project, parts[0], parts[1] if len(parts) == 2 else None)

    def __str__(self) -> str:
        return f"{self.project}:{self.dataset}" + (f".{self.table}" if self.table else "")


def parse_schema(text: str) -> list[Resource]:
    """``name:TYPE,...`` (a bare name is a STRING), or the path of a JSON schema file.

    >>> parse_schema("id:INT64,name")
    [{'name': 'id', 'type': 'INT64'}, {'name': 'name', 'type': 'STRING'}]
    """
    if os.path.isfile(text):
        loaded = json.loads(Path(text).read_text())
        return list(loaded["fields"] if isinstance(loaded, dict) else loaded)
    fields = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, kind = item.partition(":")
        fields.append({"name": name.strip(), "type": (kind.strip() or "STRING").upper()})
    return fields


def _timestamp_text(moment: dt.datetime) -> str:
    text = moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f").rstrip("0").rstrip(".")
    return f"{text} UTC"


def from_wire(value: Any, fld: Resource) -> Cell:
    """A REST ``f``/``v`` cell for display.

    >>> from_wire("1.5E9", {"type": "TIMESTAMP"})
    '2017-07-14 02:40:00 UTC'
    >>> from_wire([{"v": {"f": [{"v": "1"}]}}], {"mode": "REPEATED", "type": "RECORD",
    ...           "fields": [{"name": "a", "type": "INT64"}]})
    [{'a': '1'}]
    """
    if value is None:
        return None
    if fld.get("mode") == "REPEATED":
        return [from_wire(item["v"], {**fld, "mode": "NULLABLE"}) for item in value]
    if fld.get("type") in ("RECORD", "STRUCT"):
        subs = fld.get("fields") or []
        return {s["name"]: from_wire(c["v"], s) for s, c in zip(subs, value["f"], strict=True)}
    if fld.get("type") == "TIMESTAMP":
        micros = int(value) if value.lstrip("-").isdigit() else round(float(value) * 1e6)
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        return _timestamp_text(epoch + dt.timedelta(microseconds=micros))
    return str(value)


def from_python(value: Any) -> Cell:
    """A value from ``google.cloud.bigquery`` rows for display, as :func:`from_wire` shows it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return _timestamp_text(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, list):
        return [from_python(item) for item in value]
    if isinstance(value, dict):
        return {key: from_python(item) for key, item in value.items()}
    if isinstance(value, Decimal | int | float):
        return str(value)
    return json.dumps(value, default=str)


def _text(cell: Cell) -> str:
    if cell is None:
        return "NULL"
    return cell if isinstance(cell, str) else json.dumps(cell)


def render_table(names: list[str], rows: list[list[Cell]]) -> str:
    """A ``bq``-style text table.

    >>> print(render_table(["x", "name"], [["1", "a"]]))
    +---+------+
    | x | name |
    +---+------+
    | 1 | a    |
    +---+------+
    """
    cells = [[_text(cell) for cell in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(names)]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(values: list[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    return "\n".join([rule, line(names), rule, *(line(row) for row in cells), rule])


def render_csv(names: list[str], rows: list[list[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(
            ["" if c is None else c if isinstance(c, str) else json.dumps(c) for c in row]
        )
    return out.getvalue().rstrip("\n")


def render_json(names: list[str], rows: list[list[Cell]]) -> str:
    return json.dumps([dict(zip(names, row, strict=True)) for row in rows])


RENDERERS: dict[str, Callable[[list[str], list[list[Cell]]], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}


# ---- backends: the warehouse in this process, or a server over REST -------------------------


@dataclass
class QueryResult:
    fields: list[Resource]
    rows: list[list[Cell]] = field(default_factory=list)
    total_rows: int = 0
    bytes_processed: int = 0
    dml_rows: int | None = None


class Backend(Protocol):
    project: str

    def list_datasets(self) -> list[str]: ...
    def list_tables(self, ref: Ref) -> list[tuple[str, str]]: ...
    def get(self, ref: Ref) -> Resource: ...
    def create(self, ref: Ref, body: Resource) -> None: ...
    def delete(self, ref: Ref, *, recursive: bool) -> None: ...
    def query(
        self, sql: str, *, dataset: Ref | None, max_rows: int | None, dry_run: bool
    ) -> QueryResult: ...
    def load(self, ref: Ref, config: Resource, path: Path | None) -> int: ...
    def close(self) -> None: ...


class _ProgressReader(io.BufferedReader):
    """A binary file that advances a click progress bar as it is read."""

    def __init__(self, raw: io.FileIO, bar: Any) -> None:
        super().__init__(raw)
        self.bar = bar

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        if self.bar is not None:
            self.bar.update(len(data))
        return data


@contextmanager
def _progress(path: Path, label: str) -> Iterator[Any]:
    size = path.stat().st_size
    if size < _PROGRESS_BYTES:
        yield None
        return
    bar: Any = click.progressbar(length=size, label=label, file=sys.stderr)
    with bar:
        yield bar


class Embedded:
    """The warehouse of ``--data-dir``, opened in this process."""

    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse
        self.project = warehouse.project

    def list_datasets(self) -> list[str]:
        sets = self.warehouse.catalog.list_datasets(self.project)
        return [d["datasetReference"]["datasetId"] for d in sets]

    def list_tables(self, ref: Ref) -> list[tuple[str, str]]:
        tables = self.warehouse.catalog.list_tables(ref.project, ref.dataset)
        return [(t["tableReference"]["tableId"], t["type"]) for t in tables]

    def get(self, ref: Ref) -> Resource:
        catalog = self.warehouse.catalog
        if ref.table:
            return catalog.get_table(ref.project, ref.dataset, ref.table)
        return catalog.get_dataset(ref.project, ref.dataset)

    def create(self, ref: Ref, body: Resource) -> None:
        if ref.table:
            self.warehouse.catalog.create_table(ref.project, ref.dataset, body)
        else:
            self.warehouse.catalog.create_dataset(ref.project, ref.dataset, body)

    def delete(self, ref: Ref, *, recursive: bool) -> None:
        if ref.table:
            self.warehouse.catalog.delete_table(ref.project, ref.dataset, ref.table)
        else:
            self.warehouse.catalog.delete_dataset(
                ref.project, ref.dataset, delete_contents=recursive
            )

    def query(
        self, sql: str, *, dataset: Ref | None, max_rows: int | None, dry_run: bool
    ) -> QueryResult:
        request: Resource = {"query": sql, "useLegacySql": False, "dryRun": dry_run}
        if dataset:
            request["defaultDataset"] = {"projectId": dataset.project, "datasetId": dataset.dataset}
        if max_rows is not None:
            request["maxResults"] = max_rows
        jobs = self.warehouse.jobs
        response = jobs.query(self.project, request)
        fields = response.get("schema", {}).get("fields", [])
        wire = list(response.get("rows", []))
        token = response.get("pageToken")
        while token and (max_rows is None or len(wire) < max_rows):
            more = jobs.results(self.project, response["jobReference"]["jobId"], page_token=token)
            wire.extend(more.get("rows", []))
            token = more.get("pageToken")
        rows = [
            [from_wire(c["v"], f) for c, f in zip(row["f"], fields, strict=True)]
            for row in wire[:max_rows]
        ]
        dml = response.get("numDmlAffectedRows")
        return QueryResult(
            fields,
            rows,
            int(response.get("totalRows", len(rows))),
            int(response.get("totalBytesProcessed", 0)),
            None if dml is None else int(dml),
        )

    def load(self, ref: Ref, config: Resource, path: Path | None) -> int:
        data = None
        if path is not None:
            with _progress(path, "Reading") as bar, _ProgressReader(io.FileIO(path), bar) as handle:
                data = b"".join(iter(functools.partial(handle.read, _CHUNK), b""))
        job = self.warehouse.jobs.insert(
            self.project, {"configuration": {"load": config}}, upload=data
        )
        if "errorResult" in job["status"]:
            proto = job["status"]["errorResult"]
            raise Failure(proto.get("reason", "internalError"), proto.get("message", ""))
        return int(job["statistics"].get("load", {}).get("outputRows", 0))

    def close(self) -> None:
        self.warehouse.close()


class Remote:
    """A running server, through ``google.cloud.bigquery.Client``."""

    def __init__(self, client: bigquery.Client) -> None:
        self.client = client
        self.project = str(client.project)

    def _id(self, ref: Ref) -> str:
        return f"{ref.project}.{ref.dataset}" + (f".{ref.table}" if ref.table else "")

    def list_datasets(self) -> list[str]:
        return [d.dataset_id for d in self.client.list_datasets(self.project)]

    def list_tables(self, ref: Ref) -> list[tuple[str, str]]:
        return [(t.table_id, str(t.table_type)) for t in self.client.list_tables(self._id(ref))]

    def get(self, ref: Ref) -> Resource:
        if ref.table:
            return dict(self.client.get_table(self._id(ref)).to_api_repr())
        return dict(self.client.get_dataset(self._id(ref)).to_api_repr())

    def create(self, ref: Ref, body: Resource) -> None:
        from google.cloud import bigquery

        if ref.table:
            self.client.create_table(bigquery.Table.from_api_repr(body))
        else:
            self.client.create_dataset(bigquery.Dataset.from_api_repr(body))

    def delete(self, ref: Ref, *, recursive: bool) -> None:
        if ref.table:
            self.client.delete_table(self._id(ref))
        else:
            self.client.delete_dataset(self._id(ref), delete_contents=recursive)

    def query(
        self, sql: str, *, dataset: Ref | None, max_rows: int | None, dry_run: bool
    ) -> QueryResult:
        from google.cloud import bigquery

        config = bigquery.QueryJobConfig(dry_run=dry_run, use_legacy_sql=False)
        if dataset:
            config.default_dataset = self._id(dataset)
        if dry_run:
            job = self.client.query(sql, job_config=config)
            fields = [f.to_api_repr() for f in job.schema or []]
            return QueryResult(fields, bytes_processed=int(job.total_bytes_processed or 0))
        result = self.client.query_and_wait(sql, job_config=config, max_results=max_rows)
        rows = [[from_python(v) for v in row.values()] for row in result]
        dml = getattr(result, "num_dml_affected_rows", None)
        return QueryResult(
            [f.to_api_repr() for f in result.schema or []],
            rows[:max_rows],
            int(result.total_rows or len(rows)),
            dml_rows=None if dml is None else int(dml),
        )

    def load(self, ref: Ref, config: Resource, path: Path | None) -> int:
        from google.cloud import bigquery

        props = {k: v for k, v in config.items() if k != "sourceUris"}
        job_config = cast(
            "bigquery.LoadJobConfig", bigquery.LoadJobConfig.from_api_repr({"load": props})
        )
        job: bigquery.LoadJob
        if path is None:
            uris = config["sourceUris"]
            job = self.client.load_table_from_uri(uris, self._id(ref), job_config=job_config)
        else:
            with _progress(path, "Uploading") as bar, _ProgressReader(io.FileIO(path), bar) as f:
                job = self.client.load_table_from_file(f, self._id(ref), job_config=job_config)
        job.result()
        return int(job.output_rows or 0)

    def close(self) -> None:
        self.client.close()


def open_warehouse(data_dir: str, project: str, **settings: Any) -> Warehouse:
    """The warehouse of ``data_dir``, or a clear error when another process holds it."""
    import duckdb

    from bqhouse.warehouse import Warehouse

    try:
        return Warehouse(data_dir, project=project, **settings)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise click.ClickException(
            f"the data directory {data_dir} is in use by another process (a running "
            "`bqhouse serve`?). Stop it, or talk to it with --api http://HOST:PORT "
            "(or BQHOUSE_API)."
        ) from exc


def open_client(api: str, project: str) -> bigquery.Client:
    try:
        from google.api_core.client_options import ClientOptions
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import bigquery
    except ImportError as exc:
        raise click.ClickException(
            "--api needs google-cloud-bigquery: pip install google-cloud-bigquery"
        ) from exc
    return bigquery.Client(
        project=project,
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=api.rstrip("/")),
    )


def with_backend(command: Callable[..., None]) -> Callable[..., None]:
    """Add ``--data-dir``, ``--api`` and ``--project``; pass ``backend`` to the command."""

    @click.option(
        "--data-dir",
        envvar="BQHOUSE_DATA_DIR",
        default=DEFAULT_DATA_DIR,
        show_default=True,
        help="Data directory to open in this process.",
    )
    @click.option(
        "--api",
        envvar="BQHOUSE_API",
        metavar="URL",
        help="Use the REST API of a running `bqhouse serve` instead of --data-dir.",
    )
    @click.option(
        "--project",
        envvar="BQHOUSE_PROJECT",
        default=DEFAULT_PROJECT,
        show_default=True,
        help="Project of unqualified datasets.",
    )
    @functools.wraps(command)
    def wrapper(data_dir: str, api: str | None, project: str, **kwargs: Any) -> None:
        backend: Backend
        if api:
            backend = Remote(open_client(api, project))
        else:
            backend = Embedded(open_warehouse(data_dir, project))
        try:
            command(backend=backend, **kwargs)
        finally:
            backend.close()

    return wrapper


# ---- commands -----------------------------------------------------------------------------


class Group(click.Group):
    """Prints bqhouse and BigQuery API errors as ``Error: <reason>: <message>``, exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Failure as exc:
            _fail(exc.reason, exc.message)
        except errors.BigQueryError as exc:
            _fail(exc.reason, exc.message)
        except Exception as exc:
            api_error = _api_error(exc)
            if api_error is None:
                raise
            _fail(*api_error)


def _fail(reason: str, message: str) -> None:
    click.echo(f"Error: {reason}: {message}", err=True)
    sys.exit(1)


def _api_error(exc: Exception) -> tuple[str, str] | None:
    try:
        from google.api_core import exceptions
    except ImportError:
        return None
    if not isinstance(exc, exceptions.GoogleAPICallError):
        return None
    first = exc.errors[0] if exc.errors and isinstance(exc.errors[0], dict) else {}
    reason = first.get("reason") or exc.reason or type(exc).__name__
    return str(reason), str(first.get("message") or exc.message)


@click.group(cls=Group)
@click.version_option(package_name="bqhouse")
def cli() -> None:
    """bqhouse: a BigQuery-compatible data warehouse.

    `bqhouse serve` answers BigQuery's REST API; the other commands work on the data
    directory (--data-dir) or, with --api URL, on a running server.
    """


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=9050, show_default=True, type=int)
@click.option(
    "--grpc-port",
    default=9060,
    show_default=True,
    type=int,
    help="Port of the BigQuery Storage Read/Write API (gRPC, plaintext); -1 to disable.",
)
@click.option(
    "--grpc-tls-cert",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM certificate chain: the gRPC port speaks TLS only (needs --grpc-tls-key).",
)
@click.option(
    "--grpc-tls-key",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM private key of --grpc-tls-cert.",
)
@click.option("--data-dir", envvar="BQHOUSE_DATA_DIR", default=DEFAULT_DATA_DIR, show_default=True)
@click.option("--project", envvar="BQHOUSE_PROJECT", default=DEFAULT_PROJECT, show_default=True)
@click.option(
    "--no-demo", is_flag=True, help="Do not load the demo dataset into an empty data dir."
)
@click.option(
    "--auth/--no-auth",
    default=None,
    help="Require credentials (default: on unless --host is a loopback address).",
)
@click.option(
    "--metadata-service-account",
    help="Service account the metadata server (/computeMetadata/v1) hands tokens for.",
)
@click.option(
    "--query-timeout-seconds",
    type=float,
    help="Stop a query running longer than this (reason stopped). Default: no limit.",
)
@click.option(
    "--memory-limit",
    help="DuckDB memory limit, e.g. 4GB; beyond it queries spill to DATA_DIR/tmp, then fail "
    "with resourcesExceeded. Default: DuckDB's (80% of RAM).",
)
def serve(
    host: str,
    port: int,
    grpc_port: int,
    data_dir: str,
    project: str,
    no_demo: bool,
    auth: bool | None = None,
    metadata_service_account: str | None = None,
    query_timeout_seconds: float | None = None,
    memory_limit: str | None = None,
    grpc_tls_cert: str | None = None,
    grpc_tls_key: str | None = None,
) -> None:
    """Serve BigQuery's REST API v2 (readiness at /healthz)."""
    if (grpc_tls_cert is None) != (grpc_tls_key is None):
        raise click.UsageError("--grpc-tls-cert and --grpc-tls-key go together")
    from bqhouse.auth.http import auth_required
    from bqhouse.demo import is_empty, load_demo
    from bqhouse.server import serve as run_server

    fresh = is_empty(data_dir)
    warehouse = open_warehouse(
        data_dir, project, query_timeout_seconds=query_timeout_seconds, memory_limit=memory_limit
    )
    if fresh and not no_demo:
        load_demo(warehouse)
    if auth_required(host, auth):
        from bqhouse.auth import enable_auth

        enable_auth(warehouse, metadata_service_account=metadata_service_account)
        click.echo("Auth is on: clients need credentials (see `bqhouse iam`).")
    url = f"http://{host}:{port}"
    click.echo(
        f"bqhouse listening on {url} (data: {warehouse.lake.data_dir}); client: "
        f'bigquery.Client(project="{project}", credentials=AnonymousCredentials(), '
        f'client_options={{"api_endpoint": "{url}"}})'
    )
    grpc_server = None
    if grpc_port >= 0:
        from bqhouse.grpc.server import start_grpc

        tls = None
        if grpc_tls_cert and grpc_tls_key:
            with open(grpc_tls_cert, "rb") as cert, open(grpc_tls_key, "rb") as key:
                tls = (cert.read(), key.read())
        grpc_server, bound = start_grpc(warehouse, host, grpc_port, tls=tls)
        scheme = "TLS" if tls else "plaintext"
        click.echo(f"Storage API (gRPC, {scheme}) listening on {host}:{bound}")
    sys.stdout.flush()
    try:
        run_server(warehouse, host=host, port=port)
    finally:
        if grpc_server is not None:
            grpc_server.stop(grace=None).wait()
        warehouse.close()


@cli.command()
@click.argument("sql")
@click.option(
    "--format", "fmt", type=click.Choice(list(RENDERERS)), default="table", show_default=True
)
@click.option("--dataset", "default_dataset", help="Default dataset for unqualified tables.")
@click.option("--max-rows", type=int, default=100, show_default=True, help="Rows to print.")
@click.option("--dry-run", is_flag=True, help="Validate and estimate, do not run.")
@with_backend
def query(
    backend: Backend, sql: str, fmt: str, default_dataset: str | None, max_rows: int, dry_run: bool
) -> None:
    """Run a GoogleSQL query and print its result."""
    dataset = Ref.parse(default_dataset, backend.project) if default_dataset else None
    result = backend.query(sql, dataset=dataset, max_rows=max_rows, dry_run=dry_run)
    if dry_run:
        click.echo(
            "Query successfully validated. Assuming the tables are not modified, running this "
            f"query will process {result.bytes_processed} bytes of data."
        )
    elif not result.fields:
        if result.dml_rows is not None:
            click.echo(f"Number of affected rows: {result.dml_rows}")
    else:
        click.echo(RENDERERS[fmt]([f["name"] for f in result.fields], result.rows))
        if result.total_rows > len(result.rows):
            click.echo(
                f"({len(result.rows)} of {result.total_rows} rows; see --max-rows)", err=True
            )


@cli.command()
@click.argument("destination")
@click.argument("source")
@click.option("--source-format", type=click.Choice(FORMATS), default="CSV", show_default=True)
@click.option("--schema", help="name:TYPE,... or a JSON schema file.")
@click.option("--autodetect", is_flag=True, help="Infer the schema from the data.")
@click.option("--skip-leading-rows", type=int, help="CSV header rows to skip.")
@click.option("--replace", is_flag=True, help="Replace the table's rows instead of appending.")
@with_backend
def load(
    backend: Backend,
    destination: str,
    source: str,
    source_format: str,
    schema: str | None,
    autodetect: bool,
    skip_leading_rows: int | None,
    replace: bool,
) -> None:
    """Load a local file or a gs:// URI into DATASET.TABLE.

    The table is created if needed. gs://BUCKET/OBJECT is the file DATA_DIR/buckets/BUCKET/OBJECT
    of the warehouse (of the server, with --api).
    """
    ref = Ref.parse(destination, backend.project)
    if not ref.table:
        raise Failure("invalid", "load needs DATASET.TABLE")
    config: Resource = {
        "destinationTable": {
            "projectId": ref.project,
            "datasetId": ref.dataset,
            "tableId": ref.table,
        },
        "sourceFormat": source_format,
        "writeDisposition": "WRITE_TRUNCATE" if replace else "WRITE_APPEND",
        "createDisposition": "CREATE_IF_NEEDED",
    }
    if schema:
        config["schema"] = {"fields": parse_schema(schema)}
    if autodetect:
        config["autodetect"] = True
    if skip_leading_rows is not None:
        config["skipLeadingRows"] = skip_leading_rows
    path = None
    if source.startswith("gs://"):
        config["sourceUris"] = [source]
    else:
        path = Path(source)
        if not path.is_file():
            raise click.BadParameter(f"no such file: {source}", param_hint="SOURCE")
    rows = backend.load(ref, config, path)
    click.echo(f"Loaded {rows} rows into {ref}.")


@cli.command("ls")
@click.argument("dataset", required=False)
@with_backend
def ls(backend: Backend, dataset: str | None) -> None:
    """List the project's datasets, or the tables of DATASET."""
    if dataset is None:
        for name in backend.list_datasets():
            click.echo(name)
        return
    tables = backend.list_tables(Ref.parse(dataset, backend.project))
    if tables:
        click.echo(render_table(["tableId", "type"], [list(t) for t in tables]))


@cli.command()
@click.argument("name")
@click.option("--schema", "schema_only", is_flag=True, help="Print a table's schema as a listing.")
@with_backend
def show(backend: Backend, name: str, schema_only: bool) -> None:
    """Print DATASET or DATASET.TABLE as JSON (or its schema with --schema)."""
    resource = backend.get(Ref.parse(name, backend.project))
    if not schema_only:
        click.echo(json.dumps(resource, indent=2, sort_keys=True))
        return

    def listing(fields: list[Resource], indent: str) -> Iterator[str]:
        for f in fields:
            yield f"{indent}{f['name']}: {f['type']} {f.get('mode') or 'NULLABLE'}".rstrip()
            yield from listing(f.get("fields") or [], indent + "  ")

    for line in listing(resource.get("schema", {}).get("fields", []), ""):
        click.echo(line)


@cli.command()
@click.argument("name")
@click.option("--schema", help="Table schema: name:TYPE,... or a JSON schema file.")
@click.option("--description", help="Description of the dataset or table.")
@with_backend
def mk(backend: Backend, name: str, schema: str | None, description: str | None) -> None:
    """Create DATASET, or the table DATASET.TABLE."""
    ref = Ref.parse(name, backend.project)
    body: Resource = {"description": description} if description else {}
    if ref.table:
        body["tableReference"] = {
            "projectId": ref.project,
            "datasetId": ref.dataset,
            "tableId": ref.table,
        }
        if schema:
            body["schema"] = {"fields": parse_schema(schema)}
    else:
        body["datasetReference"] = {"projectId": ref.project, "datasetId": ref.dataset}
    backend.create(ref, body)
    click.echo(f"{'Table' if ref.table else 'Dataset'} '{ref}' successfully created.")


@cli.command()
@click.argument("name")
@click.option("-r", "--recursive", is_flag=True, help="Remove a dataset with its tables.")
@click.option("-f", "--force", is_flag=True, help="Do not ask for confirmation.")
@with_backend
def rm(backend: Backend, name: str, recursive: bool, force: bool) -> None:
    """Remove DATASET or DATASET.TABLE."""
    ref = Ref.parse(name, backend.project)
    kind = "table" if ref.table else "dataset"
    if not force:
        click.confirm(f"rm: remove {kind} '{ref}'?", abort=True)
    backend.delete(ref, recursive=recursive)


from bqhouse.auth.cli import iam  # noqa: E402 - the iam group lives with the auth package

cli.add_command(iam)


def main() -> None:
    """Console entry point."""
    cli(prog_name="bqhouse")
