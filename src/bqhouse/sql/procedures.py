"""Stored procedures: parse ``CREATE PROCEDURE`` headers and ``CALL`` statements.

sqlglot cannot parse either (argument modes, a BEGIN ... END body); the script parser
(``bqhouse.sql.script``) hands over their text, and the script runner executes them.
https://cloud.google.com/bigquery/docs/procedures
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import ParseError

from bqhouse import errors
from bqhouse.sql.routines import RoutineRef

_HEADER = re.compile(
    r"\s*CREATE\s+(?P<replace>OR\s+REPLACE\s+)?PROCEDURE\s+(?P<exists>IF\s+NOT\s+EXISTS\s+)?"
    r"(?P<name>(?:`[^`]+`|[\w-]+)(?:\s*\.\s*(?:`[^`]+`|[\w-]+))*)\s*\(",
    re.IGNORECASE,
)
_CALL = re.compile(
    r"\s*CALL\s+(?P<name>(?:`[^`]+`|[\w-]+)(?:\s*\.\s*(?:`[^`]+`|[\w-]+))*)\s*\(", re.IGNORECASE
)
_ARGUMENT = re.compile(
    r"\s*(?:(?P<mode>IN|OUT|INOUT)\s+)?(?P<name>`[^`]+`|\w+)\s+(?P<type>.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Argument:
    name: str
    mode: str  # IN, OUT or INOUT
    type_sql: str  # GoogleSQL type, e.g. ARRAY<STRING>


@dataclass(frozen=True)
class ProcedureHeader:
    ref: RoutineRef
    arguments: list[Argument]
    replace: bool
    if_not_exists: bool


def _syntax(message: str) -> errors.InvalidQuery:
    return errors.InvalidQuery(f"Syntax error: {message}", location="query")


def _resolve(name: str, default_project: str, default_dataset: str | None) -> RoutineRef:
    parts = [p for piece in re.split(r"\s*\.\s*", name) for p in piece.strip("`").split(".")]
    if len(parts) == 3:
        return RoutineRef(*parts)
    if len(parts) == 2:
        return RoutineRef(default_project, parts[0], parts[1])
    if len(parts) == 1 and default_dataset:
        return RoutineRef(default_project, default_dataset, parts[0])
    raise errors.InvalidQuery(
        f'Procedure "{name}" must be qualified with a dataset (e.g. dataset.procedure).',
        location="query",
    )


def _closing(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at ``start - 1`` (quotes respected)."""
    depth, i, quote = 1, start, ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise _syntax("Expected ) to close the argument list")


def split_top_level(text: str, *, angles: bool = True) -> list[str]:
    """Split at commas outside parentheses, brackets, quotes and (for types) angle brackets.

    >>> split_top_level("a INT64, b STRUCT<x INT64, y STRING>, c ARRAY<INT64>")
    ['a INT64', 'b STRUCT<x INT64, y STRING>', 'c ARRAY<INT64>']
    """
    parts: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char in "([" or (angles and char == "<"):
            depth += 1
        elif char in ")]" or (angles and char == ">"):
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def parse_header(text: str, default_project: str, default_dataset: str | None) -> ProcedureHeader:
    """``CREATE [OR REPLACE] PROCEDURE [IF NOT EXISTS] name([IN|OUT|INOUT] arg type, ...)``."""
    match = _HEADER.match(text)
    if match is None:
        raise _syntax("Expected CREATE [OR REPLACE] PROCEDURE name(arguments)")
    end = _closing(text, match.end())
    arguments = []
    for part in split_top_level(text[match.end() : end]):
        found = _ARGUMENT.match(part)
        if found is None:
            raise _syntax(f"Invalid procedure argument: {part}")
        type_sql = found.group("type")
        try:
            kind = exp.DataType.build(type_sql, dialect="bigquery")
        except (ParseError, ValueError) as exc:
            raise _syntax(f"Invalid type {type_sql} of procedure argument") from exc
        arguments.append(
            Argument(
                found.group("name").strip("`"),
                (found.group("mode") or "IN").upper(),
                kind.sql("bigquery"),
            )
        )
    names = [a.name.lower() for a in arguments]
    if len(set(names)) != len(names):
        raise errors.InvalidQuery("Duplicate procedure argument name", location="query")
    return ProcedureHeader(
        _resolve(match.group("name"), default_project, default_dataset),
        arguments,
        replace=bool(match.group("replace")),
        if_not_exists=bool(match.group("exists")),
    )


def parse_call(
    text: str, default_project: str, default_dataset: str | None
) -> tuple[RoutineRef, list[str]]:
    """``CALL name(arg, ...)`` -> the procedure and the text of each argument."""
    match = _CALL.match(text)
    if match is None:
        raise _syntax("Expected CALL procedure_name(arguments)")
    end = _closing(text, match.end())
    if text[end + 1 :].strip().rstrip(";").strip():
        raise _syntax(f"Unexpected text after CALL: {text[end + 1 :].strip()[:40]}")
    ref = _resolve(match.group("name"), default_project, default_dataset)
    return ref, split_top_level(text[match.end() : end], angles=False)


def variable_name(argument: str) -> str | None:
    """The variable an OUT/INOUT argument names (None for any other expression)."""
    found = re.fullmatch(r"\s*`?(\w+)`?\s*", argument)
    return found.group(1).lower() if found else None
