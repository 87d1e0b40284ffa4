"""The warehouse: one lake, its catalog, jobs and table data, behind every entry point.

The REST API, the CLI and the pytest plugin all talk to a ``Warehouse``; nothing else holds state
apart from the lake in the data directory.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from bqhouse.jobs.copy import run_copy
from bqhouse.jobs.service import JobService
from bqhouse.jobs.store import JobStore
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import Lake
from bqhouse.tabledata import TableData

DEFAULT_PROJECT = "bqhouse"


class Warehouse:
    """Everything a server process needs, built from a data directory.

    >>> import tempfile
    >>> wh = Warehouse(tempfile.mkdtemp())
    >>> wh.catalog.list_datasets("bqhouse")
    []
    """

    def __init__(
        self,
        data_dir: str | Path,
        *,
        project: str = DEFAULT_PROJECT,
        location: str = "US",
        buckets_dir: str | Path | None = None,
    ) -> None:
        self.project = project
        self.lake = Lake(data_dir)
        self.catalog = Catalog(self.lake)
        self.store = JobStore(self.lake)
        self.jobs = JobService(self.catalog, self.store, location)
        self.tabledata = TableData(self.catalog, self.store.results)
        # gs://BUCKET/path resolves to BUCKETS_DIR/BUCKET/path and never outside it.
        self.buckets_dir = Path(buckets_dir or self.lake.data_dir / "buckets").resolve()
        self.jobs.register("copy", partial(run_copy, self.catalog))
        self._register_file_jobs()

    def _register_file_jobs(self) -> None:
        from bqhouse.jobs.extract import run_extract
        from bqhouse.jobs.load import run_load

        self.jobs.register("load", partial(run_load, self.catalog, self.buckets_dir))
        self.jobs.register("extract", partial(run_extract, self.catalog, self.buckets_dir))

    def close(self) -> None:
        self.lake.close()
