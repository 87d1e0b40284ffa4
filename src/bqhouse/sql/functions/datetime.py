"""Date, time, datetime, timestamp and interval functions.

https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions (and the
datetime_functions, time_functions, timestamp_functions and interval_functions pages).

Time zones: DuckDB's ICU knows zone names but not BigQuery's fixed offsets (``'+08'``,
``'-05:30'``, ``'UTC+3'``), which are applied here as arithmetic on UTC.
"""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.dialects.bigquery import BigQuery
from sqlglot.time import format_time

from bqhouse.sql.builders import Transform, call

_DATE = exp.DataType.build("DATE")
_TIMESTAMP = exp.DataType.build("TIMESTAMP")
_TIMESTAMPTZ = exp.DataType.build("TIMESTAMPTZ")
_TIME = exp.DataType.build("TIME")
_VARCHAR = exp.DataType.build("VARCHAR")
_BIGINT = exp.DataType.build("BIGINT")

_OFFSET_RE = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]


def _lit(value: str) -> exp.Expr:
    return exp.Literal.string(value)


def _num(value: int) -> exp.Expr:
    return exp.Literal.number(value)


def _cast(node: exp.Expr, to: exp.DataType) -> exp.Expr:
    return exp.Cast(this=node, to=to.copy())


def _as(node: exp.Expr, to: exp.DataType) -> exp.Expr:
    """Cast string literals (GoogleSQL coerces them); leave typed values alone."""
    if isinstance(node, exp.Literal) and node.is_string:
        return _cast(node, to)
    return node


def _offset_interval(zone: exp.Expr) -> exp.Expr | None:
    """``INTERVAL`` of a fixed-offset zone literal, else None."""
    if not (isinstance(zone, exp.Literal) and zone.is_string):
        return None
    match = _OFFSET_RE.match(zone.this.strip())
    if not match:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if match.group(1) == "-":
        minutes = -minutes
    return exp.Interval(this=_lit(str(minutes)), unit=exp.var("MINUTE"))


def _zone_name(zone: exp.Expr) -> exp.Expr:
    if isinstance(zone, exp.Literal) and zone.is_string and zone.this.upper() == "UTC":
        return _lit("UTC")
    return zone


def to_local(ts: exp.Expr, zone: exp.Expr | None) -> exp.Expr:
    """TIMESTAMP -> the civil time (DuckDB TIMESTAMP) it reads in ``zone`` (default UTC)."""
    ts = _as(ts, _TIMESTAMPTZ)
    zone = zone if zone is not None else _lit("UTC")
    offset = _offset_interval(zone)
    if offset is not None:
        utc = exp.AtTimeZone(this=_cast(ts, _TIMESTAMPTZ), zone=_lit("UTC"))
        return exp.Paren(this=exp.Add(this=utc, expression=offset))
    return exp.AtTimeZone(this=_cast(ts, _TIMESTAMPTZ), zone=_zone_name(zone))


def from_local(civil: exp.Expr, zone: exp.Expr | None) -> exp.Expr:
    """Civil time (DuckDB TIMESTAMP) in ``zone`` -> TIMESTAMP (DuckDB TIMESTAMPTZ)."""
    civil = _cast(civil, _TIMESTAMP)
    zone = zone if zone is not None else _lit("UTC")
    offset = _offset_interval(zone)
    if offset is not None:
        utc = exp.Paren(this=exp.Sub(this=civil, expression=offset))
        return exp.AtTimeZone(this=utc, zone=_lit("UTC"))
    return exp.AtTimeZone(this=civil, zone=_zone_name(zone))


# --- constructors --------------------------------------------------------------------------------


def date_ctor(node: exp.Expr) -> exp.Expr:
    """DATE(timestamp, zone) / DATE(datetime) / DATE('YYYY-MM-DD').

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
    """
    zone = node.args.get("zone")
    if zone is not None:
        return _cast(to_local(node.this, zone), _DATE)
    return _cast(node.this, _DATE)


def datetime_ctor(node: exp.Expr) -> exp.Expr:
    """DATETIME(date, time) / DATETIME(timestamp[, zone]) / DATETIME(string).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
    """
    second = node.args.get("expression")
    first = node.this
    if second is None:
        if isinstance(first, exp.Literal) and first.is_string:
            return _cast(first, _TIMESTAMP)
        return _cast(first, _TIMESTAMP)
    if isinstance(second, exp.Literal) and second.is_string:
        return to_local(first, second)
    return _cast(exp.Add(this=_cast(first, _DATE), expression=_cast(second, _TIME)), _TIMESTAMP)


def time_ctor(node: exp.Expr) -> exp.Expr:
    """TIME(timestamp, zone).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
    """
    zone = node.args.get("zone")
    if zone is None:
        return _cast(node.this, _TIME)
    return _cast(to_local(node.this, zone), _TIME)


def timestamp_ctor(node: exp.Expr) -> exp.Expr:
    """TIMESTAMP(string|date|datetime[, zone]): civil values are read in ``zone`` (default UTC).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
    """
    zone = node.args.get("zone")
    value = node.this
    if zone is None:
        if isinstance(value, exp.Literal) and value.is_string:
            return _cast(value, _TIMESTAMPTZ)
        return _cast(value, _TIMESTAMPTZ)
    if isinstance(value, exp.Literal) and value.is_string and _has_zone(value.this):
        return _cast(value, _TIMESTAMPTZ)
    return from_local(value, zone)


def _has_zone(text: str) -> bool:
    return bool(re.search(r"([+-]\d{1,2}(:\d{2})?|Z|UTC|[A-Za-z]+/[A-Za-z_]+)\s*$", text.strip()))


def current_datetime(node: exp.Expr) -> exp.Expr:
    """CURRENT_DATETIME([zone]) is the civil time now.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#current_datetime
    """
    return to_local(exp.CurrentTimestamp(), node.this)


def current_time(node: exp.Expr) -> exp.Expr:
    """CURRENT_TIME([zone]) is a TIME (DuckDB's is TIME WITH TIME ZONE).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#current_time
    """
    return _cast(to_local(exp.CurrentTimestamp(), node.this), _TIME)


def current_date(node: exp.Expr) -> exp.Expr:
    """CURRENT_DATE([zone]).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#current_date
    """
    return _cast(to_local(exp.CurrentTimestamp(), node.this), _DATE)


def unix_to_time(node: exp.Expr) -> exp.Expr:
    """TIMESTAMP_SECONDS/MILLIS/MICROS return a TIMESTAMP (DuckDB TIMESTAMPTZ).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_millis
    """
    scale = node.args.get("scale")
    digits = int(scale.this) if isinstance(scale, exp.Literal) else 0
    micros: exp.Expr = exp.Paren(
        this=exp.Mul(this=_cast(node.this, _BIGINT), expression=_num(10 ** (6 - digits)))
    )
    if digits == 6:
        micros = node.this
    return exp.AtTimeZone(this=call("MAKE_TIMESTAMP", micros), zone=_lit("UTC"))


def date_from_unix_date(node: exp.Expr) -> exp.Expr:
    """DATE_FROM_UNIX_DATE(n) is a DATE.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_from_unix_date
    """
    days = exp.Interval(this=node.this, unit=exp.var("DAY"))
    return _cast(exp.Add(this=_cast(_lit("1970-01-01"), _DATE), expression=days), _DATE)


def unix_date(node: exp.Expr) -> exp.Expr:
    """UNIX_DATE(date): days since 1970-01-01.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#unix_date
    """
    return call("DATE_DIFF", _lit("day"), _cast(_lit("1970-01-01"), _DATE), _as(node.this, _DATE))


def _epoch_us(ts: exp.Expr) -> exp.Expr:
    return call("EPOCH_US", _as(ts, _TIMESTAMPTZ))


def unix_seconds(node: exp.Expr) -> exp.Expr:
    """UNIX_SECONDS truncates toward the earlier second.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_seconds
    """
    return call("FLOOR_DIV_BQ", _epoch_us(node.this), _num(1_000_000))


def unix_millis(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_millis"""
    return call("FLOOR_DIV_BQ", _epoch_us(node.this), _num(1_000))


def unix_micros(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_micros"""
    return _epoch_us(node.this)


# --- arithmetic ----------------------------------------------------------------------------------


def _interval(node: exp.Expr) -> exp.Expr:
    unit = node.args.get("unit")
    amount = node.expression
    if isinstance(amount, exp.Interval):
        return amount
    part = unit.name.upper() if unit is not None else "DAY"
    if part == "MILLISECOND":
        return call("TO_MILLISECONDS", _cast(amount, _BIGINT))
    if part == "MICROSECOND":
        return call("TO_MICROSECONDS", _cast(amount, _BIGINT))
    return exp.Interval(this=_cast(amount, _BIGINT), unit=exp.var(part))


def datetime_add(node: exp.Expr) -> exp.Expr:
    """DATETIME_ADD/SUB: a DATETIME, months clamped to the month's last day.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
    """
    value = _as(node.this, _TIMESTAMP)
    op = exp.Sub if isinstance(node, exp.DatetimeSub) else exp.Add
    return _cast(op(this=value, expression=_interval(node)), _TIMESTAMP)


def timestamp_add(node: exp.Expr) -> exp.Expr:
    """TIMESTAMP_ADD/SUB: elapsed time on the UTC line.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
    """
    value = _as(node.this, _TIMESTAMPTZ)
    op = exp.Sub if isinstance(node, exp.TimestampSub) else exp.Add
    return op(this=value, expression=_interval(node))


def time_add(node: exp.Expr) -> exp.Expr:
    """TIME_ADD/SUB wrap around midnight.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
    """
    value = _as(node.this, _TIME)
    op = exp.Sub if isinstance(node, exp.TimeSub) else exp.Add
    return _cast(op(this=value, expression=_interval(node)), _TIME)


# --- truncation and differences ------------------------------------------------------------------


def _part(unit: exp.Expr | None) -> tuple[str, int]:
    """(part, week start 0=Sunday..6) of a GoogleSQL date part node."""
    if unit is None:
        return "DAY", 0
    if isinstance(unit, exp.WeekStart):
        return "WEEK", _WEEKDAYS.index(unit.name.upper())
    name = unit.name.upper()
    if name.startswith("WEEK(") and name.endswith(")"):
        return "WEEK", _WEEKDAYS.index(name[5:-1])
    if name == "WEEK":
        return "WEEK", 0
    return name, 0


def _week_start(civil: exp.Expr, weekday: int) -> exp.Expr:
    """Start (as DATE) of the week beginning on ``weekday`` that contains ``civil``."""
    day = _cast(civil, _DATE)
    back = exp.Mod(
        this=exp.Paren(
            this=exp.Add(
                this=exp.Sub(this=call("DAYOFWEEK", day.copy()), expression=_num(weekday)),
                expression=_num(7),
            )
        ),
        expression=_num(7),
    )
    return _cast(
        exp.Sub(this=day, expression=call("TO_DAYS", _cast(back, exp.DataType.build("INTEGER")))),
        _DATE,
    )


def _trunc(civil: exp.Expr, part: str, weekday: int) -> exp.Expr:
    """date_trunc on a civil value; returns DATE or TIMESTAMP per DuckDB (caller casts)."""
    if part == "WEEK":
        return _week_start(civil, weekday)
    if part == "ISOWEEK":
        return _week_start(civil, 1)
    return call("DATE_TRUNC", _lit(part.lower()), civil)


def date_trunc(node: exp.Expr) -> exp.Expr:
    """DATE_TRUNC(date, part) incl. WEEK(<weekday>), ISOWEEK, ISOYEAR.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
    """
    part, weekday = _part(node.args.get("unit"))
    value = _as(node.this, _DATE)
    return _cast(_trunc(value, part, weekday), _DATE)


def datetime_trunc(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc"""
    part, weekday = _part(node.args.get("unit"))
    value = _cast(node.this, _TIMESTAMP)
    return _cast(_trunc(value, part, weekday), _TIMESTAMP)


def time_trunc(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_trunc"""
    part, _ = _part(node.args.get("unit"))
    civil = exp.Add(this=_cast(_lit("1970-01-01"), _DATE), expression=_as(node.this, _TIME))
    return _cast(call("DATE_TRUNC", _lit(part.lower()), civil), _TIME)


def timestamp_trunc(node: exp.Expr) -> exp.Expr:
    """TIMESTAMP_TRUNC(ts, part[, zone]): truncate the civil time in ``zone`` (default UTC).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
    """
    part, weekday = _part(node.args.get("unit"))
    zone = node.args.get("zone")
    civil = to_local(node.this, zone)
    truncated = _cast(_trunc(civil, part, weekday), _TIMESTAMP)
    return from_local(truncated, zone.copy() if zone is not None else None)


def _diff(later: exp.Expr, earlier: exp.Expr, part: str, weekday: int) -> exp.Expr:
    """Number of ``part`` boundaries between two civil values (DATE or TIMESTAMP)."""
    if part in ("WEEK", "ISOWEEK"):
        start = 1 if part == "ISOWEEK" else weekday
        days = call(
            "DATE_DIFF", _lit("day"), _week_start(earlier, start), _week_start(later, start)
        )
        return exp.IntDiv(this=days, expression=_num(7))
    if part == "ISOYEAR":
        return exp.Sub(
            this=call("ISOYEAR", _cast(later, _DATE)),
            expression=call("ISOYEAR", _cast(earlier, _DATE)),
        )
    return call("DATE_DIFF", _lit(part.lower()), earlier, later)


def date_diff(node: exp.Expr) -> exp.Expr:
    """DATE_DIFF(a, b, part) counts part boundaries from b to a.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
    """
    part, weekday = _part(node.args.get("unit"))
    return _diff(_as(node.this, _DATE), _as(node.expression, _DATE), part, weekday)


def datetime_diff(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff"""
    part, weekday = _part(node.args.get("unit"))
    later, earlier = _as(node.this, _TIMESTAMP), _as(node.expression, _TIMESTAMP)
    if part in _MICRO_PARTS:
        return _elapsed(later, earlier, part)
    return _diff(later, earlier, part, weekday)


_MICRO_PARTS = {
    "MICROSECOND": 1,
    "MILLISECOND": 1_000,
    "SECOND": 1_000_000,
    "MINUTE": 60_000_000,
    "HOUR": 3_600_000_000,
}


def _elapsed(later: exp.Expr, earlier: exp.Expr, part: str) -> exp.Expr:
    """Whole ``part`` units elapsed (truncated toward zero) between two TIMESTAMPs."""
    span = exp.Sub(this=call("EPOCH_US", later), expression=call("EPOCH_US", earlier))
    return call("TRUNC_DIV_BQ", exp.Paren(this=span), _num(_MICRO_PARTS[part]))


def time_diff(node: exp.Expr) -> exp.Expr:
    """TIME_DIFF counts whole units elapsed.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
    """
    part, _ = _part(node.args.get("unit"))
    base = _cast(_lit("1970-01-01"), _DATE)
    later = exp.Add(this=base, expression=_as(node.this, _TIME))
    earlier = exp.Add(this=base.copy(), expression=_as(node.expression, _TIME))
    return _elapsed(later, earlier, part if part in _MICRO_PARTS else "HOUR")


def last_day(node: exp.Expr) -> exp.Expr:
    """LAST_DAY(date[, part]) incl. WEEK(<weekday>) and ISOWEEK.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
    """
    part, weekday = _part(node.args.get("unit"))
    if node.args.get("unit") is None:
        part = "MONTH"
    value = _as(node.this, _DATE)
    if part in ("WEEK", "ISOWEEK"):
        start = _week_start(value, 1 if part == "ISOWEEK" else weekday)
        return _cast(exp.Add(this=start, expression=call("TO_DAYS", _num(6))), _DATE)
    if part == "ISOYEAR":
        nxt = exp.Add(
            this=call("DATE_TRUNC", _lit("isoyear"), value),
            expression=exp.Interval(this=_lit("53"), unit=exp.var("WEEK")),
        )
        first_next = call("DATE_TRUNC", _lit("isoyear"), _cast(nxt, _DATE))
        return _cast(exp.Sub(this=first_next, expression=call("TO_DAYS", _num(1))), _DATE)
    start = call("DATE_TRUNC", _lit(part.lower()), value)
    one = exp.Interval(this=_lit("1"), unit=exp.var(part))
    end = exp.Sub(this=exp.Add(this=start, expression=one), expression=call("TO_DAYS", _num(1)))
    return _cast(end, _DATE)


def generate_date_array(node: exp.Expr) -> exp.Expr:
    """GENERATE_DATE_ARRAY(start, end[, INTERVAL n part]).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
    """
    step = node.args.get("step") or exp.Interval(this=_lit("1"), unit=exp.var("DAY"))
    series = call(
        "GENERATE_SERIES", _as(node.args["start"], _DATE), _as(node.args["end"], _DATE), step
    )
    return _cast(series, exp.DataType.build("DATE[]", dialect="duckdb"))


def generate_timestamp_array(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_timestamp_array"""
    start = _cast(node.args["start"], _TIMESTAMPTZ)
    end = _cast(node.args["end"], _TIMESTAMPTZ)
    return call("GENERATE_SERIES", start, end, node.args["step"])


# --- FORMAT_* and PARSE_* -------------------------------------------------------------------------

_DIRECT = set("AabBdHIjMmpSUWwYyGVu")
_EXPAND = {
    "c": "%a %b %e %H:%M:%S %Y",
    "D": "%m/%d/%y",
    "x": "%m/%d/%y",
    "F": "%Y-%m-%d",
    "T": "%H:%M:%S",
    "X": "%H:%M:%S",
    "R": "%H:%M",
}
_ELEMENT_RE = re.compile(r"%(E\d+S|E\*S|E#S|E4Y|Ez|[-]?[A-Za-z%])")


def _bq_format(fmt: exp.Expr) -> str | None:
    if not (isinstance(fmt, exp.Literal) and fmt.is_string):
        return None
    return format_time(fmt.this, BigQuery.INVERSE_TIME_MAPPING, BigQuery.INVERSE_TIME_TRIE)


def _tokens(fmt: str) -> list[tuple[bool, str]]:
    """[(is_element, text)] with composite elements expanded."""
    out: list[tuple[bool, str]] = []
    pos = 0
    for match in _ELEMENT_RE.finditer(fmt):
        if match.start() > pos:
            out.append((False, fmt[pos : match.start()]))
        element = match.group(1)
        if element in _EXPAND:
            out.extend(_tokens(_EXPAND[element]))
        else:
            out.append((True, element))
        pos = match.end()
    if pos < len(fmt):
        out.append((False, fmt[pos:]))
    return out


def _strftime(civil: exp.Expr, code: str) -> exp.Expr:
    return call("STRFTIME", civil.copy(), _lit(code))


def _lpad(node: exp.Expr, width: int, fill: str) -> exp.Expr:
    return call("LPAD", _cast(node, _VARCHAR), _num(width), _lit(fill))


def _offset_text(utc: exp.Expr | None, civil: exp.Expr, colon: bool) -> exp.Expr:
    if utc is None:
        return _lit("+00:00" if colon else "+0000")
    minutes = exp.IntDiv(
        this=exp.Paren(
            this=exp.Sub(this=call("EPOCH", civil.copy()), expression=call("EPOCH", utc.copy()))
        ),
        expression=_num(60),
    )
    return call("BQ_OFFSET_TEXT", _cast(minutes, _BIGINT), exp.Boolean(this=colon))


def _element(element: str, civil: exp.Expr, utc: exp.Expr | None, zone: exp.Expr) -> exp.Expr:
    simple = {
        "e": lambda: _lpad(_strftime(civil, "%-d"), 2, " "),
        "k": lambda: _lpad(_strftime(civil, "%-H"), 2, " "),
        "l": lambda: _lpad(_strftime(civil, "%-I"), 2, " "),
        "P": lambda: call("LOWER", _strftime(civil, "%p")),
        "Q": lambda: _cast(call("QUARTER", civil.copy()), _VARCHAR),
        "C": lambda: _lpad(
            exp.IntDiv(this=call("YEAR", civil.copy()), expression=_num(100)), 2, "0"
        ),
        "g": lambda: _lpad(
            exp.Mod(this=call("ISOYEAR", civil.copy()), expression=_num(100)), 2, "0"
        ),
        "n": lambda: _lit("\n"),
        "t": lambda: _lit("\t"),
        "%": lambda: _lit("%"),
        "E4Y": lambda: _lpad(call("YEAR", civil.copy()), 4, "0"),
        "s": lambda: _cast(
            call("FLOOR_DIV_BQ", call("EPOCH_US", (utc or civil).copy()), _num(1_000_000)), _VARCHAR
        ),
        "Z": lambda: zone.copy(),
        "z": lambda: _offset_text(utc, civil, False),
        "Ez": lambda: _offset_text(utc, civil, True),
        "E*S": lambda: call("BQ_SECONDS_TEXT", civil.copy(), _num(-1)),
        "E#S": lambda: call("BQ_SECONDS_TEXT", civil.copy(), _num(-1)),
    }
    if element in simple:
        return simple[element]()
    digits = re.fullmatch(r"E(\d+)S", element)
    if digits:
        return call("BQ_SECONDS_TEXT", civil.copy(), _num(int(digits.group(1))))
    return _strftime(civil, f"%{element}")


def _concat(parts: list[exp.Expr]) -> exp.Expr:
    if not parts:
        return _lit("")
    result = parts[0]
    for part in parts[1:]:
        result = exp.DPipe(this=result, expression=part, safe=True)
    return result


def format_value(fmt: str, civil: exp.Expr, utc: exp.Expr | None, zone: exp.Expr) -> exp.Expr:
    """BigQuery FORMAT_* elements as a DuckDB string expression over a civil TIMESTAMP."""
    parts: list[exp.Expr] = []
    direct = ""
    for is_element, text in _tokens(fmt):
        if is_element and text in _DIRECT:
            direct += f"%{text}"
            continue
        if not is_element:
            direct += text.replace("%", "%%")
            continue
        if direct:
            parts.append(_strftime(civil, direct))
            direct = ""
        parts.append(_element(text, civil, utc, zone))
    if direct:
        parts.append(_strftime(civil, direct))
    return _concat(parts)


def time_to_str(node: exp.Expr) -> exp.Expr:
    """FORMAT_DATE/DATETIME/TIME/TIMESTAMP with BigQuery's format elements.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
    """
    fmt = _bq_format(node.args["format"])
    if fmt is None:
        return node
    value = node.this
    zone = node.args.get("zone")
    utc: exp.Expr | None = None
    if isinstance(value, exp.TsOrDsToDate):
        civil = _cast(_cast(value.this, _DATE), _TIMESTAMP)
    elif isinstance(value, exp.TsOrDsToTime) or (
        isinstance(value, exp.Cast) and value.to.this == exp.DataType.Type.TIME
    ):
        civil = exp.Add(this=_cast(_lit("1970-01-01"), _DATE), expression=_cast(value.this, _TIME))
    elif isinstance(value, exp.TsOrDsToDatetime):
        civil = _cast(value.this, _TIMESTAMP)
    else:
        inner = value.this if isinstance(value, (exp.TsOrDsToTimestamp, exp.Cast)) else value
        utc = _cast(_as(inner, _TIMESTAMPTZ), _TIMESTAMPTZ)
        civil = to_local(utc.copy(), zone)
        if zone is None or _offset_interval(zone) is None:
            zone = _lit("UTC") if zone is None else _zone_name(zone)
        else:
            zone = _lit("UTC" + zone.this if not zone.this.upper().startswith("UTC") else zone.this)
    return format_value(fmt, civil, utc, zone if zone is not None else _lit("UTC"))


_PARSE_MAP = {
    "e": "%-d",
    "k": "%-H",
    "l": "%-I",
    "Ez": "%z",
    "E*S": "%S.%f",
    "E4Y": "%Y",
    "n": " ",
    "t": " ",
    "P": "%p",
}


def _strptime_format(fmt: str) -> str:
    out = ""
    for is_element, text in _tokens(fmt):
        if not is_element:
            out += text.replace("%", "%%")
        elif text in _PARSE_MAP:
            out += _PARSE_MAP[text]
        elif re.fullmatch(r"E\d+S", text):
            out += "%S.%f"
        else:
            out += f"%{text}"
    return out


def _strptime(node: exp.Expr, with_year: bool) -> tuple[exp.Expr, bool] | None:
    fmt = _bq_format(node.args["format"])
    if fmt is None:
        return None
    duck = _strptime_format(fmt)
    has_zone = "%z" in duck or "%Z" in duck
    text: exp.Expr = call("TRIM", node.this)
    if with_year:
        text = exp.DPipe(this=_lit("1970 "), expression=text, safe=True)
        duck = "%Y " + duck
    return call("STRPTIME", text, _lit(duck)), has_zone


def parse_date(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date"""
    parsed = _strptime(node, True)
    return node if parsed is None else _cast(parsed[0], _DATE)


def parse_datetime(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime"""
    parsed = _strptime(node, True)
    return node if parsed is None else _cast(parsed[0], _TIMESTAMP)


def parse_time(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time"""
    parsed = _strptime(node, False)
    return node if parsed is None else _cast(parsed[0], _TIME)


def parse_timestamp(node: exp.Expr) -> exp.Expr:
    """PARSE_TIMESTAMP reads civil text in ``zone`` (default UTC) unless it carries an offset.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
    """
    parsed = _strptime(node, True)
    if parsed is None:
        return node
    value, has_zone = parsed
    if has_zone:
        return _cast(value, _TIMESTAMPTZ)
    return from_local(value, node.args.get("zone"))


# --- intervals -----------------------------------------------------------------------------------

_SPAN_UNITS = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"]


def interval(node: exp.Expr) -> exp.Expr:
    """``INTERVAL 'Y-M D H:M:S' <part> TO <part>`` -> a DuckDB interval of the same value.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
    """
    unit = node.args.get("unit")
    value = node.this
    if isinstance(unit, exp.Var) and unit.name.upper() in ("MILLISECOND", "MICROSECOND"):
        name = "TO_MILLISECONDS" if unit.name.upper() == "MILLISECOND" else "TO_MICROSECONDS"
        return call(name, _cast(value, _BIGINT))
    if isinstance(unit, exp.Var) and unit.name.upper() in ("QUARTER", "WEEK"):
        months_or_days = "MONTH" if unit.name.upper() == "QUARTER" else "DAY"
        factor = 3 if months_or_days == "MONTH" else 7
        amount = exp.Mul(this=_cast(value, _BIGINT), expression=_num(factor))
        return exp.Interval(this=exp.Paren(this=amount), unit=exp.var(months_or_days))
    if not isinstance(unit, exp.IntervalSpan) or not (
        isinstance(value, exp.Literal) and value.is_string
    ):
        return node
    text = _span_text(value.this, unit.this.name.upper(), unit.expression.name.upper())
    return node if text is None else exp.cast(_lit(text), exp.DataType.build("INTERVAL"))


def _span_text(text: str, first: str, last: str) -> str | None:
    """'1-2 3 4:5:6' read from ``first`` to ``last`` -> DuckDB interval text.

    Fields are Y-M, D and H:M:S; a sign applies to its whole field.
    """
    if first not in _SPAN_UNITS or last not in _SPAN_UNITS:
        return None
    units = _SPAN_UNITS[_SPAN_UNITS.index(first) : _SPAN_UNITS.index(last) + 1]
    fields: list[list[str]] = []
    for unit in units:
        group = "YM" if unit in ("YEAR", "MONTH") else "D" if unit == "DAY" else "HMS"
        if fields and _group(fields[-1][-1]) == group:
            fields[-1].append(unit)
        else:
            fields.append([unit])
    pieces = text.split()
    if len(pieces) != len(fields):
        return None
    out = []
    for field_units, piece in zip(fields, pieces, strict=True):
        sign = "-" if piece.startswith("-") else ""
        numbers = piece.lstrip("+-").split("-" if field_units[0] in ("YEAR", "MONTH") else ":")
        if len(numbers) != len(field_units):
            return None
        for unit, number in zip(field_units, numbers, strict=True):
            out.append(f"{sign}{number} {unit.lower()}")
    return " ".join(out)


def _group(unit: str) -> str:
    return "YM" if unit in ("YEAR", "MONTH") else "D" if unit == "DAY" else "HMS"


MACROS: list[str] = [
    "CREATE OR REPLACE MACRO FLOOR_DIV_BQ(a, b) AS CAST(FLOOR(a / b) AS BIGINT)",
    "CREATE OR REPLACE MACRO TRUNC_DIV_BQ(a, b) AS CAST(TRUNC(a / b) AS BIGINT)",
    "CREATE OR REPLACE MACRO BQ_OFFSET_TEXT(m, colon) AS "
    "(CASE WHEN m < 0 THEN '-' ELSE '+' END) || LPAD(CAST(ABS(m) // 60 AS VARCHAR), 2, '0') "
    "|| (CASE WHEN colon THEN ':' ELSE '' END) || LPAD(CAST(ABS(m) % 60 AS VARCHAR), 2, '0')",
    "CREATE OR REPLACE MACRO BQ_SECONDS_TEXT(t, digits) AS "
    "CASE WHEN digits = 0 THEN STRFTIME(t, '%S') "
    "WHEN digits > 0 THEN STRFTIME(t, '%S') || '.' "
    "|| LEFT(STRFTIME(t, '%f') || '000000000000', digits) "
    "WHEN MICROSECOND(t) % 1000000 = 0 THEN STRFTIME(t, '%S') "
    "ELSE STRFTIME(t, '%S') || '.' || RTRIM(STRFTIME(t, '%f'), '0') END",
]


def time_of(node: exp.Expr) -> exp.Expr:
    """TIME(timestamp) is the UTC time of day, TIME(datetime) its time part.

    DuckDB has no TIMESTAMP WITH TIME ZONE -> TIME cast; the parts work on every time type.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
    """
    if any(v is not None for k, v in node.args.items() if k != "this"):
        return node
    if isinstance(node.parent, exp.TimeToStr):
        return node  # FORMAT_TIME's own TIME argument: format_time reads this node
    value = node.this
    if isinstance(value, exp.Literal) and value.is_string:
        return exp.cast(value, exp.DataType.build("TIME"))
    seconds = exp.Div(
        this=call("MICROSECOND", value.copy()), expression=exp.Literal.number(1_000_000)
    )
    return call("MAKE_TIME", call("HOUR", value.copy()), call("MINUTE", value.copy()), seconds)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.TsOrDsToTime: time_of,
    exp.Date: date_ctor,
    exp.Datetime: datetime_ctor,
    exp.Time: time_ctor,
    exp.Timestamp: timestamp_ctor,
    exp.CurrentDatetime: current_datetime,
    exp.CurrentTime: current_time,
    exp.CurrentDate: current_date,
    exp.UnixToTime: unix_to_time,
    exp.DateFromUnixDate: date_from_unix_date,
    exp.UnixDate: unix_date,
    exp.UnixSeconds: unix_seconds,
    exp.UnixMillis: unix_millis,
    exp.UnixMicros: unix_micros,
    exp.DatetimeAdd: datetime_add,
    exp.DatetimeSub: datetime_add,
    exp.TimestampAdd: timestamp_add,
    exp.TimestampSub: timestamp_add,
    exp.TimeAdd: time_add,
    exp.TimeSub: time_add,
    exp.DateTrunc: date_trunc,
    exp.DatetimeTrunc: datetime_trunc,
    exp.TimeTrunc: time_trunc,
    exp.TimestampTrunc: timestamp_trunc,
    exp.DateDiff: date_diff,
    exp.DatetimeDiff: datetime_diff,
    exp.TimeDiff: time_diff,
    exp.LastDay: last_day,
    exp.GenerateDateArray: generate_date_array,
    exp.GenerateTimestampArray: generate_timestamp_array,
    exp.TimeToStr: time_to_str,
    exp.StrToDate: parse_date,
    exp.ParseDatetime: parse_datetime,
    exp.ParseTime: parse_time,
    exp.StrToTime: parse_timestamp,
    exp.Interval: interval,
}

# INTERVAL parts: months, days and microseconds (DuckDB keeps the three apart, as BigQuery does).
MACROS += [
    "CREATE OR REPLACE MACRO BQ_IV_MONTHS(i) AS DATEPART('year', i) * 12 + DATEPART('month', i)",
    "CREATE OR REPLACE MACRO BQ_IV_MICROS(i) AS CAST(DATEPART('hour', i) AS BIGINT) * 3600000000 "
    "+ DATEPART('minute', i) * 60000000 + DATEPART('microseconds', i)",
    # Integer // and % truncate toward zero, keeping the sign of negative parts (FMOD floors).
    "CREATE OR REPLACE MACRO JUSTIFY_DAYS(i) AS "
    "TO_MONTHS(CAST(BQ_IV_MONTHS(i) + CAST(DATEPART('day', i) AS BIGINT) // 30 AS INTEGER)) "
    "+ TO_DAYS(CAST(CAST(DATEPART('day', i) AS BIGINT) % 30 AS INTEGER)) "
    "+ TO_MICROSECONDS(BQ_IV_MICROS(i))",
    "CREATE OR REPLACE MACRO JUSTIFY_HOURS(i) AS "
    "TO_MONTHS(CAST(BQ_IV_MONTHS(i) AS INTEGER)) "
    "+ TO_DAYS(CAST(DATEPART('day', i) + BQ_IV_MICROS(i) // 86400000000 AS INTEGER)) "
    "+ TO_MICROSECONDS(CAST(BQ_IV_MICROS(i) % 86400000000 AS BIGINT))",
    "CREATE OR REPLACE MACRO JUSTIFY_INTERVAL(i) AS JUSTIFY_DAYS(JUSTIFY_HOURS(i))",
]
