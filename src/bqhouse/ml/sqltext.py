"""Token-level helpers for the ML statements sqlglot does not parse (CREATE MODEL, ML.EVALUATE)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import Token, TokenType

from bqhouse import errors

_OPEN = {TokenType.L_PAREN, TokenType.L_BRACKET}
_CLOSE = {TokenType.R_PAREN, TokenType.R_BRACKET}


def tokenize(sql: str) -> list[Token]:
    """BigQuery tokens of ``sql``; a tokenizer error is a BigQuery syntax error."""
    try:
        return list(sqlglot.Dialect.get_or_raise("bigquery").tokenize(sql))
    except TokenError as exc:
        raise errors.InvalidQuery(f"Syntax error: {exc}", location="query") from exc


def word(token: Token) -> str:
    return token.text.upper() if token.token_type != TokenType.STRING else ""


def matching(tokens: list[Token], open_at: int) -> int:
    """Index of the bracket closing the one at ``open_at``."""
    depth = 0
    for i in range(open_at, len(tokens)):
        if tokens[i].token_type in _OPEN:
            depth += 1
        elif tokens[i].token_type in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    raise errors.InvalidQuery(
        f"Syntax error: Unclosed parenthesis at [{tokens[open_at].line}:{tokens[open_at].col}]",
        location="query",
    )


def split_commas(tokens: list[Token], start: int, stop: int) -> list[tuple[int, int]]:
    """Top-level comma-separated ranges ``[a, b)`` of ``tokens[start:stop]``."""
    parts, depth, begin = [], 0, start
    for i in range(start, stop):
        kind = tokens[i].token_type
        if kind in _OPEN:
            depth += 1
        elif kind in _CLOSE:
            depth -= 1
        elif kind == TokenType.COMMA and depth == 0:
            parts.append((begin, i))
            begin = i + 1
    if begin < stop:
        parts.append((begin, stop))
    return parts


def text(sql: str, tokens: list[Token], start: int, stop: int) -> str:
    """The source text covered by ``tokens[start:stop]`` (quotes and comments kept)."""
    return sql[tokens[start].start : tokens[stop - 1].end + 1] if stop > start else ""


def name_parts(tokens: list[Token], start: int, stop: int) -> list[str]:
    """``p.ds.m`` / ```p.ds`.m`` -> ["p", "ds", "m"]."""
    parts = [t.text for t in tokens[start:stop] if t.token_type != TokenType.DOT]
    return [piece for part in parts for piece in part.split(".") if piece]


def name_end(tokens: list[Token], start: int) -> int:
    """Index just past a dotted name starting at ``start``."""
    i = start + 1
    while i + 1 < len(tokens) and tokens[i].token_type == TokenType.DOT:
        i += 2
    return i


@dataclass(frozen=True)
class ModelRef:
    project: str
    dataset: str
    model: str

    def __str__(self) -> str:
        return f"{self.project}:{self.dataset}.{self.model}"

    def resource_head(self, now: str, model_type: str) -> dict[str, Any]:
        """The fields every model resource starts with (REST ``Model``)."""
        return {
            "kind": "bigquery#model",
            "etag": now,
            "modelReference": {
                "projectId": self.project,
                "datasetId": self.dataset,
                "modelId": self.model,
            },
            "creationTime": now,
            "lastModifiedTime": now,
            "modelType": model_type,
            "location": "US",
        }


def resolve(parts: list[str], default_project: str, default_dataset: str | None) -> ModelRef:
    if len(parts) == 3:
        return ModelRef(*parts)
    if len(parts) == 2:
        return ModelRef(default_project, parts[0], parts[1])
    if len(parts) == 1 and default_dataset:
        return ModelRef(default_project, default_dataset, parts[0])
    raise errors.InvalidQuery(
        f'Model "{".".join(parts)}" must be qualified with a dataset (e.g. dataset.model).',
        location="query",
    )


def literal_value(source: str) -> Any:
    """An OPTIONS value or STRUCT field as Python: 'x' -> "x", [1, 2] -> [1, 2], TRUE -> True."""
    try:
        node = sqlglot.parse_one(source, read="bigquery")
    except ParseError as exc:
        raise errors.InvalidQuery(f"Syntax error: invalid option value {source}") from exc
    return _python(node)


def _python(node: exp.Expr) -> Any:
    if isinstance(node, exp.Paren):
        return _python(node.this)
    if isinstance(node, exp.Literal):
        if node.is_string:
            return node.this
        number = float(node.this)
        return int(number) if number.is_integer() and "." not in node.this else number
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Neg):
        return -_python(node.this)
    if isinstance(node, (exp.Array, exp.Tuple)):  # [1, 2] / (p, d, q)
        return [_python(e) for e in node.expressions]
    if isinstance(node, exp.Struct):
        return [
            _python(e.expression if isinstance(e, exp.PropertyEQ) else e) for e in node.expressions
        ]
    if isinstance(node, (exp.Column, exp.Identifier, exp.Var)):
        return node.name
    raise errors.InvalidQuery(f"Option values must be literals, got {node.sql('bigquery')}")


def struct_options(source: str) -> dict[str, Any]:
    """``STRUCT(0.6 AS threshold)`` -> {"threshold": 0.6}."""
    node = sqlglot.parse_one(source, read="bigquery")
    found: dict[str, Any] = {}
    for item in node.expressions if isinstance(node, exp.Struct) else []:
        if isinstance(item, exp.PropertyEQ):
            found[item.name.lower()] = _python(item.expression)
        elif isinstance(item, exp.Alias):
            found[item.alias.lower()] = _python(item.this)
    return found
