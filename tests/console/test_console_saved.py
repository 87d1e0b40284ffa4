"""The console's saved queries: the JSON endpoint, its errors, a restart, and the sidebar in
headless Chromium (save, list, open, rename, delete)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from console_env import needs_browser

from bqhouse import errors
from bqhouse.console.saved import MAX_QUERY_CHARS, MAX_SAVED_PER_OWNER, SavedQueries
from bqhouse.server import BackgroundServer
from bqhouse.testing import Emulator
from bqhouse.warehouse import Warehouse

SAVED = "/console/api/saved-queries"


@pytest.fixture
def http(bigquery_emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=bigquery_emulator.url, timeout=30) as client:
        yield client


def _names(http: httpx.Client) -> list[str]:
    return [item["name"] for item in http.get(SAVED).json()["savedQueries"]]


def test_create_list_get_rename_edit_delete(http: httpx.Client) -> None:
    created = http.post(SAVED, json={"name": "  api totals ", "query": "SELECT 1 AS one"})
    assert created.status_code == 200
    item = created.json()
    assert item["name"] == "api totals" and item["query"] == "SELECT 1 AS one"
    assert item["creationTime"] == item["lastModifiedTime"]
    assert "api totals" in _names(http)
    assert http.get(f"{SAVED}/{item['id']}").json() == item

    renamed = http.patch(f"{SAVED}/{item['id']}", json={"name": "api totals v2"}).json()
    assert renamed["name"] == "api totals v2" and renamed["query"] == "SELECT 1 AS one"
    edited = http.patch(f"{SAVED}/{item['id']}", json={"query": "SELECT 2 AS two"}).json()
    assert edited["name"] == "api totals v2" and edited["query"] == "SELECT 2 AS two"
    assert int(edited["lastModifiedTime"]) >= int(item["lastModifiedTime"])

    assert http.delete(f"{SAVED}/{item['id']}").status_code == 204
    assert "api totals v2" not in _names(http)
    gone = http.get(f"{SAVED}/{item['id']}")
    assert gone.status_code == 404
    assert gone.json()["error"]["errors"][0]["reason"] == "notFound"
    assert http.delete(f"{SAVED}/{item['id']}").status_code == 404


@pytest.mark.parametrize(
    ("body", "reason", "message"),
    [
        ({"name": "", "query": "SELECT 1"}, "invalid", "name must not be empty"),
        ({"name": "   ", "query": "SELECT 1"}, "invalid", "name must not be empty"),
        ({"query": "SELECT 1"}, "invalid", "name must be a string"),
        ({"name": 7, "query": "SELECT 1"}, "invalid", "name must be a string"),
        ({"name": "x" * 1025, "query": "SELECT 1"}, "invalid", "longer than 1024"),
        ({"name": "big", "query": "x" * (MAX_QUERY_CHARS + 1)}, "invalid", "query is too large"),
        ({"name": "typed", "query": ["SELECT 1"]}, "invalid", "query must be a string"),
    ],
)
def test_bad_input_is_a_bigquery_400(
    http: httpx.Client, body: dict[str, Any], reason: str, message: str
) -> None:
    response = http.post(SAVED, json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == 400 and error["status"] == "INVALID_ARGUMENT"
    assert error["errors"][0]["reason"] == reason
    assert message in error["message"]


def test_bad_json_duplicate_name_and_bad_rename(http: httpx.Client) -> None:
    not_json = http.post(SAVED, content=b"{nope", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 400
    assert not_json.json()["error"]["errors"][0]["reason"] == "invalid"
    first = http.post(SAVED, json={"name": "dup check", "query": "SELECT 1"}).json()
    again = http.post(SAVED, json={"name": "dup check", "query": "SELECT 2"})
    assert again.status_code == 409
    assert again.json()["error"]["errors"][0]["reason"] == "duplicate"
    blank = http.patch(f"{SAVED}/{first['id']}", json={"name": ""})
    assert blank.status_code == 400
    assert http.get(f"{SAVED}/{first['id']}").json()["name"] == "dup check"
    http.delete(f"{SAVED}/{first['id']}")


def test_at_most_so_many_saved_queries_per_caller(tmp_path: Path) -> None:
    assert SavedQueries(tmp_path).max_per_owner == MAX_SAVED_PER_OWNER == 1000
    store = SavedQueries(tmp_path, max_per_owner=3)
    try:
        for i in range(3):
            store.create("a@x", {"name": f"q{i}", "query": "SELECT 1"})
        with pytest.raises(errors.Invalid, match="Too many saved queries"):
            store.create("a@x", {"name": "one more", "query": "SELECT 1"})
        assert store.create("b@x", {"name": "one more", "query": "SELECT 1"})["name"] == "one more"
    finally:
        store.close()


def test_saved_queries_survive_a_restart(tmp_path: Path) -> None:
    def serve() -> tuple[Warehouse, BackgroundServer]:
        warehouse = Warehouse(tmp_path, project="restart-project")
        return warehouse, BackgroundServer(warehouse).start()

    warehouse, server = serve()
    try:
        body = {"name": "kept", "query": "SELECT 'still here' AS s"}
        saved = httpx.post(server.url + SAVED, json=body).json()
    finally:
        server.stop()
        warehouse.close()
    assert (tmp_path / "console.sqlite").exists()
    warehouse, server = serve()
    try:
        listed = httpx.get(server.url + SAVED).json()["savedQueries"]
    finally:
        server.stop()
        warehouse.close()
    assert listed == [saved]


@needs_browser
def test_browser_saved_queries(browser: Any, bigquery_emulator: Emulator) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(bigquery_emulator.url + "/")
        saved = page.locator("#saved")
        _type_query(page, "SELECT 42 AS answer")
        page.fill("#save-name", "the answer")
        page.click("#save")
        expect(page.locator("#status")).to_contain_text('Saved "the answer"')
        expect(saved.locator("[data-saved='the answer']")).to_be_visible()

        # Save with no name: the server's 400 is shown, nothing is added.
        page.fill("#save-name", "")
        page.click("#save")
        expect(page.locator("#status")).to_contain_text("name must not be empty")

        # Open it into the editor.
        _type_query(page, "SELECT 'something else'")
        page.click("[data-saved='the answer']")
        assert page.evaluate("window.bqEditor.state.doc.toString()") == "SELECT 42 AS answer"
        expect(page.locator("#save-name")).to_have_value("the answer")

        # Edit and save again under the same name: the same saved query, new SQL.
        _type_query(page, "SELECT 43 AS answer")
        page.click("#save")
        expect(page.locator("#status")).to_contain_text('Saved "the answer"')
        items = httpx.get(bigquery_emulator.url + SAVED).json()["savedQueries"]
        assert [i["query"] for i in items if i["name"] == "the answer"] == ["SELECT 43 AS answer"]

        # Rename (a prompt), then reload: the list comes from the server.
        page.once("dialog", lambda dialog: dialog.accept("renamed answer"))
        page.click("[data-rename='the answer']")
        expect(saved.locator("[data-saved='renamed answer']")).to_be_visible()
        page.reload()
        expect(saved.locator("[data-saved='renamed answer']")).to_be_visible()
        expect(saved.locator("[data-saved='the answer']")).to_have_count(0)

        # Delete (a confirm).
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("[data-delete='renamed answer']")
        expect(saved.locator("[data-saved='renamed answer']")).to_have_count(0)
        assert "renamed answer" not in [
            i["name"] for i in httpx.get(bigquery_emulator.url + SAVED).json()["savedQueries"]
        ]
    finally:
        page.close()


def _type_query(page: Any, text: str) -> None:
    page.click("#editor .cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
