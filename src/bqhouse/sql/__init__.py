"""GoogleSQL -> DuckDB translation: table naming, query parameters and semantic fixes."""

from __future__ import annotations

from bqhouse.sql.params import BoundParameters, decode_parameters
from bqhouse.sql.translate import InformationSchemaRef, TableRef, Translated, translate

__all__ = [
    "BoundParameters",
    "InformationSchemaRef",
    "TableRef",
    "Translated",
    "decode_parameters",
    "translate",
]
