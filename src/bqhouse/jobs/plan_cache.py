"""Translated statements by query text, reused until the catalog's next non-row change.

Parsing and transpiling a TPC-H query with sqlglot costs 10-30 ms, more than DuckDB takes to run
it on small data. A translation depends on the SQL text, the default project and dataset, the
*types* of the query parameters (values are bound at execution, never inlined) and on catalog
state: wildcard tables expand to the tables that exist, GEOGRAPHY columns come from table
metadata, INFORMATION_SCHEMA and persistent functions resolve by name. None of that depends on
table rows, so the key carries the catalog's ``schema_epoch``: it moves with any commit that is
not a row-only write (DDL, metadata, routines), and stays across inserts, DML and appends, so
the usual test-suite pattern (write some rows, query them) does not translate every query anew.
Anything else a translation comes to depend on must be part of the key (or come from the
catalog's non-row state).

Entries also keep what is derived from the translation alone (cacheability), and, for the last
lake snapshot they ran at, what depends on rows: the bytes the statements scan and the fast-path
SQL of a single read-only statement (lake tables read straight from their files at that snapshot,
see ``bqhouse.storage.fast_scan``). Statements in an entry are shared between jobs and must be
treated as read-only.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from bqhouse.sql import Translated
from bqhouse.sql.params import BoundParameters
from bqhouse.sql.script import is_script
from bqhouse.storage import fast_scan
from bqhouse.storage.lake import Lake

_MAX_ENTRIES = 512


@dataclass
class Plan:
    """One query text's translation, for one catalog schema epoch."""

    statements: list[Translated]
    _cacheable: bool | None = None
    # (snapshot, value) of the last snapshot each was worked out at; a tuple swap is atomic.
    _scanned: tuple[int, int] | None = None
    _fast: tuple[int, str | None] | None = None

    def cacheable(self, decide: Callable[[list[Translated]], bool]) -> bool:
        """``decide(statements)`` (whether results may be cached), worked out once per plan."""
        if self._cacheable is None:
            self._cacheable = decide(self.statements)
        return self._cacheable

    def scanned(self, snapshot: int, compute: Callable[[], int]) -> int:
        """totalBytesProcessed at ``snapshot``: ``compute()``, remembered for that snapshot."""
        known = self._scanned
        if known is not None and known[0] == snapshot:
            return known[1]
        value = compute()
        self._scanned = (snapshot, value)
        return value

    @property
    def fast(self) -> str | None:
        """The fast-path SQL at the last snapshot it was worked out at (None: not taken)."""
        known = self._fast
        return known[1] if known is not None else None

    def fast_sql(
        self, lake: Lake, snapshot: int, resolve: fast_scan.Resolver | None = None
    ) -> str | None:
        """The statement reading its lake tables' files at ``snapshot``, or None to run it as
        translated. Resolved once per snapshot.

        Only a single SELECT without time travel qualifies: DML, DDL and scripts (which may hold
        a transaction) keep DuckLake's scan, as does anything ``fast_scan`` finds not simple.
        """
        known = self._fast
        if known is not None and known[0] == snapshot:
            return known[1]
        fast = None
        statement = self.statements[0]
        if (
            len(self.statements) == 1
            and statement.statement_type == "SELECT"
            and statement.expression.find(exp.Version) is None
        ):
            cur = lake.cursor()
            try:
                fast = fast_scan.fast_sql(cur, statement.sql, snapshot, resolve)
            finally:
                cur.close()
        self._fast = (snapshot, fast)
        return fast


def plan_key(
    sql: str,
    default_project: str,
    default_dataset: str | None,
    parameters: BoundParameters,
    epoch: int,
) -> tuple[Any, ...]:
    """What a translation depends on (parameter values are not part of it).

    >>> from bqhouse.sql.params import BoundParameters
    >>> plan_key("SELECT @n", "p", None, BoundParameters("NAMED", {"n": 1}, {"n": "BIGINT"}), 7)
    ('SELECT @n', 'p', None, 'NAMED', (('n', 'BIGINT'),), 7)
    """
    types = parameters.types
    signature = tuple(sorted(types.items())) if isinstance(types, dict) else tuple(types)
    return (sql, default_project, default_dataset, parameters.mode, signature, epoch)


class PlanCache:
    """A bounded map of ``plan_key`` -> ``Plan``; cleared whole when full (keys go stale anyway
    once the schema epoch moves)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Any, ...], Plan] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Plan | None:
        with self._lock:
            return self._entries.get(key)

    def plans_for(self, sql: str) -> list[Plan]:
        """The cached plans of one query text (for tests and debugging)."""
        with self._lock:
            return [plan for key, plan in self._entries.items() if key[0] == sql]

    def put(self, key: tuple[Any, ...], plan: Plan) -> Plan:
        with self._lock:
            if len(self._entries) >= _MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = plan
        return plan


@functools.lru_cache(maxsize=1024)
def is_script_text(sql: str) -> bool:
    """``bqhouse.sql.script.is_script`` (a full tokenization) remembered per query text."""
    return is_script(sql)
