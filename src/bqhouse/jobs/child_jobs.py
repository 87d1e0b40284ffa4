"""A script's child jobs: BigQuery runs each statement of a multi-statement query as a job.

The script runner collects one ``ChildDraft`` per statement it runs; the job service turns them
into job resources once the parent's id is known. ``jobs.list(parentJobId=...)`` lists them.
https://cloud.google.com/bigquery/docs/multi-statement-queries#jobs
https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#ScriptStatistics
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Resource = dict[str, Any]


@dataclass
class ChildDraft:
    """One statement a script ran: what its child job reports."""

    statement_type: str
    text: str
    frames: list[Resource]  # ScriptStackFrame, leaf first, the top-level script last
    started_ms: int
    ended_ms: int
    statistics: Resource | None = None  # JobStatistics2 of a statement that succeeded
    error: Resource | None = None  # ErrorProto of one that failed
    result: Any = None  # bqhouse.jobs.store.Result of a SELECT, for getQueryResults


def position(source: str, offset: int) -> tuple[int, int]:
    """One-based (line, column) of ``offset``; a TAB advances to the next multiple of 8, plus 1.

    >>> position("a;\\n\\tSELECT 1", 4)
    (2, 9)
    """
    line = source.count("\n", 0, offset) + 1
    column = 1
    for char in source[source.rfind("\n", 0, offset) + 1 : offset]:
        column = (column - 1) // 8 * 8 + 9 if char == "\t" else column + 1
    return line, column


def frame(source: str, start: int, end: int, text: str, procedure: str = "") -> Resource:
    """A ScriptStackFrame for the characters ``source[start:end + 1]``."""
    start_line, start_column = position(source, start)
    end_line, end_column = position(source, end)
    found: Resource = {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "text": text,
    }
    if procedure:
        found["procedureId"] = procedure
    return found


def child_job(parent: Resource, index: int, draft: ChildDraft) -> Resource:
    """The job resource of a parent's ``index``-th child statement."""
    ref = parent["jobReference"]
    project, location = ref["projectId"], ref.get("location", "US")
    job_id = f"script_job_{ref['jobId'].removeprefix('job_')}_{index}"
    parent_query = (parent.get("configuration") or {}).get("query") or {}
    query: Resource = {"query": draft.text, "useLegacySql": False}
    if parent_query.get("defaultDataset"):
        query["defaultDataset"] = parent_query["defaultDataset"]
    statistics: Resource = {
        "creationTime": str(draft.started_ms),
        "startTime": str(draft.started_ms),
        "endTime": str(draft.ended_ms),
        "parentJobId": ref["jobId"],
        "scriptStatistics": {"evaluationKind": "STATEMENT", "stackFrames": draft.frames},
    }
    stats = draft.statistics or {"statementType": draft.statement_type}
    statistics["query"] = stats
    statistics["totalBytesProcessed"] = stats.get("totalBytesProcessed", "0")
    status: Resource = {"state": "DONE"}
    if draft.error is not None:
        status.update(errorResult=draft.error, errors=[draft.error])
    return {
        "kind": "bigquery#job",
        "id": f"{project}:{location}.{job_id}",
        "selfLink": f"/bigquery/v2/projects/{project}/jobs/{job_id}",
        "jobReference": {"projectId": project, "jobId": job_id, "location": location},
        "configuration": {"jobType": "QUERY", "query": query},
        "status": status,
        "statistics": statistics,
        "user_email": parent.get("user_email", "bqhouse@localhost"),
    }


def record(
    children: list[ChildDraft],
    statement_type: str,
    frames: list[Resource],
    started_ms: int,
    ended_ms: int,
    *,
    outcome: Any = None,
    error: Resource | None = None,
) -> None:
    """Add the draft of a statement that ran (``outcome``, a QueryOutcome) or failed."""
    from bqhouse.jobs.store import Result

    draft = ChildDraft(statement_type, frames[0]["text"], frames, started_ms, ended_ms)
    draft.error = error
    if outcome is not None:
        draft.statistics = outcome.statistics()
        if statement_type == "SELECT":
            draft.result = Result(outcome.result, outcome.fields)
    children.append(draft)


def statement_frames(source: str, count: int) -> list[list[Resource]]:
    """Stack frames of the ``count`` statements of a plain ``a; b; c`` multi-statement query."""
    from bqhouse.sql.script import Statement, parse_script

    nodes = [n for n in parse_script(source) if isinstance(n, Statement)]
    if len(nodes) != count:  # the splitters disagree: point every child at the whole text
        return [[frame(source, 0, max(len(source) - 1, 0), source)] for _ in range(count)]
    return [[frame(source, n.start, n.end, source[n.start : n.end + 1])] for n in nodes]
