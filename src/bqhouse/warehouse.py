"""The warehouse: one lake, its catalog, jobs and table data, behind every entry point.

The REST API, the CLI and the pytest plugin all talk to a ``Warehouse``; nothing else holds state
apart from the lake in the data directory.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bqhouse.jobs.copy import run_copy
from bqhouse.jobs.service import JobService
from bqhouse.jobs.store import JobStore
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import Lake
from bqhouse.tabledata import TableData

if TYPE_CHECKING:
    from bqhouse.auth import Auth

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
        query_timeout_seconds: float | None = None,
        memory_limit: str | None = None,
    ) -> None:
        self.project = project
        self.lake = Lake(data_dir)
        self.catalog = Catalog(self.lake)
        self.store = JobStore(self.lake)
        self.jobs = JobService(self.catalog, self.store, location)
        self.tabledata = TableData(self.catalog, self.store.results)
        # Set by bqhouse.auth.enable_auth; None: every caller may do everything.
        self.auth: Auth | None = None
        # gs://BUCKET/path resolves to BUCKETS_DIR/BUCKET/path and never outside it.
        self.buckets_dir = Path(buckets_dir or self.lake.data_dir / "buckets").resolve()
        self.jobs.register("copy", partial(run_copy, self.catalog))
        self._register_file_jobs()
        self._apply_limits(query_timeout_seconds, memory_limit)

    def _apply_limits(self, query_timeout_seconds: float | None, memory_limit: str | None) -> None:
        """Limits and operations (docs/reliability.md): time and memory limits."""
        from bqhouse.api.limits import apply_engine_limits

        apply_engine_limits(
            self, query_timeout_seconds=query_timeout_seconds, memory_limit=memory_limit
        )

    def _register_file_jobs(self) -> None:
        from bqhouse.jobs.extract import run_extract
        from bqhouse.jobs.load import run_load

        self.jobs.register("load", partial(run_load, self.catalog, self.buckets_dir))
        self.jobs.register("extract", partial(run_extract, self.catalog, self.buckets_dir))

    def close(self) -> None:
        self.lake.close()
