"""Upload endpoints (multipart and resumable) for load jobs: filled in by the load work."""

from __future__ import annotations

from starlette.routing import BaseRoute

ROUTES: list[BaseRoute] = []
