"""Upload endpoints for load jobs: ``uploadType=multipart`` and ``uploadType=resumable``.

Both live at ``POST /upload/bigquery/v2/projects/{project}/jobs`` (the discovery document's
``jobs.insert`` media upload). The client (``Client.load_table_from_file``) sends small files as
``multipart/related`` (JSON job, then the data with content type ``*/*``, which is accepted as is)
and larger ones as a resumable session: a POST with the job, then PUTs with ``Content-Range``.
https://cloud.google.com/bigquery/docs/reference/api-uploads
Bodies are spooled to files under ``DATA_DIR/uploads`` rather than held in memory while arriving.
"""

from __future__ import annotations

import json
import re
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bqhouse import errors
from bqhouse.api.app import ORJSONResponse, read_json
from bqhouse.jobs.load import UploadFile
from bqhouse.warehouse import Warehouse

_PATH = "/upload/bigquery/v2/projects/{project}/jobs"
_BOUNDARY_RE = re.compile(r'boundary="?([^";]+)"?', re.I)
_RANGE_RE = re.compile(r"bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)")


@dataclass
class Session:
    """One resumable upload: the job to run and the file its bytes are spooled to."""

    project: str
    job: dict[str, Any]
    path: Path
    received: int = 0


_sessions: dict[str, Session] = {}
_sessions_lock = threading.Lock()


def _uploads_dir(wh: Warehouse) -> Path:
    path = wh.lake.data_dir / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


async def _spool(request: Request, wh: Warehouse) -> Path:
    """Stream the request body to a temporary file; returns its path."""
    with tempfile.NamedTemporaryFile(dir=_uploads_dir(wh), delete=False, suffix=".part") as handle:
        async for chunk in request.stream():
            handle.write(chunk)
    return Path(handle.name)


def _split_multipart(raw: bytes, boundary: str) -> list[tuple[dict[str, str], bytes]]:
    """The parts of a ``multipart/related`` body as (lower-cased headers, body)."""
    delimiter = b"--" + boundary.encode()
    parts = []
    for chunk in raw.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk.lstrip(b"\n")
        head, _, body = chunk.partition(b"\r\n\r\n")
        if body.endswith(b"\r\n"):
            body = body[:-2]
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append((headers, body))
    return parts


def _job_from(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw or b"{}")
    except ValueError as exc:
        raise errors.Invalid(f"Invalid JSON payload received. {exc}") from exc
    if not isinstance(body, dict):
        raise errors.Invalid("Invalid JSON payload received. Expected an object.")
    return body


def _multipart_job(raw: bytes, content_type: str) -> tuple[dict[str, Any], bytes]:
    found = _BOUNDARY_RE.search(content_type)
    if not found:
        raise errors.Invalid("Multipart upload needs a multipart/related body with a boundary")
    parts = _split_multipart(raw, found.group(1))
    if len(parts) != 2:
        raise errors.Invalid(f"Multipart upload must have 2 parts, got {len(parts)}")
    return _job_from(parts[0][1]), parts[1][1]


async def _multipart(request: Request, wh: Warehouse, project: str) -> Response:
    path = await _spool(request, wh)
    try:
        raw = path.read_bytes()
        job, data = _multipart_job(raw, request.headers.get("content-type", ""))
        del raw
        result = await run_in_threadpool(wh.jobs.insert, project, job, data)
    finally:
        path.unlink(missing_ok=True)
    return ORJSONResponse(result)


async def _start_resumable(request: Request, wh: Warehouse, project: str) -> Response:
    job = await read_json(request)
    upload_id = uuid.uuid4().hex
    path = _uploads_dir(wh) / f"{upload_id}.part"
    path.touch()
    with _sessions_lock:
        _sessions[upload_id] = Session(project, job, path)
    location = request.url.replace(query=f"uploadType=resumable&upload_id={upload_id}")
    return Response(status_code=200, headers={"Location": str(location)})


async def insert(request: Request) -> Response:
    """POST: run a multipart upload, or open a resumable session."""
    wh: Warehouse = request.app.state.warehouse
    project = request.path_params["project"]
    kind = request.query_params.get("uploadType", "")
    if kind == "multipart":
        return await _multipart(request, wh, project)
    if kind == "resumable":
        return await _start_resumable(request, wh, project)
    raise errors.Invalid(f"Unsupported uploadType: {kind or '(none)'}")


def _session(upload_id: str) -> Session:
    with _sessions_lock:
        session = _sessions.get(upload_id)
    if session is None:
        raise errors.NotFound(f"Not found: upload {upload_id}")
    return session


async def _append(request: Request, session: Session) -> None:
    with session.path.open("ab") as handle:
        async for chunk in request.stream():
            handle.write(chunk)
            session.received += len(chunk)


async def put_chunk(request: Request) -> Response:
    """PUT: one chunk of a resumable upload; the last one runs the job."""
    wh: Warehouse = request.app.state.warehouse
    upload_id = request.query_params.get("upload_id", "")
    session = _session(upload_id)
    found = _RANGE_RE.fullmatch(request.headers.get("content-range", "").strip())
    if found is None:
        raise errors.Invalid("Resumable upload chunk needs a Content-Range header")
    start, _, total = found.groups()
    if start is not None and int(start) != session.received:
        raise errors.Invalid(f"Chunk starts at {start} but {session.received} bytes were received")
    await _append(request, session)
    if total == "*" or session.received < int(total):
        # 308 "Resume Incomplete" with what has been stored so far.
        headers = {"Range": f"bytes=0-{session.received - 1}"} if session.received else {}
        return Response(status_code=308, headers=headers)
    with _sessions_lock:
        _sessions.pop(upload_id, None)
    try:
        # The load reads the spooled file itself (UploadFile): no copy of the body in memory.
        data = UploadFile(session.path)
        result = await run_in_threadpool(wh.jobs.insert, session.project, session.job, data)
    finally:
        session.path.unlink(missing_ok=True)
    return ORJSONResponse(result)


ROUTES: list[BaseRoute] = [
    Route(_PATH, insert, methods=["POST"]),
    Route(_PATH, put_chunk, methods=["PUT"]),
]
