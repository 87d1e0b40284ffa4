"""Jobs: insert, query (the fast path), results, cancel. One dispatch table per job type.

Jobs run to completion inside the request that creates them (another request can still see
one RUNNING, with CREATE MODEL's live progress, and cancel it); ``getQueryResults`` then pages
through the kept result. See
https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import orjson
import pyarrow as pa

from bqhouse import errors, faults
from bqhouse.encoding import encode_page_json, encode_rows
from bqhouse.jobs import arrow_page
from bqhouse.jobs.cancel import Cancellation
from bqhouse.jobs.child_jobs import ChildDraft, child_job
from bqhouse.jobs.query import QueryRunner
from bqhouse.jobs.store import ANONYMOUS_DATASET, JobStore, Result
from bqhouse.ml import progress
from bqhouse.storage.catalog import Catalog, now_ms

Resource = dict[str, Any]
# A job type's runner: (project, configuration of that type, uploaded bytes) -> statistics.
Runner = Callable[[str, Resource, bytes | None], Resource]

log = logging.getLogger(__name__)

_DEFAULT_PAGE_ROWS = 50_000
_QUERY_REQUEST_KEYS = (
    "query",
    "defaultDataset",
    "useQueryCache",
    "useLegacySql",
    "parameterMode",
    "queryParameters",
    "maximumBytesBilled",
    "connectionProperties",
)


def page_start(page_token: str | None, start_index: int = 0) -> int:
    """The row a page begins at: our page tokens are row offsets.

    >>> page_start("20")
    20
    """
    if not page_token:
        return start_index
    if not page_token.isdigit():
        raise errors.Invalid(f"Invalid page token: {page_token}")
    return int(page_token)


def page(
    table: pa.Table,
    fields: list[dict[str, Any]],
    *,
    start_index: int = 0,
    max_results: int | None = None,
    page_token: str | None = None,
    use_int64_timestamp: bool = False,
    wire: bool = False,
) -> Resource:
    """One page of rows in BigQuery's wire form, with the token of the next page.

    With ``wire`` the rows are already JSON (an ``orjson.Fragment`` the HTTP layer embeds as is);
    without it they are Python dicts, for in-process callers.
    """
    start = page_start(page_token, start_index)
    count = _DEFAULT_PAGE_ROWS if max_results is None else max_results
    # Bounded by hand: slicing a table with no columns (a DDL result) keeps the asked length.
    window = table.slice(start, max(0, min(count, table.num_rows - start)))
    out: Resource = {
        "totalRows": str(table.num_rows),
        "rows": encode_page_rows(window, fields, use_int64_timestamp, wire),
    }
    if start + window.num_rows < table.num_rows:
        out["pageToken"] = str(start + window.num_rows)
    return out


def encode_page_rows(
    window: pa.Table, fields: list[dict[str, Any]], use_int64_timestamp: bool, wire: bool
) -> Any:
    """A page's ``rows``: JSON bytes for the HTTP layer (``wire``), else Python dicts."""
    if wire:
        return orjson.Fragment(
            encode_page_json(window, fields, use_int64_timestamp=use_int64_timestamp)
        )
    return encode_rows(window, fields, use_int64_timestamp=use_int64_timestamp)


class JobService:
    """Creates, runs and reports jobs for one warehouse."""

    def __init__(self, catalog: Catalog, store: JobStore, location: str = "US") -> None:
        self.catalog = catalog
        self.store = store
        self.location = location
        self.queries = QueryRunner(catalog, store)
        self._runners: dict[str, Runner] = {}
        self.cancellation = Cancellation(catalog.lake)  # jobs.cancel interrupts running jobs
        # Auth's check of a job before it runs (bqhouse.auth); AccessDenied fails the job.
        self.authorize: Callable[[str, Resource], None] | None = None

    def register(self, job_type: str, runner: Runner) -> None:
        """Add a job type (load, copy, extract live in their own modules)."""
        self._runners[job_type] = runner

    # -- jobs.insert ------------------------------------------------------------------------

    def insert(self, project: str, body: Resource, upload: bytes | None = None) -> Resource:
        config = body.get("configuration") or {}
        asked_id = (body.get("jobReference") or {}).get("jobId")
        ref = {
            "projectId": project,
            "jobId": asked_id or f"job_{uuid.uuid4().hex}",
            "location": (body.get("jobReference") or {}).get("location") or self.location,
        }
        job_type = next((t for t in ("query", "load", "copy", "extract") if t in config), None)
        if job_type is None:
            raise errors.Invalid("Job configuration must contain one of query, load, copy, extract")
        created = now_ms()
        job: Resource = {
            "kind": "bigquery#job",
            "id": f"{project}:{ref['location']}.{ref['jobId']}",
            "selfLink": f"/bigquery/v2/projects/{project}/jobs/{ref['jobId']}",
            "jobReference": ref,
            "configuration": {**config, "jobType": job_type.upper()},
            "status": {"state": "RUNNING"},
            "statistics": {"creationTime": str(created), "startTime": str(created)},
            "user_email": "bqhouse@localhost",
        }
        if config.get("dryRun"):
            return self._dry_run(project, job)
        self.store.reserve(project, ref["jobId"], job, generated=not asked_id)
        children: list[ChildDraft] = []  # a multi-statement query's statements
        try:
            if self.authorize is not None:
                self.authorize(project, job)
            with (
                self.cancellation.running((project, ref["jobId"])),
                progress.watching(job, self.store.save, self.cancellation.checkpoint),
            ):  # CREATE MODEL's training reports progress into the RUNNING job (ml/progress.py)
                stats = self._run(job_type, project, ref["jobId"], config, upload, children)
            job["statistics"].update(stats)
            job["status"] = {"state": "DONE"}
        except Exception as exc:  # noqa: BLE001 - every failure ends the job DONE with an error
            if not isinstance(exc, errors.BigQueryError) or type(exc) is errors.InternalError:
                log.exception("job %s failed", ref["jobId"])
            # A deterministic internal failure gets a reason clients do not retry (faults.py).
            failure = faults.classify(exc)
            job["status"] = {
                "state": "DONE",
                "errorResult": failure.error_proto(),
                "errors": [failure.error_proto(), *failure.details],
            }
        job["statistics"]["endTime"] = str(now_ms())
        if children:
            self._save_children(job, children)
        self.store.save(job)
        return job

    def _save_children(self, parent: Resource, children: list[ChildDraft]) -> None:
        """The script's child jobs (``jobs.list(parentJobId=...)``) and their results."""
        parent["statistics"]["numChildJobs"] = str(len(children))
        project = parent["jobReference"]["projectId"]
        for index, draft in enumerate(children):
            child = child_job(parent, index, draft)
            self.store.save(child)
            if draft.result is not None:
                self.store.results.put((project, child["jobReference"]["jobId"]), draft.result)

    def _run(
        self,
        job_type: str,
        project: str,
        job_id: str,
        config: Resource,
        upload: bytes | None,
        children: list[ChildDraft] | None = None,
    ) -> Resource:
        if job_type == "query":
            outcome = self.queries.run(project, config["query"], children=children)
            self.store.results.put((project, job_id), Result(outcome.result, outcome.fields))
            if not config["query"].get("destinationTable") and outcome.statement_type == "SELECT":
                config["query"]["destinationTable"] = {
                    "projectId": project,
                    "datasetId": ANONYMOUS_DATASET,
                    "tableId": job_id,
                }
            stats = outcome.statistics()
            return {
                "totalBytesProcessed": stats["totalBytesProcessed"],
                "query": stats,
            }
        runner = self._runners.get(job_type)
        if runner is None:
            raise errors.Invalid(f"Job type {job_type} is not supported")
        return {job_type: runner(project, config[job_type], upload)}

    def _dry_run(self, project: str, job: Resource) -> Resource:
        config = job["configuration"]
        if "query" not in config:
            raise errors.Invalid("Only query jobs can be dry-run")
        outcome = self.queries.run(project, config["query"], dry_run=True)
        stats = outcome.statistics()
        job["statistics"].update(totalBytesProcessed=stats["totalBytesProcessed"], query=stats)
        job["status"] = {"state": "DONE"}
        return job

    # -- jobs.query (fast path) -------------------------------------------------------------

    def query(self, project: str, request: Resource, *, wire: bool = False) -> Resource:
        arrow = arrow_page.requested(request)  # queryResultsFormat ARROW: checked before it runs
        config = {k: request[k] for k in _QUERY_REQUEST_KEYS if k in request}
        body: Resource = {
            "configuration": {"query": config, "dryRun": bool(request.get("dryRun"))},
            "jobReference": {"location": request.get("location") or self.location},
        }
        if request.get("labels"):
            body["configuration"]["labels"] = request["labels"]
        job = self.insert(project, body)
        if "errorResult" in job["status"]:
            self._raise(job)
        response: Resource = {
            "kind": "bigquery#queryResponse",
            "jobReference": job["jobReference"],
            "jobComplete": True,
            **self._result_facts(job),
        }
        if request.get("dryRun"):
            response.pop("jobReference")
            return response
        if arrow is not None:  # the first page inline as Arrow IPC, the rest over the Storage API
            result = self.store.results.get((project, job["jobReference"]["jobId"]))
            response.update(arrow_page.first_page(result, arrow, request.get("maxResults")))
            return response
        opts = request.get("formatOptions") or {}
        response.update(
            self._page(
                project,
                job["jobReference"]["jobId"],
                max_results=request.get("maxResults"),
                use_int64_timestamp=bool(opts.get("useInt64Timestamp")),
                wire=wire,
            )
        )
        return response

    @staticmethod
    def _raise(job: Resource) -> None:
        proto = job["status"]["errorResult"]
        klass = errors.class_for_reason(proto.get("reason", ""))
        raise klass(proto.get("message", ""), location=proto.get("location"))

    @staticmethod
    def _result_facts(job: Resource) -> Resource:
        stats = job["statistics"].get("query") or {}
        facts: Resource = {
            "schema": stats.get("schema", {"fields": []}),
            "totalBytesProcessed": stats.get("totalBytesProcessed", "0"),
            "cacheHit": stats.get("cacheHit", False),
        }
        if "numDmlAffectedRows" in stats:
            facts["numDmlAffectedRows"] = stats["numDmlAffectedRows"]
        return facts

    def _page(
        self,
        project: str,
        job_id: str,
        *,
        start_index: int = 0,
        max_results: int | None = None,
        page_token: str | None = None,
        use_int64_timestamp: bool = False,
        wire: bool = False,
    ) -> Resource:
        result = self.store.results.get((project, job_id))
        if result is None:
            raise errors.NotFound(
                f"Not found: Results of job {project}:{job_id} are no longer available"
            )
        return page(
            result.table,
            result.fields,
            start_index=start_index,
            max_results=max_results,
            page_token=page_token,
            use_int64_timestamp=use_int64_timestamp,
            wire=wire,
        )

    # -- jobs.getQueryResults -----------------------------------------------------------------

    def results(
        self,
        project: str,
        job_id: str,
        *,
        location: str | None = None,
        start_index: int = 0,
        max_results: int | None = None,
        page_token: str | None = None,
        use_int64_timestamp: bool = False,
        wire: bool = False,
    ) -> Resource:
        job = self.store.get(project, job_id, location)
        if "errorResult" in job["status"]:
            self._raise(job)
        if job["configuration"].get("jobType") != "QUERY":
            raise errors.Invalid(f"Job {project}:{job_id} is not a query job")
        response: Resource = {
            "kind": "bigquery#getQueryResultsResponse",
            "jobReference": job["jobReference"],
            "jobComplete": True,
            "etag": job["id"],
            **self._result_facts(job),
        }
        if max_results == 0:
            result = self.store.results.get((project, job_id))
            response["totalRows"] = str(result.table.num_rows if result is not None else 0)
            return response
        response.update(
            self._page(
                project,
                job_id,
                start_index=start_index,
                max_results=max_results,
                page_token=page_token,
                use_int64_timestamp=use_int64_timestamp,
                wire=wire,
            )
        )
        return response

    def cancel(self, project: str, job_id: str, location: str | None = None) -> Resource:
        # A running job's statements are interrupted (jobs/cancel.py); it then ends "stopped".
        job = self.store.get(project, job_id, location)
        running = job["status"]["state"] == "RUNNING"
        self.cancellation.cancel((project, job_id), reserved=running)
        return {"kind": "bigquery#jobCancelResponse", "job": job}
