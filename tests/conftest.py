"""Shared fixtures: the bqhouse pytest plugin (bigquery_client, bigquery_dataset, ...) is loaded
through its entry point; these add short aliases used across the suite."""

from __future__ import annotations

import pytest
from google.cloud import bigquery


@pytest.fixture
def client(bigquery_client: bigquery.Client) -> bigquery.Client:
    return bigquery_client


@pytest.fixture
def dataset(bigquery_dataset: bigquery.Dataset) -> str:
    """The fresh dataset's id as ``project.dataset``."""
    return f"{bigquery_dataset.project}.{bigquery_dataset.dataset_id}"
