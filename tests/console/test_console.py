"""The web console: its page and assets over HTTP, the REST calls its JS makes, and (when Debian's
chromium and Playwright are installed) an end-to-end run in headless Chromium with screenshots:
explorer, live dry run, Ctrl+Enter, paging, CSV/JSON downloads, chart, errors, history, phone."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from console_env import needs_browser
from google.cloud import bigquery

from bqhouse.testing import Emulator


@pytest.fixture(scope="module")
def people(bigquery_emulator: Emulator) -> Iterator[str]:
    """Dataset ``console_demo`` with ``people`` (120 rows, a nested RECORD) and ``empty``."""
    client = bigquery_emulator.client()
    client.create_dataset("console_demo", exists_ok=True)
    schema = [
        bigquery.SchemaField("id", "INT64"),
        bigquery.SchemaField("name", "STRING"),
        bigquery.SchemaField(
            "address",
            "RECORD",
            fields=[bigquery.SchemaField("city", "STRING"), bigquery.SchemaField("zip", "STRING")],
        ),
    ]
    table = bigquery.Table(f"{bigquery_emulator.project}.console_demo.people", schema=schema)
    client.create_table(table, exists_ok=True)
    client.query_and_wait(
        "INSERT console_demo.people (id, name, address) "
        "SELECT n, CONCAT('person ', CAST(n AS STRING)), STRUCT('Paris' AS city, '75001' AS zip) "
        "FROM UNNEST(GENERATE_ARRAY(1, 120)) AS n"
    )
    yield "console_demo"
    client.delete_dataset("console_demo", delete_contents=True, not_found_ok=True)


@pytest.fixture
def http(bigquery_emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=bigquery_emulator.url, timeout=30) as client:
        yield client


def test_page_loads_with_project_and_assets(
    http: httpx.Client, bigquery_emulator: Emulator
) -> None:
    page = http.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f'data-project="{bigquery_emulator.project}"' in page.text
    for asset, marker in [
        ("/console/static/console.js", "runQuery"),
        ("/console/static/console-vendor.js", "BQVendor"),
        ("/console/static/console.css", "@media"),
    ]:
        response = http.get(asset)
        assert response.status_code == 200, asset
        assert marker in response.text, asset
    assert http.get("/console", follow_redirects=True).url.path == "/"


def test_console_does_not_shadow_the_api(http: httpx.Client) -> None:
    assert http.get("/healthz").text == "ok"
    missing = http.get("/console/static/nope.js")
    assert missing.status_code == 404
    assert http.get("/bigquery/v2/projects/p/datasets/nope").json()["error"]["code"] == 404


def test_the_calls_the_console_makes(
    http: httpx.Client, bigquery_emulator: Emulator, people: str
) -> None:
    api = f"/bigquery/v2/projects/{bigquery_emulator.project}"
    datasets = http.get(f"{api}/datasets", params={"all": "true"}).json()["datasets"]
    assert people in [d["datasetReference"]["datasetId"] for d in datasets]
    tables = http.get(f"{api}/datasets/{people}/tables").json()["tables"]
    assert [t["tableReference"]["tableId"] for t in tables] == ["people"]
    table = http.get(f"{api}/datasets/{people}/tables/people").json()
    assert table["schema"]["fields"][2]["fields"][0]["name"] == "city"
    preview = http.get(f"{api}/datasets/{people}/tables/people/data", params={"maxResults": 50})
    assert len(preview.json()["rows"]) == 50

    dry = http.post(
        f"{api}/queries",
        json={"query": f"SELECT * FROM {people}.people", "useLegacySql": False, "dryRun": True},
    ).json()
    assert int(dry["totalBytesProcessed"]) > 0
    bad = http.post(
        f"{api}/queries",
        json={"query": "SELECT\n  1 +* 2", "dryRun": True},
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["errors"][0]["reason"] == "invalidQuery"
    assert "at [2:8]" in bad.json()["error"]["message"]

    job = http.post(
        f"{api}/jobs",
        json={"configuration": {"query": {"query": f"SELECT id FROM {people}.people ORDER BY id"}}},
    ).json()
    ref = job["jobReference"]
    first = http.get(
        f"{api}/queries/{ref['jobId']}",
        params={"location": ref["location"], "maxResults": 50, "timeoutMs": 10000},
    ).json()
    assert first["jobComplete"] and first["totalRows"] == "120" and len(first["rows"]) == 50
    second = http.get(
        f"{api}/queries/{ref['jobId']}",
        params={"location": ref["location"], "maxResults": 50, "pageToken": first["pageToken"]},
    ).json()
    assert second["rows"][0]["f"][0]["v"] == "51"
    cancel = http.post(f"{api}/jobs/{ref['jobId']}/cancel", params={"location": ref["location"]})
    assert cancel.status_code == 200
    history = http.get(f"{api}/jobs", params={"maxResults": 50, "projection": "full"}).json()
    assert ref["jobId"] in [j["jobReference"]["jobId"] for j in history["jobs"]]


@needs_browser
def test_browser_end_to_end(browser: Any, bigquery_emulator: Emulator, people: str) -> None:
    from playwright.sync_api import expect

    # CI keeps them: artifacts/console/ in the checkout (gitignored), or $BQHOUSE_ARTIFACTS_DIR.
    root = os.environ.get("BQHOUSE_ARTIFACTS_DIR") or Path(__file__).parents[2] / "artifacts"
    shots = Path(root) / "console"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        _desktop_session(page, bigquery_emulator.url, people, shots)
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(bigquery_emulator.url + "/")
        phone.click(f"[data-dataset={people}]")
        expect(phone.locator(f"[data-table='{people}.people']")).to_be_visible()
        phone.click("#run")
        expect(phone.locator("#status")).to_contain_text("Query complete")
        phone.screenshot(path=str(shots / "phone-390x844.png"), full_page=True)
        phone.close()
    finally:
        context.close()
    print(f"console screenshots: {shots}")
    assert len(list(shots.glob("*.png"))) == 6


def _type_query(page: Any, text: str) -> None:
    page.click("#editor .cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def _desktop_session(page: Any, url: str, dataset: str, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto(url + "/")
    # Explorer: open the dataset, the table, its nested schema and a preview.
    page.click(f"[data-dataset={dataset}]")
    page.click(f"[data-table='{dataset}.people']")
    expect(page.locator("#details-title")).to_have_text(f"{dataset}.people")
    page.click("#schema summary")
    expect(page.locator("#schema")).to_contain_text("city")
    page.click("#preview")
    expect(page.locator("#status")).to_contain_text("120 rows")
    page.screenshot(path=str(shots / "1-explorer-preview.png"))

    # Editor: the live dry run estimates bytes; Ctrl+Enter runs; results page by 50.
    _type_query(page, f"SELECT id, name, address FROM {dataset}.people ORDER BY id")
    expect(page.locator("#validator")).to_contain_text("This query will process")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Query complete: 120 rows")
    expect(page.locator("#page-info")).to_have_text("Page 1 of 3")
    page.screenshot(path=str(shots / "2-results.png"))
    page.click("#next")
    expect(page.locator("#page-info")).to_have_text("Page 2 of 3")
    expect(page.locator("#grid tbody tr").first).to_contain_text("person 51")

    # Downloads hold every row of the result, not just the page on screen.
    with page.expect_download() as csv_download:
        page.click("#csv")
    assert csv_download.value.suggested_filename == "results.csv"
    rows = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text())))
    assert rows[0] == ["id", "name", "address"]
    assert len(rows) == 121 and rows[120][:2] == ["120", "person 120"]
    assert json.loads(rows[1][2]) == {"city": "Paris", "zip": "75001"}
    with page.expect_download() as json_download:
        page.click("#json")
    assert json_download.value.suggested_filename == "results.jsonl"
    lines = Path(json_download.value.path()).read_text().splitlines()
    assert len(lines) == 120
    assert json.loads(lines[0]) == {
        "id": 1,
        "name": "person 1",
        "address": {"city": "Paris", "zip": "75001"},
    }

    # Chart of a result.
    _type_query(
        page, f"SELECT MOD(id, 5) AS bucket, COUNT(*) AS n FROM {dataset}.people GROUP BY 1"
    )
    page.click("#run")
    expect(page.locator("#status")).to_contain_text("Query complete: 5 rows")
    page.click("[data-tab=chart]")
    expect(page.locator("#chart-canvas")).to_be_visible()
    page.screenshot(path=str(shots / "3-chart.png"))
    page.click("[data-tab=results]")

    # A bad query: the validator shows the error with its position.
    _type_query(page, "SELECT\n  1 +* 2")
    expect(page.locator("#validator")).to_contain_text("Syntax error")
    expect(page.locator("#validator")).to_contain_text("at [2:8]")
    page.screenshot(path=str(shots / "4-error.png"))

    page.click("[data-tab=history]")
    expect(page.locator("#history-grid")).to_contain_text("MOD(id, 5)")
    page.screenshot(path=str(shots / "5-history.png"))
