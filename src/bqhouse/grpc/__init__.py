"""The BigQuery Storage Read and Write APIs (``google.cloud.bigquery.storage.v1``) over gRPC.

``read`` answers BigQueryRead (Arrow batches out), ``write`` answers BigQueryWrite (offset-checked
appends in), ``proto_rows`` decodes ProtoRows with the descriptor the client sends, and ``server``
binds both services: ``start_grpc(warehouse, host, port)``.
"""

from __future__ import annotations
