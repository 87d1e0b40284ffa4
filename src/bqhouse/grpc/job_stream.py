"""A query job's default read stream: ``projects/P/locations/L/jobs/J/streams/_default``.

``jobs.query`` with ``queryResultsFormat: ARROW`` sends the first page inline
(``jobs/arrow_page.py``); the client reads the rest with ``ReadRows`` on this stream, from
``offset`` = the rows it already has, without a read session. The rows are the job's kept result,
conformed as the inline page and a read session on the result table are. A job with an explicit
destination table is read through a read session on that table instead, as in BigQuery.
"""

from __future__ import annotations

import re
from collections import Counter

import pyarrow as pa

from bqhouse import errors
from bqhouse.jobs.arrow_page import conform
from bqhouse.jobs.store import ANONYMOUS_DATASET
from bqhouse.warehouse import Warehouse

_JOB_STREAM = re.compile(r"^projects/([^/]+)/locations/([^/]+)/jobs/([^/]+)/streams/_default$")
# ReadRows calls answered from a job stream: tests check when the inline page was enough.
READS: Counter[str] = Counter()


def parse(name: str) -> tuple[str, str, str] | None:
    """(project, location, job id) of a job's default stream name, else None.

    >>> parse("projects/p/locations/US/jobs/j1/streams/_default")
    ('p', 'US', 'j1')
    >>> parse("projects/p/locations/us/sessions/s/streams/0") is None
    True
    """
    match = _JOB_STREAM.match(name)
    if match is None:
        return None
    project, location, job_id = match.groups()
    return project, location, job_id


def rows(warehouse: Warehouse, name: str, offset: int) -> tuple[int, pa.Table]:
    """The job's result row count and its rows from ``offset`` on, as BigQuery's Arrow."""
    parsed = parse(name)
    if parsed is None:
        raise errors.NotFound(f"Not found: Stream {name}")
    project, location, job_id = parsed
    job = warehouse.store.get(project, job_id, location)  # NotFound for an unknown job
    query = (job.get("configuration") or {}).get("query")
    destination = (query or {}).get("destinationTable") or {}
    if destination and destination.get("datasetId") != ANONYMOUS_DATASET:
        raise errors.Invalid("This API does not support explicitly-specified destination tables")
    result = warehouse.store.results.get((project, job_id))
    if query is None or "errorResult" in job["status"] or result is None or not result.fields:
        raise errors.NotFound(f"Not found: Results of job {project}:{location}.{job_id}")
    total = result.table.num_rows
    if offset < 0 or offset > total:
        raise errors.Invalid(f"Offset {offset} is out of range: the stream has {total} rows")
    READS["job_stream"] += 1
    return total, conform(result.table.slice(offset), result.fields)
