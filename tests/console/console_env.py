"""Helpers of tests/console: whether a browser can run, and the auth-on server's handle."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass
from typing import Any

import pytest

from bqhouse.server import BackgroundServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HAS_PLAYWRIGHT = importlib.util.find_spec("playwright") is not None
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and HAS_PLAYWRIGHT), reason="needs Debian chromium + playwright"
)
AUTH_PROJECT = "console-auth"


@dataclass
class AuthServer:
    """An auth-on server with service accounts ``admin`` (bigquery.admin) and ``analyst``
    (jobUser only): their key files (dicts) and one-hour access tokens."""

    server: BackgroundServer
    key_files: dict[str, dict[str, Any]]
    tokens: dict[str, str]

    @property
    def url(self) -> str:
        return self.server.url
