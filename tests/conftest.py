"""Shared fixtures: the bqhouse pytest plugin (bigquery_client, bigquery_dataset, ...) is loaded
through its entry point; these add short aliases used across the suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from google.cloud import bigquery

from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import Lake


@pytest.fixture
def client(bigquery_client: bigquery.Client) -> bigquery.Client:
    return bigquery_client


@pytest.fixture
def dataset(bigquery_dataset: bigquery.Dataset) -> str:
    """The fresh dataset's id as ``project.dataset``."""
    return f"{bigquery_dataset.project}.{bigquery_dataset.dataset_id}"


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    """A catalog on a fresh lake of its own with an empty dataset ``p.d`` (no server)."""
    lake = Lake(tmp_path / "data")
    made = Catalog(lake)
    made.create_dataset("p", "d", {})
    yield made
    lake.close()
