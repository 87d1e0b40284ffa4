"""Helpers of tests/auth: the auth-on server's accounts, clients and seed data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from google.api_core.client_options import ClientOptions
from google.cloud import bigquery
from google.oauth2 import service_account

from bqhouse.auth import IamStore, service_account_email
from bqhouse.server import BackgroundServer

PROJECT = "auth-project"
SCOPES = ["https://www.googleapis.com/auth/bigquery"]
ACCOUNTS = ("admin", "reader", "writer", "viewer", "outsider", "workload")


@dataclass
class AuthEnv:
    server: BackgroundServer
    store: IamStore
    data_dir: Path
    key_files: dict[str, Path]

    @property
    def url(self) -> str:
        return self.server.url

    def email(self, name: str) -> str:
        return service_account_email(name, PROJECT)

    def credentials(self, name: str) -> service_account.Credentials:
        return service_account.Credentials.from_service_account_file(
            str(self.key_files[name]), scopes=SCOPES
        )

    def client(self, name: str | None = None, credentials: object = None) -> bigquery.Client:
        return bigquery.Client(
            project=PROJECT,
            credentials=credentials or self.credentials(name or "admin"),
            client_options=ClientOptions(api_endpoint=self.url),
        )


def seed(env: AuthEnv) -> None:
    admin = env.client("admin")
    sales = bigquery.Dataset(f"{PROJECT}.sales")
    sales.access_entries = [
        bigquery.AccessEntry("OWNER", "userByEmail", env.email("admin")),
        bigquery.AccessEntry("READER", "userByEmail", env.email("reader")),
        bigquery.AccessEntry("WRITER", "userByEmail", env.email("writer")),
    ]
    admin.create_dataset(sales)
    admin.query(
        "CREATE TABLE sales.orders AS SELECT 1 AS id, 10.5 AS amount UNION ALL SELECT 2, 20.0"
    ).result()
    admin.query("CREATE TABLE sales.secrets AS SELECT 'x' AS s").result()
    reports = bigquery.Dataset(f"{PROJECT}.reports")
    reports.access_entries = [bigquery.AccessEntry("READER", "userByEmail", env.email("viewer"))]
    admin.create_dataset(reports)
    admin.query(
        "CREATE VIEW reports.totals AS SELECT SUM(amount) AS total FROM sales.orders"
    ).result()
    admin.query("CREATE VIEW reports.leak AS SELECT s FROM sales.secrets").result()
    # Authorize reports.totals (only) in sales: https://cloud.google.com/bigquery/docs/authorized-views
    sales = admin.get_dataset("sales")
    view = {"projectId": PROJECT, "datasetId": "reports", "tableId": "totals"}
    sales.access_entries = [*sales.access_entries, bigquery.AccessEntry(None, "view", view)]
    admin.update_dataset(sales, ["access_entries"])
