"""``CAST(x AS STRING FORMAT '...')`` for numbers, and for dates and times of a type the
translator cannot see (a column): a Python UDF that reads the value's text and DuckDB type.

https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_numeric_type_as_string
https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_date_time_as_string
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlglot import exp

from bqhouse.sql.builders import call
from bqhouse.sql.functions import Udf

_NUMBER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE")


def to_string(operand: exp.Expr, fmt: exp.Expr) -> exp.Expr:
    """``bq_cast_format(CAST(x AS VARCHAR), TYPEOF(x), fmt)``."""
    text = exp.cast(operand.copy(), exp.DataType.build("VARCHAR"))
    return call("bq_cast_format", text, call("TYPEOF", operand.copy()), fmt.copy())


def _cast_format(text: str | None, duck_type: str, fmt: str | None) -> str | None:
    if text is None or fmt is None:
        return None
    if duck_type in _NUMBER_TYPES or duck_type.startswith("DECIMAL"):
        return format_number(text, fmt)
    if duck_type in ("DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
        return format_datetime(text, duck_type, fmt)
    raise ValueError(f"CAST with FORMAT to STRING is not supported for type {duck_type}")


# --- numbers -------------------------------------------------------------------------------------

_NUMBER_ELEMENT = re.compile(r"FM|MI|PR|EEEE|[09.D,G$SL]|C", re.IGNORECASE)


def format_number(text: str, fmt: str) -> str:
    """Format a number with the digit (0, 9), decimal point (., D), group (',', G), currency
    ($, L, C), sign (S, MI, PR) and FM elements.

    >>> format_number("12", "999"), format_number("-12.3", "99.999")
    ('  12', '-12.300')
    >>> format_number("1234567.89", "$999,999.999"), format_number("12.5", "999999.000FM")
    (' $###,###.###', '12.5')
    """
    elements = _number_elements(fmt)
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"Invalid number for CAST with FORMAT: {text}") from exc
    upper = [e.upper() for e in elements]
    fill_mode = "FM" in upper
    elements = [e for e in elements if e.upper() != "FM"]
    upper = [e.upper() for e in elements]
    point = next((i for i, e in enumerate(upper) if e in (".", "D")), len(elements))
    int_slots = [i for i, e in enumerate(upper[:point]) if e in ("0", "9")]
    frac_slots = [i for i, e in enumerate(upper[point:], point) if e in ("0", "9")]
    negative = value < 0
    rounded = abs(value).quantize(Decimal(1).scaleb(-len(frac_slots)), rounding=ROUND_HALF_UP)
    digits = format(rounded, "f")
    whole, _, fraction = digits.partition(".")
    whole = whole.lstrip("0")
    overflow = len(whole) > len(int_slots)
    if not whole and not frac_slots and int_slots:
        whole = "0"  # a zero with no fraction still shows one digit
    whole = whole.rjust(len(int_slots), " ")
    # Leading positions: a '0' element, or any slot right of the first '0', prints a zero.
    first_zero = next((n for n, i in enumerate(int_slots) if upper[i] == "0"), len(int_slots))
    chars: list[str] = []
    int_digits = iter(whole)
    frac_digits = iter(fraction.ljust(len(frac_slots), "0"))
    started = overflow
    sign_at: int | None = 0 if overflow else None
    symbol = ""
    for n, element in enumerate(upper):
        if element in ("0", "9") and n < point:
            digit = next(int_digits)
            if digit == " " and int_slots.index(n) >= first_zero:
                digit = "0"
            if overflow:
                digit = "#"
            if digit != " " and not started:
                started, sign_at = True, len(chars)
            chars.append(digit)
        elif element in ("0", "9"):
            chars.append("#" if overflow else next(frac_digits))
        elif element in (".", "D"):
            if not started:
                started, sign_at = True, len(chars)
            chars.append(".")
        elif element in (",", "G"):
            chars.append("," if started else " ")
        elif element in ("$", "L", "C"):
            symbol = {"$": "$", "L": "$", "C": "USD"}[element]
            symbol = symbol.lower() if elements[n] == "c" else symbol
    at = len(chars) if sign_at is None else sign_at
    prefix, suffix = "".join(chars[:at]), symbol + "".join(chars[at:])
    if "S" in upper:
        mark = " " if value == 0 else ("-" if negative else "+")
        out = prefix + mark + suffix if upper[0] == "S" else prefix + suffix + mark
    elif "MI" in upper:
        out = prefix + suffix + ("-" if negative else " ")
    elif "PR" in upper:
        out = prefix + ("<" + suffix + ">" if negative else " " + suffix + " ")
    else:  # one position is reserved for the sign, just before the number
        out = prefix + ("-" if negative else " ") + suffix
    if fill_mode:
        out = out.replace(" ", "")
        if "." in out:
            out = out.rstrip("0")
    return out


def _number_elements(fmt: str) -> list[str]:
    elements: list[str] = []
    index = 0
    while index < len(fmt):
        match = _NUMBER_ELEMENT.match(fmt, index)
        if match is None:
            raise ValueError(f"Unsupported format element in CAST FORMAT: {fmt[index:]}")
        elements.append(match.group(0))
        index = match.end()
    return elements


# --- dates and times -----------------------------------------------------------------------------

_DATETIME_ELEMENT = re.compile(
    r'"(?:[^"\\]|\\.)*"|YYYY|RRRR|YYY|YY|RR|Y|MONTH|MON|MM|DAY|DY|DDD|DD|D|HH24|HH12|HH|MI|'
    r"SSSSS|SS|FF[1-9]|A\.M\.|P\.M\.|AM|PM|TZH|TZM|[-./,';: ]",
    re.IGNORECASE,
)


def _parse_value(text: str, duck_type: str) -> dt.datetime:
    if duck_type == "DATE":
        return dt.datetime.fromisoformat(text)
    if duck_type == "TIME":
        return dt.datetime.fromisoformat("1970-01-01T" + text)
    if duck_type == "TIMESTAMP WITH TIME ZONE":
        text = text if re.search(r"[+-]\d\d(:\d\d)?$", text) else text + "+00"
        parsed = dt.datetime.fromisoformat(re.sub(r"([+-]\d\d)$", r"\1:00", text))
        return parsed.astimezone(dt.UTC)
    return dt.datetime.fromisoformat(text)


def _case_matched(word: str, element: str) -> str:
    if element[:2].isupper():
        return word.upper()
    if element[:1].isupper():
        return word.capitalize()
    return word.lower()


def format_datetime(text: str, duck_type: str, fmt: str) -> str:
    """Format a DATE/TIME/DATETIME/TIMESTAMP value with GoogleSQL's format elements.

    >>> format_datetime("2018-01-30", "DATE", "Month DD, YYYY")
    'January 30, 2018'
    """
    value = _parse_value(text, duck_type)
    out: list[str] = []
    index = 0
    while index < len(fmt):
        match = _DATETIME_ELEMENT.match(fmt, index)
        if match is None:
            raise ValueError(f"Unsupported format element in CAST FORMAT: {fmt[index:]}")
        index = match.end()
        out.append(_datetime_element(value, match.group(0)))
    return "".join(out)


def _datetime_element(value: dt.datetime, element: str) -> str:
    key = element.upper()
    if element.startswith('"'):
        return re.sub(r"\\(.)", r"\1", element[1:-1])
    if len(key) == 1 and not key.isalpha():
        return element
    twelve = value.hour % 12 or 12
    micros = f"{value.microsecond:06d}"
    simple = {
        "YYYY": f"{value.year:04d}",
        "RRRR": f"{value.year:04d}",
        "YYY": f"{value.year % 1000:03d}",
        "YY": f"{value.year % 100:02d}",
        "RR": f"{value.year % 100:02d}",
        "Y": str(value.year % 10),
        "MM": f"{value.month:02d}",
        "DD": f"{value.day:02d}",
        "DDD": f"{value.timetuple().tm_yday:03d}",
        "D": str(value.isoweekday() % 7 + 1),
        "HH24": f"{value.hour:02d}",
        "HH12": f"{twelve:02d}",
        "HH": f"{twelve:02d}",
        "MI": f"{value.minute:02d}",
        "SS": f"{value.second:02d}",
        "SSSSS": f"{value.hour * 3600 + value.minute * 60 + value.second:05d}",
        "TZH": "+00",
        "TZM": "00",
    }
    if key in simple:
        return simple[key]
    if key.startswith("FF"):
        return micros.ljust(9, "0")[: int(key[2:])]
    if key in ("MONTH", "MON", "DAY", "DY"):
        word = value.strftime({"MONTH": "%B", "MON": "%b", "DAY": "%A", "DY": "%a"}[key])
        return _case_matched(word, element)
    meridian = "AM" if value.hour < 12 else "PM"
    if "." in key:
        meridian = meridian[0] + "." + meridian[1] + "."
    return meridian if element[0].isupper() else meridian.lower()


UDFS: list[Udf] = [
    Udf("bq_cast_format", _cast_format, ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR"),
]
