"""JavaScript UDFs (``LANGUAGE js``) run in an embedded QuickJS sandbox.

QuickJS (the ``quickjs`` wheel) has no file, network, module or timer API: a function sees only its
arguments and the ECMAScript built-ins. Every call into the sandbox (one batch of rows) runs with
a CPU time limit and the runtime with a memory limit (``BQHOUSE_JS_TIME_LIMIT_SECONDS``,
``BQHOUSE_JS_MEMORY_LIMIT_MB``).

A JS function is a DuckDB Python UDF (Arrow-vectorised: one batch per call) registered on the
lake's *base* connection under a content-derived name ``bqjs_<hash>``, behind a macro that keeps
the BigQuery name: a ``TEMP MACRO f`` on the script's cursor, or ``memory.main."p.ds.f"`` for a
persistent function. Temporary registrations are reference-counted per cursor and removed when the
cursor's query ends (``release``). QuickJS runtimes must stay on one thread, so all of them live on
one dedicated worker thread.

Types follow https://cloud.google.com/bigquery/docs/user-defined-functions#supported-javascript-udf-data-types
"""

from __future__ import annotations

import base64
import concurrent.futures
import datetime as dt
import decimal
import hashlib
import inspect
import itertools
import json
import math
import os
import re
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import quickjs
from sqlglot import exp

from bqhouse import errors

if TYPE_CHECKING:
    import duckdb

    from bqhouse.storage.lake import Lake

# First line of a JS function's DuckDB DDL (also stored in the routine record): its spec as JSON.
MARKER = "-- bqhouse:js "
DEFAULT_TIME_LIMIT_SECONDS = 10.0
DEFAULT_MEMORY_LIMIT_MB = 256
_MAX_STACK_BYTES = 512 * 1024
Spec = dict[str, Any]
JsType = dict[str, Any]  # {"k": kind[, "e": element][, "f": [[name, type], ...]]}


# -- specs ----------------------------------------------------------------------------------------


def is_javascript(statement: exp.Expr) -> bool:
    properties = statement.args.get("properties")
    found = properties.find(exp.LanguageProperty) if properties else None
    return bool(found and found.name.lower() in ("js", "javascript"))


def _js_type(kind: exp.DataType) -> JsType:
    if kind.this == exp.DType.ARRAY:
        return {"k": "ARRAY", "e": _js_type(kind.expressions[0])}
    if kind.this == exp.DType.STRUCT:
        fields = []
        for field in kind.expressions:
            if not isinstance(field, exp.ColumnDef) or not isinstance(field.kind, exp.DataType):
                raise errors.InvalidQuery(
                    "JavaScript UDFs need named STRUCT fields", location="query"
                )
            fields.append([field.name, _js_type(field.kind)])
        return {"k": "STRUCT", "f": fields}
    return {"k": kind.sql("bigquery").split("(")[0].upper()}


def _has_kind(t: JsType, kind: str) -> bool:
    if t["k"] == kind:
        return True
    if t["k"] == "ARRAY":
        return _has_kind(t["e"], kind)
    return any(_has_kind(sub, kind) for _, sub in t.get("f", []))


def spec_of(statement: exp.Create, macro_name: str, *, temporary: bool) -> Spec:
    """The spec of ``CREATE [TEMP] FUNCTION ... LANGUAGE js AS "..."`` (checked, not compiled)."""
    properties = statement.args.get("properties")
    for prop in properties.expressions if properties else []:
        if isinstance(prop, exp.Property) and prop.name.lower() == "library":
            raise errors.InvalidQuery(
                "JavaScript UDF libraries (OPTIONS(library=...)) are not supported by bqhouse: "
                "JavaScript runs in a sandbox with no file or network access",
                location="query",
            )
    udf = statement.this
    assert isinstance(udf, exp.UserDefinedFunction)
    params: list[list[Any]] = []
    for column in udf.expressions:
        kind = column.args.get("kind") if isinstance(column, exp.ColumnDef) else None
        if not isinstance(kind, exp.DataType) or kind.this == exp.DType.VARIANT:
            raise errors.InvalidQuery(
                "Templated arguments (ANY TYPE) are not supported in JavaScript UDFs",
                location="query",
            )
        js_type = _js_type(kind)
        if _has_kind(js_type, "INT64"):
            # https://cloud.google.com/bigquery/docs/user-defined-functions#supported-javascript-udf-data-types
            raise errors.InvalidQuery(
                f"INT64 is not supported as an input type of a JavaScript UDF (argument "
                f"{column.name}); use FLOAT64 to pass a number or STRING to pass a string",
                location="query",
            )
        params.append([column.name, kind.sql("bigquery"), js_type])
    returns = properties.find(exp.ReturnsProperty) if properties else None
    if returns is None or not isinstance(returns.this, exp.DataType):
        raise errors.InvalidQuery(
            "A JavaScript UDF needs a RETURNS clause with its return type", location="query"
        )
    body = statement.expression
    if not isinstance(body, (exp.Literal, exp.RawString)) or not isinstance(body.this, str):
        raise errors.InvalidQuery(
            "A JavaScript UDF body must be a string literal: AS r'''...'''", location="query"
        )
    stability = properties.find(exp.StabilityProperty) if properties else None
    name = udf.this.name if isinstance(udf.this, exp.Table) else str(udf.this)
    spec: Spec = {
        "macro": macro_name,
        "temp": temporary,
        "label": f"{name}({', '.join(p[1] for p in params)})",
        "params": params,
        "returns": [returns.this.sql("bigquery"), _js_type(returns.this)],
        "code": body.this,
        "volatile": bool(stability and stability.name.upper() == "VOLATILE"),
    }
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:24]
    spec["udf"] = f"bqjs_{digest}"
    return spec


def _duck_type(bigquery_type: str) -> str:
    from bqhouse.sql.transforms import numeric_type

    kind = exp.DataType.build(bigquery_type, dialect="bigquery")
    return kind.transform(numeric_type).sql("duckdb")


def macro_sql(spec: Spec, name: exp.Expr) -> str:
    """The DuckDB DDL of a JS function: marker line + the macro that calls the registered UDF."""
    names = [exp.to_identifier(p[0]).sql("duckdb") for p in spec["params"]]
    arguments = [
        f"CAST({n} AS {_duck_type(p[1])})" for n, p in zip(names, spec["params"], strict=True)
    ]
    call = f"{spec['udf']}({', '.join(arguments) or '0'})"
    verb = "CREATE OR REPLACE TEMP MACRO" if spec["temp"] else "CREATE OR REPLACE MACRO"
    head = MARKER + json.dumps(spec, sort_keys=True)
    return f"{head}\n{verb} {name.sql('duckdb')}({', '.join(names)}) AS ({call})"


def parse_marker(sql: str) -> tuple[Spec, str] | None:
    """(spec, macro DDL) of a JS function's DDL, None for any other statement."""
    if not sql.startswith(MARKER):
        return None
    head, _, ddl = sql.partition("\n")
    spec: Spec = json.loads(head[len(MARKER) :])
    return spec, ddl


# -- the sandbox thread ---------------------------------------------------------------------------

# QuickJS runtimes crash if touched from two threads (even one after the other): one thread owns
# every context; DuckDB's threads hand it whole batches.
_THREAD = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="bqhouse-js")
_CONTEXTS: dict[str, tuple[quickjs.Context, quickjs.Object]] = {}  # only touched on _THREAD

_DRIVER = r"""
(function (types, ret, names, code) {
  function toJs(t, v) {
    if (v === null || v === undefined) return null;
    switch (t.k) {
      case "FLOAT64": return typeof v === "string" ? Number(v) : v;
      case "DATE": return new Date(v + "T00:00:00Z");
      case "TIMESTAMP": {
        var d = new Date(Math.floor(v / 1000));
        d.microsecond = ((v % 1000) + 1000) % 1000;
        return d;
      }
      case "ARRAY": return v.map(function (x) { return toJs(t.e, x); });
      case "STRUCT": {
        var o = {};
        for (var i = 0; i < t.f.length; i++) o[t.f[i][0]] = toJs(t.f[i][1], v[t.f[i][0]]);
        return o;
      }
      default: return v;
    }
  }
  function fromJs(t, v) {
    if (v === null || v === undefined) return null;
    if (typeof v === "bigint") v = String(v);
    switch (t.k) {
      case "FLOAT64": case "INT64": case "NUMERIC": case "BIGNUMERIC":
        return typeof v === "number" && !isFinite(v) ? String(v) : v;
      case "BOOL": return Boolean(v);
      case "STRING": return typeof v === "string" ? v : String(v);
      case "DATE": return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      case "TIMESTAMP":
        return v instanceof Date ? v.getTime() * 1000 + (v.microsecond | 0) : v;
      case "ARRAY":
        if (!Array.isArray(v)) throw new TypeError("Expected an array for the ARRAY result");
        return v.map(function (x) { return fromJs(t.e, x); });
      case "STRUCT": {
        var o = {};
        for (var i = 0; i < t.f.length; i++) o[t.f[i][0]] = fromJs(t.f[i][1], v[t.f[i][0]]);
        return o;
      }
      default: return v instanceof Date ? v.toISOString() : v;
    }
  }
  var udf = Function.apply(null, names.concat([code]));
  return function (json) {
    var rows = JSON.parse(json), out = new Array(rows.length);
    for (var r = 0; r < rows.length; r++) {
      var args = rows[r];
      for (var i = 0; i < args.length; i++) args[i] = toJs(types[i], args[i]);
      out[r] = fromJs(ret, udf.apply(null, args));
    }
    return JSON.stringify(out);
  };
})
"""


class JavaScriptError(Exception):
    """A JS exception (or bad result) while running a UDF: BigQuery's invalidQuery."""


class JavaScriptResourcesExceeded(Exception):
    """A UDF call ran out of time or memory: BigQuery's resourcesExceeded."""


def _limits() -> tuple[float, int]:
    seconds = float(os.environ.get("BQHOUSE_JS_TIME_LIMIT_SECONDS", DEFAULT_TIME_LIMIT_SECONDS))
    megabytes = int(os.environ.get("BQHOUSE_JS_MEMORY_LIMIT_MB", DEFAULT_MEMORY_LIMIT_MB))
    return seconds, megabytes * 1024 * 1024


def _js_message(exc: Exception, label: str, *, header_lines: int = 2) -> str:
    text = str(exc).strip()
    first = text.split("\n")[0].strip()
    if first.startswith("InternalError: interrupted"):
        raise JavaScriptResourcesExceeded(
            f"JavaScript UDF {label} exceeded its time limit of {_limits()[0]:g} s"
        ) from exc
    if first.startswith("InternalError: out of memory") or isinstance(exc, quickjs.StackOverflow):
        reason = "memory" if "memory" in first else "stack"
        raise JavaScriptResourcesExceeded(f"JavaScript UDF {label} ran out of {reason}") from exc
    line = re.search(r"\(<input>:(\d+)\)", text)
    where = f" line {int(line.group(1)) - header_lines}" if line else ""
    return f"{first} at {label}{where}"


def _compile(key: str, spec: Spec) -> None:
    if key in _CONTEXTS:
        return
    context = quickjs.Context()
    seconds, memory = _limits()
    context.set_time_limit(seconds)
    context.set_memory_limit(memory)
    context.set_max_stack_size(_MAX_STACK_BYTES)
    driver = context.eval(_DRIVER)
    types = context.parse_json(json.dumps([p[2] for p in spec["params"]]))
    ret = context.parse_json(json.dumps(spec["returns"][1]))
    names = context.parse_json(json.dumps([p[0] for p in spec["params"]]))
    try:
        function = driver(types, ret, names, spec["code"])
    except quickjs.JSException as exc:
        # The Function constructor reports lines of its own wrapper, "(function anonymous(...\n) {".
        raise JavaScriptError(_js_message(exc, spec["label"])) from exc
    _CONTEXTS[key] = (context, function)


def _run(key: str, label: str, batch: str) -> str:
    """One call into the sandbox: a JSON array of argument rows in, a JSON array of results out."""
    context, function = _CONTEXTS[key]
    seconds, memory = _limits()
    context.set_time_limit(seconds)
    context.set_memory_limit(memory)
    try:
        return str(function(batch))
    except quickjs.JSException as exc:
        raise JavaScriptError(_js_message(exc, label)) from exc
    finally:
        context.gc()


def _drop(key: str) -> None:
    _CONTEXTS.pop(key, None)


def _on_thread(fn: Callable[..., Any], *args: Any) -> Any:
    return _THREAD.submit(fn, *args).result()


# -- values across the boundary -------------------------------------------------------------------


def _to_js(t: JsType, value: Any) -> Any:
    if value is None:
        return None
    kind = t["k"]
    if kind == "FLOAT64":
        return value if math.isfinite(value) else str(value).replace("inf", "Infinity")
    if kind in ("NUMERIC", "BIGNUMERIC"):
        if value == value.to_integral_value() and abs(value) <= 2**53:
            return int(value)
        return format(value.normalize(), "f")
    if kind == "BYTES":
        return base64.b64encode(value).decode()
    if kind == "DATE":
        return value.isoformat()
    if kind == "TIMESTAMP":
        delta = value - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    if kind in ("DATETIME", "TIME"):
        return value.isoformat()
    if kind == "JSON":
        return json.loads(value) if isinstance(value, str) else value
    if kind == "ARRAY":
        return [_to_js(t["e"], v) for v in value]
    if kind == "STRUCT":
        return {name: _to_js(sub, value.get(name)) for name, sub in t["f"]}
    return value


Convert = Callable[[Any], Any]
_AS_IS = {"STRING", "BOOL"}  # the same in Python, JSON and JavaScript


def _encoder(t: JsType) -> Convert | None:
    """The conversion of a value of type ``t`` on its way into JS (None: it passes as it is)."""
    kind = t["k"]
    if kind in _AS_IS:
        return None
    if kind == "ARRAY":
        inner = _encoder(t["e"])
        if inner is None:
            return None
        return lambda v: None if v is None else [inner(x) for x in v]
    if kind == "STRUCT":
        fields = [(name, _encoder(sub)) for name, sub in t["f"]]
        if all(convert is None for _, convert in fields):
            return None
        return lambda v: (
            None if v is None else {n: (c(v.get(n)) if c else v.get(n)) for n, c in fields}
        )
    if kind == "FLOAT64":
        return _float
    return lambda v: _to_js(t, v)


def _float(value: float | None) -> float | str | None:
    """NaN and infinities travel as strings (JSON has no such numbers); JS turns them back."""
    if value is None or math.isfinite(value):
        return value
    return str(value).replace("inf", "Infinity")


def _decoder(t: JsType, label: str) -> Convert | None:
    """The conversion of a JS result to the Python value of type ``t`` (None: as it is)."""
    if t["k"] in _AS_IS:
        return None  # the driver already made it a string / boolean
    return lambda v: _from_js(t, v, label)


def _from_js(t: JsType, value: Any, label: str) -> Any:
    if value is None:
        return None
    kind = t["k"]
    try:
        if kind == "INT64":
            number = decimal.Decimal(str(value))
            if number != number.to_integral_value():
                raise ValueError(value)
            return int(number)
        if kind == "FLOAT64":
            return float(value)
        if kind in ("NUMERIC", "BIGNUMERIC"):
            return decimal.Decimal(str(value))
        if kind == "BYTES":
            return base64.b64decode(str(value), validate=True)
        if kind == "DATE":
            return dt.date.fromisoformat(str(value)[:10])
        if kind == "TIMESTAMP":
            if isinstance(value, str):
                return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
            return epoch + dt.timedelta(microseconds=int(value))
        if kind == "DATETIME":
            return dt.datetime.fromisoformat(str(value).replace("Z", ""))
        if kind == "TIME":
            return dt.time.fromisoformat(str(value))
        if kind == "JSON":
            return json.dumps(value)
        if kind == "ARRAY":
            return [_from_js(t["e"], v, label) for v in value]
        if kind == "STRUCT":
            return {name: _from_js(sub, value.get(name), label) for name, sub in t["f"]}
    except (ValueError, TypeError, AttributeError, decimal.InvalidOperation) as exc:
        raise JavaScriptError(
            f"Cannot coerce the result {json.dumps(value)[:80]} of {label} to {kind}"
        ) from exc
    return value


def _arrow_type(cur: duckdb.DuckDBPyConnection, duck_type: str) -> pa.DataType:
    return cur.execute(f"SELECT CAST(NULL AS {duck_type}) AS v").fetch_arrow_table().schema[0].type


def _batch_function(key: str, spec: Spec, result_type: pa.DataType) -> Callable[..., pa.Array]:
    types = [p[2] for p in spec["params"]]
    label = spec["label"]
    encoders = [_encoder(t) for t in types]
    decoder = _decoder(spec["returns"][1], label)

    def call(*columns: pa.ChunkedArray) -> pa.Array:
        if not types:  # zero-argument function: a dummy constant argument carries the row count
            rows: list[Any] = [[] for _ in range(len(columns[0]))]
        else:
            values = []
            for column, encode in zip(columns, encoders, strict=True):
                plain = column.to_pylist()
                values.append(plain if encode is None else [encode(v) for v in plain])
            rows = list(zip(*values, strict=True))
        results = json.loads(_on_thread(_run, key, label, json.dumps(rows)))
        if decoder is not None:
            results = [decoder(r) for r in results]
        return pa.array(results, result_type)

    # DuckDB checks the number of parameters against the declared types.
    count = max(len(types), 1)
    call.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(f"a{i}", inspect.Parameter.POSITIONAL_ONLY) for i in range(count)]
    )
    return call


# -- registration ---------------------------------------------------------------------------------

_LOCK = threading.Lock()


class _Registry:
    """One lake's JS functions (a process may open several lakes, e.g. in tests)."""

    _next = itertools.count()

    def __init__(self) -> None:
        self.prefix = f"{next(self._next)}:"  # its contexts on the sandbox thread
        self.refs: dict[str, int] = {}  # registered UDF -> users (open cursors' temp fns, or 1)
        self.by_cursor: dict[int, list[str]] = {}  # id(cursor) -> UDFs its temp functions use
        self.persistent: dict[str, str] = {}  # persistent macro name "p.ds.f" -> its UDF


_REGISTRIES: weakref.WeakKeyDictionary[Lake, _Registry] = weakref.WeakKeyDictionary()


def _registry(lake: Lake) -> _Registry:
    found = _REGISTRIES.get(lake)
    if found is None:
        found = _REGISTRIES[lake] = _Registry()
    return found


def _register(lake: Lake, spec: Spec) -> None:
    """Compile and register ``spec`` once per lake; callers hold _LOCK."""
    registry = _registry(lake)
    udf = spec["udf"]
    if registry.refs.get(udf, 0) > 0:
        registry.refs[udf] += 1
        return
    key = registry.prefix + udf
    _on_thread(_compile, key, spec)
    duck_params = [_duck_type(p[1]) for p in spec["params"]] or ["INTEGER"]
    duck_return = _duck_type(spec["returns"][0])
    cur = lake.cursor()
    try:
        result_type = _arrow_type(cur, duck_return)
    finally:
        cur.close()
    lake.register_udf(
        udf,
        _batch_function(key, spec, result_type),
        duck_params,
        duck_return,
        side_effects=bool(spec["volatile"]) or not spec["params"],
    )
    registry.refs[udf] = 1


def _unregister(lake: Lake, udf: str) -> None:
    """Drop one use of ``udf``; the last one removes it. Callers hold _LOCK."""
    registry = _registry(lake)
    left = registry.refs.get(udf, 0) - 1
    if left > 0:
        registry.refs[udf] = left
        return
    registry.refs.pop(udf, None)
    lake.remove_udf(udf)
    _on_thread(_drop, registry.prefix + udf)


def prepare(lake: Lake, cur: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Before running a JS function's DDL on ``cur``: compile and register its UDF."""
    parsed = parse_marker(sql)
    if parsed is None:
        return
    spec, _ = parsed
    registry = _registry(lake)
    with _LOCK, _mapped():
        if spec["temp"]:
            _register(lake, spec)
            registry.by_cursor.setdefault(id(cur), []).append(spec["udf"])
            return
        old = registry.persistent.get(spec["macro"])
        if old == spec["udf"]:
            return
        _register(lake, spec)
        registry.persistent[spec["macro"]] = spec["udf"]
        if old is not None:
            _unregister(lake, old)


def release(lake: Lake, cur: duckdb.DuckDBPyConnection) -> None:
    """A cursor's query is over: its temporary JS functions go away."""
    registry = _registry(lake)
    with _LOCK:
        for udf in registry.by_cursor.pop(id(cur), []):
            _unregister(lake, udf)


def forget(lake: Lake, macro: str) -> None:
    """After DROP FUNCTION of a persistent function: remove its UDF if it was a JS one."""
    registry = _registry(lake)
    with _LOCK:
        udf = registry.persistent.pop(macro, None)
        if udf is not None:
            _unregister(lake, udf)


def registered(lake: Lake) -> list[str]:
    """The JS UDFs registered on ``lake`` now (temporary and persistent)."""
    with _LOCK:
        return sorted(_registry(lake).refs)


def restore(lake: Lake, cur: duckdb.DuckDBPyConnection, sql: str) -> None:
    """At start-up: re-create a persistent JS function from its stored DDL."""
    parsed = parse_marker(sql)
    assert parsed is not None
    prepare(lake, cur, sql)
    cur.execute(parsed[1])


@contextmanager
def _mapped() -> Iterator[None]:
    try:
        yield
    except JavaScriptError as exc:
        raise errors.InvalidQuery(str(exc), location="query") from exc


# DuckDB wraps an exception raised inside a Python UDF in its own message (which
# bqhouse.engine.duckdb may already have stripped): resource failures are recognised by their words.
_UDF_WRAPPER = re.compile(
    r"Python exception occurred while executing the UDF: (?:\w+\.)*\w+: (.*?)(?:\n\nAt:.*)?$",
    re.DOTALL,
)
_RESOURCES = re.compile(r"^JavaScript UDF .* (exceeded its time limit|ran out of)")


@contextmanager
def udf_errors() -> Iterator[None]:
    """Turn a JS UDF failure that surfaced through DuckDB into BigQuery's error."""
    try:
        yield
    except errors.BigQueryError as exc:
        if isinstance(exc, errors.ResourcesExceeded):
            raise
        wrapped = _UDF_WRAPPER.search(exc.message)
        message = wrapped.group(1).strip() if wrapped else exc.message
        if _RESOURCES.search(message):
            raise errors.ResourcesExceeded(message, location="query") from exc
        if wrapped is None:
            raise
        raise errors.InvalidQuery(message, location="query") from exc
