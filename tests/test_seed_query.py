"""The query from "BigQuery 101" runs unchanged (but for table names), with the right numbers."""

from __future__ import annotations

from google.cloud import bigquery

SEED = """
WITH question_answers_join AS (
  SELECT *, GREATEST(1, TIMESTAMP_DIFF(answers.first, creation_date, minute)) minutes_2_answer
  FROM (
    SELECT id, creation_date, title,
      (SELECT AS STRUCT MIN(creation_date) first, COUNT(*) c
       FROM `DATASET.posts_answers` WHERE a.id=parent_id) answers,
      SPLIT(tags, '|') tags
    FROM `DATASET.posts_questions` a
    WHERE EXTRACT(year FROM creation_date) > 2014))
SELECT COUNT(*) questions, tag,
  ROUND(EXP(AVG(LOG(minutes_2_answer))), 2) mean_geo_minutes,
  APPROX_QUANTILES(minutes_2_answer, 100)[SAFE_OFFSET(50)] median
FROM question_answers_join, UNNEST(tags) tag
WHERE tag IN ('javascript', 'python', 'rust', 'java', 'scala', 'ruby', 'go', 'react', 'c', 'c++')
  AND answers.c > 0
GROUP BY tag
ORDER BY mean_geo_minutes
"""

QUESTIONS = [
    # id, created, tags
    (1, "2015-01-01 00:00:00", "python|pandas"),
    (2, "2016-01-01 00:00:00", "python"),
    (3, "2014-06-01 00:00:00", "python"),  # before 2015: excluded
    (4, "2017-01-01 00:00:00", "rust"),  # never answered: excluded
    (5, "2018-01-01 00:00:50", "rust"),  # answered 80 s later: 1 whole minute
    (6, "2019-01-01 00:00:00", "python"),
    (7, "2020-01-01 00:00:00", "go"),
]
ANSWERS = [
    # id, parent_id, created
    (100, 1, "2015-01-01 00:30:00"),
    (101, 1, "2015-01-01 00:10:00"),  # the first answer of q1: 10 minutes
    (102, 2, "2016-01-01 16:40:00"),  # 1000 minutes
    (103, 3, "2014-06-01 00:05:00"),
    (104, 5, "2018-01-01 00:02:10"),
    (105, 6, "2019-01-01 01:40:00"),  # 100 minutes
    (106, 7, "2020-01-01 00:05:00"),  # 5 minutes
    (107, 7, "2020-01-01 00:07:00"),
]


def test_seed_query(client: bigquery.Client, dataset: str) -> None:
    questions = client.create_table(
        bigquery.Table(
            f"{dataset}.posts_questions",
            schema=[
                bigquery.SchemaField("id", "INTEGER"),
                bigquery.SchemaField("creation_date", "TIMESTAMP"),
                bigquery.SchemaField("title", "STRING"),
                bigquery.SchemaField("tags", "STRING"),
            ],
        )
    )
    answers = client.create_table(
        bigquery.Table(
            f"{dataset}.posts_answers",
            schema=[
                bigquery.SchemaField("id", "INTEGER"),
                bigquery.SchemaField("parent_id", "INTEGER"),
                bigquery.SchemaField("creation_date", "TIMESTAMP"),
            ],
        )
    )
    rows = [{"id": i, "creation_date": c, "title": f"q{i}", "tags": t} for i, c, t in QUESTIONS]
    assert client.insert_rows_json(questions, rows) == []
    rows = [{"id": i, "parent_id": p, "creation_date": c} for i, p, c in ANSWERS]
    assert client.insert_rows_json(answers, rows) == []

    result = client.query_and_wait(SEED.replace("DATASET", dataset.split(".", 1)[1]))
    assert [f.name for f in result.schema] == ["questions", "tag", "mean_geo_minutes", "median"]
    assert [f.field_type for f in result.schema] == ["INTEGER", "STRING", "FLOAT", "INTEGER"]
    assert [tuple(r) for r in result] == [
        (1, "rust", 1.0, 1),
        (1, "go", 5.0, 5),
        (3, "python", 100.0, 100),
    ]
