"""The BigQuery Storage Read and Write APIs (``google.cloud.bigquery.storage.v1``) over gRPC.

``read`` answers BigQueryRead (Arrow or Avro out, encoded by ``arrow_ipc`` / ``avro`` and framed
by ``wire``), ``write`` answers BigQueryWrite (offset-checked appends in), ``proto_rows`` decodes
ProtoRows with the descriptor the client sends, and ``server`` binds both services:
``start_grpc(warehouse, host, port, tls=(cert_pem, key_pem))``.
"""

from __future__ import annotations
