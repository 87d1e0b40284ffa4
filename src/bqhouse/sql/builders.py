"""Small sqlglot node builders shared by the transforms and the function families.

Transforms must emit DuckDB-ready nodes (``exp.Anonymous`` for DuckDB-only functions), and
run-time errors are raised with DuckDB's ``error()`` carrying BigQuery's wording.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

Transform = Callable[[exp.Expr], exp.Expr]


def _call(name: str, *args: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this=name, expressions=list(args))


def _error(*parts: exp.Expr | str) -> exp.Expr:
    """``error('...')`` raising a BigQuery-worded message at run time (only when evaluated)."""
    merged: list[exp.Expr | str] = []
    for part in parts:
        text = str(part.this) if isinstance(part, exp.Literal) else part
        if isinstance(text, str) and merged and isinstance(merged[-1], str):
            merged[-1] += text  # fold constants so the message reads "Array index 5 is ..."
        else:
            merged.append(text)
    pieces = [_message_piece(p) for p in merged]
    message = pieces[0]
    for piece in pieces[1:]:
        message = exp.DPipe(this=message, expression=piece)
    return _call("ERROR", message)


def _message_piece(part: exp.Expr | str) -> exp.Expr:
    return exp.Literal.string(part) if isinstance(part, str) else _to_text(part)


def _to_text(node: exp.Expr) -> exp.Expr:
    return exp.cast(node.copy(), exp.DataType.build("VARCHAR"))


def _is_number(node: exp.Expr, predicate: Callable[[float], bool]) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and predicate(float(node.this))


def _bigint(value: int) -> exp.Expr:
    return exp.cast(exp.Literal.number(value), exp.DataType.build("BIGINT"))


# Public names for the function-family modules.
call = _call
error = _error
to_text = _to_text
is_number = _is_number
bigint = _bigint
