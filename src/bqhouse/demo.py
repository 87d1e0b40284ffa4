"""The demo dataset ``demo``: a small, deterministic slice shaped like Stack Overflow's public data.

``bqhouse serve`` loads it into an empty data directory so that a newcomer can query something at
once. ``posts_questions`` has pipe-separated tags (``"python|pandas"``) and ``posts_answers``
points at its question through ``parent_id``, as in ``bigquery-public-data.stackoverflow``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from bqhouse.warehouse import Warehouse

DATASET = "demo"
TAGS = ["javascript", "python", "rust", "java", "scala", "ruby", "go", "react", "c", "c++"]
# Tags outside the seed query's list, so that its filter has something to filter out.
OTHER_TAGS = ["pandas", "arrays", "async", "regex", "docker", "sql"]
_TOPICS = ["sort a list", "parse JSON", "read a file", "split a string", "use a map", "fix a leak"]

QUESTIONS_SCHEMA = [
    {"name": "id", "type": "INT64", "mode": "REQUIRED"},
    {"name": "creation_date", "type": "TIMESTAMP"},
    {"name": "title", "type": "STRING"},
    {"name": "tags", "type": "STRING"},
]
ANSWERS_SCHEMA = [
    {"name": "id", "type": "INT64", "mode": "REQUIRED"},
    {"name": "parent_id", "type": "INT64"},
    {"name": "creation_date", "type": "TIMESTAMP"},
]

_START = dt.datetime(2013, 1, 1, tzinfo=dt.UTC)
_SPAN_SECONDS = int((dt.datetime(2021, 1, 1, tzinfo=dt.UTC) - _START).total_seconds()) - 1


def _stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC")


def demo_rows(
    questions: int = 400, seed: int = 2013
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Question and answer rows, the same on every call.

    >>> questions, answers = demo_rows()
    >>> len(questions), questions[0]["id"], len(answers) > len(questions)
    (400, 1, True)
    """
    rng = random.Random(seed)
    question_rows: list[dict[str, Any]] = []
    answer_rows: list[dict[str, Any]] = []
    for qid in range(1, questions + 1):
        created = _START + dt.timedelta(seconds=rng.randrange(_SPAN_SECONDS))
        tags = rng.sample(TAGS, rng.randint(1, 3)) + rng.sample(OTHER_TAGS, rng.randint(0, 1))
        title = f"How do I {rng.choice(_TOPICS)} in {tags[0]}?"
        question_rows.append(
            {"id": qid, "creation_date": _stamp(created), "title": title, "tags": "|".join(tags)}
        )
        # Some questions stay unanswered; the rest get answers minutes to days later.
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            minutes = rng.lognormvariate(4.0, 1.8)
            answered = created + dt.timedelta(minutes=min(minutes, 60 * 24 * 90))
            answer_rows.append(
                {
                    "id": 100_000 + len(answer_rows) + 1,
                    "parent_id": qid,
                    "creation_date": _stamp(answered),
                }
            )
    return question_rows, answer_rows


def _insert(warehouse: Warehouse, table: str, rows: list[dict[str, Any]]) -> None:
    response = warehouse.tabledata.insert_all(
        warehouse.project, DATASET, table, {"rows": [{"json": row} for row in rows]}
    )
    if response.get("insertErrors"):
        raise RuntimeError(f"demo rows rejected: {response['insertErrors'][:3]}")


def load_demo(warehouse: Warehouse) -> None:
    """Create dataset ``demo`` with ``posts_questions`` and ``posts_answers`` in the warehouse's
    project."""
    project = warehouse.project
    catalog = warehouse.catalog
    catalog.create_dataset(
        project,
        DATASET,
        {
            "datasetReference": {"projectId": project, "datasetId": DATASET},
            "description": "A small deterministic sample shaped like the Stack Overflow dataset.",
        },
    )
    questions, answers = demo_rows()
    for table, fields, rows in (
        ("posts_questions", QUESTIONS_SCHEMA, questions),
        ("posts_answers", ANSWERS_SCHEMA, answers),
    ):
        catalog.create_table(
            project,
            DATASET,
            {"tableReference": {"tableId": table}, "schema": {"fields": fields}},
        )
        _insert(warehouse, table, rows)


def is_empty(data_dir: str | Path) -> bool:
    """Whether the data directory is missing or holds nothing yet (then ``serve`` loads the demo).

    >>> import tempfile
    >>> is_empty(tempfile.mkdtemp())
    True
    """
    path = Path(data_dir)
    return not path.exists() or not any(path.iterdir())
