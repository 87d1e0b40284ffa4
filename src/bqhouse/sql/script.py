"""Parse a GoogleSQL multi-statement query into a tree of procedural blocks.

sqlglot parses single statements; BigQuery's procedural language (IF, WHILE, LOOP, REPEAT, FOR,
BEGIN ... EXCEPTION ... END, BREAK, CONTINUE) is parsed here from sqlglot's tokens, and every leaf
statement keeps its source text for ``translate``.
https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot.dialects.bigquery import BigQuery
from sqlglot.errors import TokenError
from sqlglot.tokens import Token, TokenType

from bqhouse import errors


@dataclass
class Statement:
    """A leaf: SQL or DECLARE/SET/RAISE/... text, run as one unit."""

    text: str
    keyword: str  # upper-case first word: SELECT, DECLARE, SET, RAISE, BREAK, ...
    line: int = 1
    start: int = 0  # offsets of its first and last character in the script
    end: int = 0


@dataclass
class If:
    branches: list[tuple[str, list[Node]]]  # (condition, body) for IF and each ELSEIF
    otherwise: list[Node] = field(default_factory=list)


@dataclass
class Loop:
    """LOOP/WHILE/REPEAT: ``condition`` is checked before (WHILE) or after (REPEAT) the body."""

    body: list[Node]
    while_condition: str | None = None
    until_condition: str | None = None


@dataclass
class For:
    variable: str
    query: str
    body: list[Node]


@dataclass
class Block:
    """BEGIN ... [EXCEPTION WHEN ERROR THEN ...] END."""

    body: list[Node]
    handler: list[Node] | None = None


@dataclass
class Procedure:
    """CREATE [OR REPLACE] PROCEDURE name(args) [OPTIONS(...)] BEGIN ... END."""

    header: str  # up to (not including) BEGIN
    body: str  # BEGIN ... END
    line: int = 1


Node = Statement | If | Loop | For | Block | Procedure

_PROCEDURAL = {
    "IF",
    "WHILE",
    "LOOP",
    "REPEAT",
    "FOR",
    "BEGIN",
    "DECLARE",
    "SET",
    "RAISE",
    "BREAK",
    "LEAVE",
    "CONTINUE",
    "ITERATE",
    "RETURN",
    "EXECUTE",
    "CALL",
    "COMMIT",
    "ROLLBACK",
    "END",
    "ELSEIF",
    "ELSE",
    "EXCEPTION",
    "UNTIL",
}


class _Tokenizer(BigQuery.Tokenizer):
    # BigQuery's tokenizer swallows the rest of a WHILE/LOOP/BEGIN... "command" as one string;
    # we need every token of procedural statements.
    COMMANDS = set()


def _tokenize(sql: str) -> list[Token]:
    return list(_Tokenizer().tokenize(sql))


def is_script(sql: str) -> bool:
    """True when ``sql`` uses procedural statements (plain ``a; b`` scripts are not)."""
    try:
        tokens = _tokenize(sql)
    except TokenError:
        return False
    starts = [0] if tokens else []
    starts += [i + 1 for i, t in enumerate(tokens[:-1]) if t.token_type == TokenType.SEMICOLON]
    return any(
        tokens[i].text.upper() in _PROCEDURAL or _is_create_procedure(tokens, i) for i in starts
    )


def _is_create_procedure(tokens: list[Token], i: int) -> bool:
    words = [t.text.upper() for t in tokens[i : i + 4]]
    return words[:2] == ["CREATE", "PROCEDURE"] or words == ["CREATE", "OR", "REPLACE", "PROCEDURE"]


class _Parser:
    def __init__(self, sql: str) -> None:
        self.sql = sql
        try:
            self.tokens = _tokenize(sql)
        except TokenError as exc:
            raise errors.InvalidQuery(f"Syntax error: {exc}", location="query") from exc
        self.i = 0

    # -- token helpers ------------------------------------------------------------------------

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.tokens[j].text.upper() if j < len(self.tokens) else ""

    def at_end(self) -> bool:
        return self.i >= len(self.tokens)

    def expect(self, *words: str) -> None:
        for word in words:
            if self.peek() != word:
                token = self.tokens[min(self.i, len(self.tokens) - 1)]
                raise errors.InvalidQuery(
                    f"Syntax error: Expected keyword {word} but got "
                    f"{'end of script' if self.at_end() else repr(token.text)} "
                    f"at [{token.line}:{token.col}]",
                    location="query",
                )
            self.i += 1

    def _text(self, first: Token, last: Token) -> str:
        return self.sql[first.start : last.end + 1]

    def until(self, *stops: str) -> str:
        """Source text up to (not including) a stop word at nesting depth 0."""
        start, depth = self.i, 0
        while not self.at_end():
            word = self.peek()
            kind = self.tokens[self.i].token_type
            if depth == 0 and (word in stops or kind == TokenType.SEMICOLON):
                break
            if kind in (TokenType.L_PAREN, TokenType.L_BRACKET) or word == "CASE":
                depth += 1
            elif kind in (TokenType.R_PAREN, TokenType.R_BRACKET) or word == "END":
                depth -= 1
            self.i += 1
        if self.i == start:
            raise errors.InvalidQuery("Syntax error: Unexpected end of statement", location="query")
        return self._text(self.tokens[start], self.tokens[self.i - 1])

    def semicolon(self) -> None:
        if not self.at_end() and self.tokens[self.i].token_type == TokenType.SEMICOLON:
            self.i += 1

    # -- grammar ------------------------------------------------------------------------------

    def block(self, *stops: tuple[str, ...]) -> list[Node]:
        nodes: list[Node] = []
        while not self.at_end():
            if any(self._matches(stop) for stop in stops):
                return nodes
            nodes.append(self.node())
        if stops:
            self.expect(*stops[0])
        return nodes

    def _matches(self, words: tuple[str, ...]) -> bool:
        return all(self.peek(k) == w for k, w in enumerate(words))

    def node(self) -> Node:
        word = self.peek()
        if word == "IF":
            return self.if_()
        if word in ("WHILE", "LOOP", "REPEAT"):
            return self.loop()
        if word == "FOR":
            return self.for_()
        if word == "BEGIN" and self.peek(1) not in ("TRANSACTION", ";", ""):
            return self.begin()
        if word == "CREATE" and _is_create_procedure(self.tokens, self.i):
            return self.procedure()
        token = self.tokens[self.i]
        text = self.until()
        last = self.tokens[self.i - 1]
        self.semicolon()
        if self.tokens[self.i - 1].token_type == TokenType.SEMICOLON:
            last = self.tokens[self.i - 1]  # BigQuery's statement span ends with its ";"
        # "BEGIN TRANSACTION" may arrive as one token: the keyword is its first word.
        keyword = word.split()[0] if word else word
        return Statement(text, keyword, token.line, token.start, last.end)

    def if_(self) -> If:
        self.expect("IF")
        condition = self.until("THEN")
        self.expect("THEN")
        branches = [(condition, self.block(("ELSEIF",), ("ELSE",), ("END", "IF")))]
        otherwise: list[Node] = []
        while self.peek() == "ELSEIF":
            self.i += 1
            condition = self.until("THEN")
            self.expect("THEN")
            branches.append((condition, self.block(("ELSEIF",), ("ELSE",), ("END", "IF"))))
        if self.peek() == "ELSE":
            self.i += 1
            otherwise = self.block(("END", "IF"))
        self.expect("END", "IF")
        self.semicolon()
        return If(branches, otherwise)

    def loop(self) -> Loop:
        word = self.peek()
        self.i += 1
        if word == "WHILE":
            condition = self.until("DO")
            self.expect("DO")
            body = self.block(("END", "WHILE"))
            self.expect("END", "WHILE")
            self.semicolon()
            return Loop(body, while_condition=condition)
        if word == "REPEAT":
            body = self.block(("UNTIL",))
            self.expect("UNTIL")
            condition = self.until("END")
            self.expect("END", "REPEAT")
            self.semicolon()
            return Loop(body, until_condition=condition)
        body = self.block(("END", "LOOP"))
        self.expect("END", "LOOP")
        self.semicolon()
        return Loop(body)

    def for_(self) -> For:
        self.expect("FOR")
        variable = self.tokens[self.i].text
        self.i += 1
        self.expect("IN")
        query = self.until("DO").strip()
        if query.startswith("(") and query.endswith(")"):
            query = query[1:-1]
        self.expect("DO")
        body = self.block(("END", "FOR"))
        self.expect("END", "FOR")
        self.semicolon()
        return For(variable, query, body)

    def procedure(self) -> Procedure:
        first = self.tokens[self.i]
        depth = 0
        while not self.at_end() and not (depth == 0 and self.peek() == "BEGIN"):
            kind = self.tokens[self.i].token_type
            depth += kind == TokenType.L_PAREN
            depth -= kind == TokenType.R_PAREN
            self.i += 1
        if self.at_end() or self.i == 0:
            self.expect("BEGIN")
        header = self._text(first, self.tokens[self.i - 1])
        start = self.tokens[self.i]
        self.begin()  # checks the body's structure
        last = self.tokens[self.i - 1]
        if last.token_type == TokenType.SEMICOLON:
            last = self.tokens[self.i - 2]
        return Procedure(header, self._text(start, last), first.line)

    def begin(self) -> Block:
        self.expect("BEGIN")
        body = self.block(("EXCEPTION",), ("END",))
        handler = None
        if self.peek() == "EXCEPTION":
            self.expect("EXCEPTION", "WHEN", "ERROR", "THEN")
            handler = self.block(("END",))
        self.expect("END")
        self.semicolon()
        return Block(body, handler)


def parse_script(sql: str) -> list[Node]:
    """The statement tree of a script.

    >>> nodes = parse_script("DECLARE x INT64; IF x IS NULL THEN SELECT 1; END IF")
    >>> [type(n).__name__ for n in nodes]
    ['Statement', 'If']
    """
    parser = _Parser(sql)
    nodes = parser.block()
    return nodes
