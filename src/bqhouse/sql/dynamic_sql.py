"""``EXECUTE IMMEDIATE sql_expression [INTO variables] [USING values]``: the clauses, and the
dynamic SQL's ``?`` / ``@name`` placeholders rewritten to script variables that carry the
USING values.

https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#execute_immediate
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlglot
from sqlglot.tokens import TokenType

from bqhouse import errors
from bqhouse.sql.procedures import split_top_level

_CLAUSE = re.compile(r"\s(INTO|USING)\s", re.IGNORECASE)
_AS_NAME = re.compile(r"^(.*?)\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)\s*$", re.IGNORECASE | re.DOTALL)


@dataclass
class Immediate:
    """The parts of one EXECUTE IMMEDIATE statement."""

    sql: str  # the GoogleSQL expression that yields the statement text
    into: list[str] = field(default_factory=list)  # variable names
    using: list[tuple[str | None, str]] = field(default_factory=list)  # (name or None, expression)


def _top_level_commas(text: str) -> list[str]:
    return [part for part in split_top_level(text, angles=False) if part]


def _clauses(body: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of the INTO and USING keywords outside quotes and parentheses."""
    found = []
    depth, quote = 0, ""
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
            continue
        if char in "'\"`":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char.isspace():
            match = _CLAUSE.match(body, index)
            if match:
                found.append((match.group(1).upper(), match.start(), match.end()))
    return found


def parse(body: str) -> Immediate:
    """Split what follows ``EXECUTE IMMEDIATE``.

    >>> parse("'SELECT ?' INTO x USING 1")
    Immediate(sql="'SELECT ?'", into=['x'], using=[(None, '1')])
    """
    clauses = _clauses(" " + body + " ")
    ends = [start for _, start, _ in clauses] + [len(body) + 2]
    text = " " + body + " "
    immediate = Immediate(sql=text[: ends[0]].strip())
    for (word, _, end), stop in zip(clauses, ends[1:], strict=True):
        items = _top_level_commas(text[end:stop])
        if word == "INTO":
            immediate.into = [item.lower() for item in items]
            continue
        for item in items:
            match = _AS_NAME.match(item)
            immediate.using.append(
                (match.group(2).lower(), match.group(1)) if match else (None, item)
            )
    return immediate


def bind_placeholders(sql: str, names: list[str | None]) -> tuple[str, list[str]]:
    """Rewrite ``?`` (in order) and ``@name`` to the variables ``__using_<n>`` / ``__using_<name>``;
    returns the SQL and the variable name of each USING value, in order."""
    variables = [f"__using_{name}" if name else f"__using_{i}" for i, name in enumerate(names)]
    tokens = sqlglot.Dialect.get_or_raise("bigquery").tokenize(sql)
    pieces: list[str] = []
    position = 0
    placeholder = 0
    named = {name: variables[i] for i, name in enumerate(names) if name}
    skip_next = False
    for at, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        if token.token_type == TokenType.PLACEHOLDER:
            if placeholder >= len(names) or names[placeholder] is not None:
                raise errors.InvalidQuery(
                    "EXECUTE IMMEDIATE: a ? placeholder has no positional USING value",
                    location="query",
                )
            pieces += [sql[position : token.start], variables[placeholder]]
            position, placeholder = token.end + 1, placeholder + 1
        elif token.token_type == TokenType.PARAMETER and at + 1 < len(tokens):
            word = tokens[at + 1]
            if word.text.lower() in named and word.start == token.end + 1:
                pieces += [sql[position : token.start], named[word.text.lower()]]
                position, skip_next = word.end + 1, True
    pieces.append(sql[position:])
    return "".join(pieces), variables
