"""Copy jobs: table to table, with dispositions, atomically.

https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobConfigurationTableCopy
"""

from __future__ import annotations

from typing import Any

from bqhouse import errors
from bqhouse.engine.duckdb import run
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow


def run_copy(
    catalog: Catalog, project: str, config: dict[str, Any], _: bytes | None
) -> dict[str, Any]:
    """Copy one or more source tables into the destination; returns copy statistics."""
    sources = config.get("sourceTables") or (
        [config["sourceTable"]] if config.get("sourceTable") else []
    )
    dest = config.get("destinationTable")
    if not sources or not dest:
        raise errors.Invalid("A copy job needs sourceTable(s) and destinationTable")
    write = config.get("writeDisposition") or "WRITE_EMPTY"
    copied = 0
    for index, src in enumerate(sources):
        fields = catalog.table_fields(src["projectId"], src["datasetId"], src["tableId"])
        data = run(
            catalog.lake.cursor(),
            f"SELECT * FROM {table_sql(src['projectId'], src['datasetId'], src['tableId'])}",
        )
        request = WriteRequest(
            dest["projectId"],
            dest["datasetId"],
            dest["tableId"],
            # Several sources append after the first one lands.
            write_disposition=write if index == 0 else "WRITE_APPEND",
            create_disposition=config.get("createDisposition") or "CREATE_IF_NEEDED",
        )
        copied += write_arrow(catalog, request, data, fields)
    return {"copiedRows": str(copied), "copiedLogicalBytes": "0"}
