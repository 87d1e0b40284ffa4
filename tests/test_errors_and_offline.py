"""The JSON error shape on the wire, and starting and querying with no network at all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from bqhouse import errors
from bqhouse.testing import Emulator


def _error(response: httpx.Response) -> dict[str, object]:
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "errors", "status"}
    assert error["code"] == response.status_code
    (item,) = error["errors"]
    assert item["domain"] == "global"
    assert item["message"] == error["message"]
    return error


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "reason", "grpc_status"),
    [
        ("GET", "/projects/p/datasets/missing", None, 404, "notFound", "NOT_FOUND"),
        ("GET", "/projects/p/datasets/missing/tables/t", None, 404, "notFound", "NOT_FOUND"),
        (
            "POST",
            "/projects/p/queries",
            {"query": "SELEC 1"},
            400,
            "invalidQuery",
            "INVALID_ARGUMENT",
        ),
        ("POST", "/projects/p/queries", {"query": ""}, 400, "invalid", "INVALID_ARGUMENT"),
        (
            "POST",
            "/projects/p/datasets",
            {"datasetReference": {}},
            400,
            "invalid",
            "INVALID_ARGUMENT",
        ),
        ("GET", "/projects/p/jobs/nope", None, 404, "notFound", "NOT_FOUND"),
        ("GET", "/no/such/route", None, 404, "notFound", "NOT_FOUND"),
    ],
)
def test_error_shape(
    bigquery_emulator: Emulator,
    method: str,
    path: str,
    body: object,
    status: int,
    reason: str,
    grpc_status: str,
) -> None:
    url = bigquery_emulator.url + ("/bigquery/v2" + path if path.startswith("/projects") else path)
    response = httpx.request(method, url, json=body)
    assert response.status_code == status
    error = _error(response)
    assert error["errors"][0]["reason"] == reason  # type: ignore[index]
    assert error["status"] == grpc_status


def test_bad_json_body(bigquery_emulator: Emulator) -> None:
    response = httpx.post(
        f"{bigquery_emulator.url}/bigquery/v2/projects/p/datasets", content=b"{not json"
    )
    assert response.status_code == 400
    assert "Invalid JSON payload" in str(_error(response)["message"])


def test_duplicate_is_409(bigquery_emulator: Emulator) -> None:
    url = f"{bigquery_emulator.url}/bigquery/v2/projects/p/datasets"
    body = {"datasetReference": {"datasetId": "dup_shape"}}
    assert httpx.post(url, json=body).status_code == 200
    response = httpx.post(url, json=body)
    assert response.status_code == 409
    assert _error(response)["status"] == "ALREADY_EXISTS"


def test_error_classes_carry_reason_and_status() -> None:
    exc = errors.NotFound("Not found: Table p:d.t", location="t")
    body = errors.error_body(exc)
    assert body == {
        "error": {
            "code": 404,
            "message": "Not found: Table p:d.t",
            "errors": [
                {
                    "reason": "notFound",
                    "message": "Not found: Table p:d.t",
                    "location": "t",
                    "locationType": "other",
                    "domain": "global",
                }
            ],
            "status": "NOT_FOUND",
        }
    }


_OFFLINE_SCRIPT = """
import sys, tempfile
from bqhouse.warehouse import Warehouse
wh = Warehouse(tempfile.mkdtemp(), project="p")
wh.catalog.create_dataset("p", "d", {})
wh.jobs.query("p", {"query": "CREATE TABLE d.t AS SELECT 1 AS a"})
out = wh.jobs.query("p", {"query": "SELECT a FROM d.t"})
assert out["rows"] == [{"f": [{"v": "1"}]}], out
print("offline-ok")
"""


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_starts_and_queries_without_network(tmp_path: Path) -> None:
    # A new network namespace has no interface but loopback: any download would fail.
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not permitted here")
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", _OFFLINE_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "offline-ok" in done.stdout
