"""The console on a server with auth on: the page is public but shows no data without a token;
the sign-in box takes an access token or a key file; a 401 brings the box back. Saved queries
are per caller."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from console_env import AUTH_PROJECT, AuthServer, needs_browser

API = f"/bigquery/v2/projects/{AUTH_PROJECT}"
SAVED = "/console/api/saved-queries"


def _bearer(auth_server: AuthServer, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth_server.tokens[name]}"}


@pytest.fixture(scope="module")
def vault(auth_server: AuthServer) -> str:
    """Dataset ``vault`` with table ``secrets`` (one row), created by the admin."""
    with httpx.Client(base_url=auth_server.url, headers=_bearer(auth_server, "admin")) as http:
        created = http.post(f"{API}/datasets", json={"datasetReference": {"datasetId": "vault"}})
        assert created.status_code == 200, created.text
        query = {"query": "CREATE TABLE vault.secrets AS SELECT 's3cr3t' AS word"}
        assert http.post(f"{API}/queries", json=query).status_code == 200
    return "vault"


def test_page_is_public_data_is_not(auth_server: AuthServer, vault: str) -> None:
    with httpx.Client(base_url=auth_server.url) as http:
        page = http.get("/")
        assert page.status_code == 200 and 'id="signin"' in page.text
        assert http.get("/console/static/console.js").status_code == 200
        for path in (f"{API}/datasets", f"{API}/datasets/{vault}/tables", SAVED):
            refused = http.get(path)
            assert refused.status_code == 401, path
            assert refused.json()["error"]["status"] == "UNAUTHENTICATED"
        # google-auth's "am I on GCE?" ping still gets the metadata answer, not the page.
        ping = http.get("/", headers={"Metadata-Flavor": "Google"})
        assert ping.text == "ok" and ping.headers["metadata-flavor"] == "Google"


def test_saved_queries_are_per_caller(auth_server: AuthServer) -> None:
    with (
        httpx.Client(base_url=auth_server.url, headers=_bearer(auth_server, "admin")) as admin,
        httpx.Client(base_url=auth_server.url, headers=_bearer(auth_server, "analyst")) as analyst,
    ):
        mine = admin.post(SAVED, json={"name": "admin only", "query": "SELECT 1"}).json()
        assert "admin only" in [i["name"] for i in admin.get(SAVED).json()["savedQueries"]]
        assert analyst.get(SAVED).json()["savedQueries"] == []
        assert analyst.get(f"{SAVED}/{mine['id']}").status_code == 404
        assert analyst.delete(f"{SAVED}/{mine['id']}").status_code == 404
        theirs = analyst.post(SAVED, json={"name": "admin only", "query": "SELECT 2"})
        assert theirs.status_code == 200  # names are unique per caller only
        assert admin.delete(f"{SAVED}/{mine['id']}").status_code == 204
        assert analyst.delete(f"{SAVED}/{theirs.json()['id']}").status_code == 204


@needs_browser
def test_browser_sign_in(browser: Any, auth_server: AuthServer, vault: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(auth_server.url + "/")
        box = page.locator("#signin-backdrop")
        tree = page.locator("#tree")
        # No token: the sign-in box, and no data.
        expect(box).to_be_visible()
        expect(tree.locator("[data-dataset]")).to_have_count(0)
        assert page.evaluate("sessionStorage.getItem('bqhouse.token')") is None

        # A wrong token is refused in the box.
        page.fill("#signin-token", "not-a-token")
        page.click("#signin-submit")
        expect(page.locator("#signin-error")).to_contain_text("invalid authentication credentials")
        expect(box).to_be_visible()
        expect(tree.locator("[data-dataset]")).to_have_count(0)

        # The admin's access token: the table list appears, and queries run (Ctrl+Enter).
        page.fill("#signin-token", auth_server.tokens["admin"])
        page.click("#signin-submit")
        expect(box).to_be_hidden()
        page.click(f"[data-dataset={vault}]")
        expect(page.locator(f"[data-table='{vault}.secrets']")).to_be_visible()
        stored = page.evaluate("sessionStorage.getItem('bqhouse.token')")
        assert stored == auth_server.tokens["admin"]
        page.click("#editor .cm-content")
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(f"SELECT word FROM {vault}.secrets")
        page.keyboard.press("Control+Enter")
        expect(page.locator("#status")).to_contain_text("Query complete: 1 rows")
        expect(page.locator("#grid")).to_contain_text("s3cr3t")

        # The token lives in this tab's sessionStorage: a reload stays signed in.
        page.reload()
        expect(tree.locator(f"[data-dataset={vault}]")).to_be_visible()
        expect(box).to_be_hidden()

        # A 401 (here: a token that stopped being valid) brings the box back.
        page.evaluate("sessionStorage.setItem('bqhouse.token', 'bqh1.e30.bad')")
        page.click("[data-tab=history]")
        expect(box).to_be_visible()
        expect(page.locator("#signin-error")).to_contain_text("Signed out")

        # A key file works too: it is exchanged for a token at /token in the browser.
        page.fill("#signin-token", json.dumps(auth_server.key_files["analyst"]))
        page.click("#signin-submit")
        expect(box).to_be_hidden()
        token = page.evaluate("sessionStorage.getItem('bqhouse.token')")
        assert token.startswith("bqh1.") and token not in auth_server.tokens.values()
        # The calls now speak for the analyst, who may run jobs but not list everyone's.
        expect(page.locator("#status")).to_contain_text("History: Access Denied")
        expect(page.locator("#status")).to_contain_text("bigquery.jobs.list")

        # Sign out: the token is dropped and the box is back.
        page.click("#signout")
        expect(box).to_be_visible()
        assert page.evaluate("sessionStorage.getItem('bqhouse.token')") is None
    finally:
        context.close()
