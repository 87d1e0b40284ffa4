"""String and regular-expression functions with GoogleSQL semantics.

https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions
DuckDB's regular expressions are RE2, as BigQuery's; the differences fixed here are in arguments
(position, occurrence, capturing groups), whitespace, error cases and missing functions.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, cast

from sqlglot import exp

from bqhouse.sql.builders import Transform, call, error
from bqhouse.sql.functions import Udf

_Form = Literal["NFC", "NFD", "NFKC", "NFKD"]

# --- Python UDFs (only where SQL cannot do the job) ----------------------------------------------


def _instr(source: str, search: str, position: int, occurrence: int) -> int:
    """INSTR: 1-based index of the n-th (possibly overlapping) match; 0 if none.

    A negative position counts from the end and searches backwards.
    """
    if position == 0:
        raise ValueError("INSTR: position must not be 0")
    if occurrence <= 0:
        raise ValueError("INSTR: occurrence must be positive")
    found = 0
    if position > 0:
        start = position - 1
        while True:
            index = source.find(search, start)
            if index < 0:
                return 0
            found += 1
            if found == occurrence:
                return index + 1
            start = index + 1
    start = len(source) + position  # 0-based index of the first candidate, going backwards
    while start >= 0:
        index = source.rfind(search, 0, start + len(search))
        if index < 0:
            return 0
        found += 1
        if found == occurrence:
            return index + 1
        start = index - 1
    return 0


def _normalize(text: str, form: str) -> str:
    return unicodedata.normalize(cast(_Form, form.upper()), text)


def _normalize_casefold(text: str, form: str) -> str:
    mode = cast(_Form, form.upper())
    return unicodedata.normalize(mode, unicodedata.normalize(mode, text).casefold())


_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def _soundex(text: str) -> str:
    """SOUNDEX: first Latin letter kept as written, then up to three digit codes.

    Non-letters are skipped; vowels separate equal codes, H and W do not.
    """
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if not letters:
        return ""
    result = letters[0]
    previous = _SOUNDEX_CODES.get(letters[0].lower(), "")
    for letter in letters[1:]:
        lower = letter.lower()
        if lower in "hw":
            continue
        code = _SOUNDEX_CODES.get(lower, "")
        if code and code != previous:
            result += code
            if len(result) == 4:
                break
        previous = code
    return result.ljust(4, "0")


def _translate(text: str, source: str, target: str) -> str:
    if len(set(source)) != len(source):
        duplicate = next(c for c in source if source.count(c) > 1)
        raise ValueError(f'Duplicate character "{duplicate}" in TRANSLATE source characters')
    table: dict[int, int | None] = {
        ord(c): (ord(target[i]) if i < len(target) else None) for i, c in enumerate(source)
    }
    return text.translate(table)


def _like_regex(pattern: bytes) -> re.Pattern[bytes]:
    """A LIKE pattern over BYTES as a regex: % any bytes, _ one byte, backslash escapes."""
    out = bytearray()
    escaped = False
    for byte in pattern:
        char = bytes([byte])
        if escaped:
            out += re.escape(char)
            escaped = False
        elif char == b"\\":
            escaped = True
        elif char == b"%":
            out += b".*"
        elif char == b"_":
            out += b"."
        else:
            out += re.escape(char)
    if escaped:
        raise ValueError("LIKE pattern ends with a backslash")
    return re.compile(bytes(out), re.DOTALL)


def _bytes_like(value: bytes, pattern: bytes) -> bool:
    return _like_regex(pattern).fullmatch(value) is not None


def _bytes_regexp_contains(value: bytes, pattern: bytes) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error as exc:
        raise ValueError(f"Cannot parse regular expression: {exc}") from None


UDFS: list[Udf] = [
    Udf("bq_bytes_like", _bytes_like, ["BLOB", "BLOB"], "BOOLEAN"),
    Udf("bq_bytes_regexp_contains", _bytes_regexp_contains, ["BLOB", "BLOB"], "BOOLEAN"),
    Udf("bq_instr", _instr, ["VARCHAR", "VARCHAR", "BIGINT", "BIGINT"], "BIGINT"),
    Udf("bq_normalize", _normalize, ["VARCHAR", "VARCHAR"], "VARCHAR"),
    Udf("bq_normalize_casefold", _normalize_casefold, ["VARCHAR", "VARCHAR"], "VARCHAR"),
    Udf("bq_soundex", _soundex, ["VARCHAR"], "VARCHAR"),
    Udf("bq_translate", _translate, ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR"),
]

# --- macros --------------------------------------------------------------------------------------

_WHITESPACE = r"'^[\s\p{Z}]+|[\s\p{Z}]+$'"

MACROS: list[str] = [
    # SUBSTR (core transforms.substring): the length of a STRING in characters or of BYTES in
    # bytes (typeof() folds per type), and GoogleSQL's start position.
    "CREATE OR REPLACE MACRO BQ_LEN(x) AS CASE WHEN typeof(x) = 'BLOB' "
    "THEN octet_length(CAST(x AS BLOB)) ELSE length(CAST(x AS VARCHAR)) END",
    "CREATE OR REPLACE MACRO BQ_SUBSTR_START(x, p) AS CASE WHEN p = 0 THEN 1 "
    "WHEN p < 0 THEN greatest(BQ_LEN(x) + p + 1, 1) ELSE p END",
    # FORMAT's %t (printable text) and %T (a GoogleSQL literal); typeof() folds per type.
    "CREATE OR REPLACE MACRO BQ_FORMAT_T(x) AS CASE WHEN x IS NULL THEN 'NULL' "
    "ELSE CAST(x AS VARCHAR) END",
    "CREATE OR REPLACE MACRO BQ_FORMAT_TT(x) AS CASE WHEN x IS NULL THEN 'NULL' "
    "WHEN typeof(x) = 'VARCHAR' THEN '\"' || replace(replace(CAST(x AS VARCHAR), '\\', '\\\\'), "
    "'\"', '\\\"') || '\"' "
    "WHEN typeof(x) = 'BLOB' THEN 'b\"' || CAST(x AS VARCHAR) || '\"' "
    "WHEN typeof(x) = 'DATE' THEN 'DATE \"' || CAST(x AS VARCHAR) || '\"' "
    "WHEN typeof(x) = 'TIME' THEN 'TIME \"' || CAST(x AS VARCHAR) || '\"' "
    "WHEN typeof(x) = 'TIMESTAMP' THEN 'DATETIME \"' || CAST(x AS VARCHAR) || '\"' "
    "WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE' "
    "THEN 'TIMESTAMP \"' || CAST(x AS VARCHAR) || '\"' "
    "WHEN typeof(x) LIKE 'DECIMAL(38,9)' THEN 'NUMERIC \"' || CAST(x AS VARCHAR) || '\"' "
    "ELSE CAST(x AS VARCHAR) END",
    # BYTE_LENGTH counts UTF-8 bytes of a STRING.
    "CREATE OR REPLACE MACRO bq_byte_length(x) AS CASE WHEN typeof(x) = 'BLOB' "
    "THEN octet_length(TRY_CAST(x AS BLOB)) ELSE strlen(TRY_CAST(x AS VARCHAR)) END",
    # STRING and BYTES overloads (typed macro parameters); BYTES work on hex, two digits a byte.
    "CREATE OR REPLACE MACRO bq_byte_pairs(b) AS regexp_extract_all(hex(b), '..')",
    # '<61><62>': every byte in brackets, so that searching stays byte-aligned.
    "CREATE OR REPLACE MACRO bq_byte_tokens(b) AS regexp_replace(hex(b), '(..)', '<\\1>', 'g')",
    "CREATE OR REPLACE MACRO bq_left(s VARCHAR, n BIGINT) AS CASE WHEN n < 0 THEN "
    "error('Second argument in LEFT() cannot be negative') ELSE left(s, n) END, "
    "(s BLOB, n BIGINT) AS CASE WHEN n < 0 THEN "
    "error('Second argument in LEFT() cannot be negative') ELSE unhex(left(hex(s), 2 * n)) END",
    "CREATE OR REPLACE MACRO bq_right(s VARCHAR, n BIGINT) AS CASE WHEN n < 0 THEN "
    "error('Second argument in RIGHT() cannot be negative') ELSE right(s, n) END, "
    "(s BLOB, n BIGINT) AS CASE WHEN n < 0 THEN "
    "error('Second argument in RIGHT() cannot be negative') ELSE unhex(right(hex(s), 2 * n)) END",
    "CREATE OR REPLACE MACRO bq_lpad(s VARCHAR, n BIGINT, p VARCHAR) AS CASE "
    "WHEN n < 0 THEN error('Second argument in LPAD() cannot be negative') "
    "WHEN p = '' AND n > length(s) THEN error('Third argument in LPAD() cannot be empty') "
    "ELSE lpad(s, CAST(n AS INTEGER), p) END, "
    "(s BLOB, n BIGINT, p BLOB) AS CASE "
    "WHEN n < 0 THEN error('Second argument in LPAD() cannot be negative') "
    "WHEN octet_length(p) = 0 AND n > octet_length(s) "
    "THEN error('Third argument in LPAD() cannot be empty') "
    "ELSE unhex(lpad(hex(s), CAST(2 * n AS INTEGER), hex(p))) END",
    "CREATE OR REPLACE MACRO bq_rpad(s VARCHAR, n BIGINT, p VARCHAR) AS CASE "
    "WHEN n < 0 THEN error('Second argument in RPAD() cannot be negative') "
    "WHEN p = '' AND n > length(s) THEN error('Third argument in RPAD() cannot be empty') "
    "ELSE rpad(s, CAST(n AS INTEGER), p) END, "
    "(s BLOB, n BIGINT, p BLOB) AS CASE "
    "WHEN n < 0 THEN error('Second argument in RPAD() cannot be negative') "
    "WHEN octet_length(p) = 0 AND n > octet_length(s) "
    "THEN error('Third argument in RPAD() cannot be empty') "
    "ELSE unhex(rpad(hex(s), CAST(2 * n AS INTEGER), hex(p))) END",
    "CREATE OR REPLACE MACRO bq_repeat(s VARCHAR, n BIGINT) AS CASE WHEN n < 0 THEN "
    "error('Second argument in REPEAT() cannot be negative') ELSE repeat(s, n) END, "
    "(s BLOB, n BIGINT) AS CASE WHEN n < 0 THEN "
    "error('Second argument in REPEAT() cannot be negative') ELSE unhex(repeat(hex(s), n)) END",
    "CREATE OR REPLACE MACRO bq_reverse(s VARCHAR) AS reverse(s), "
    "(s BLOB) AS unhex(array_to_string(list_reverse(bq_byte_pairs(s)), ''))",
    # UPPER/LOWER of BYTES change ASCII letters only.
    "CREATE OR REPLACE MACRO bq_upper(s VARCHAR) AS upper(s), "
    "(s BLOB) AS unhex(array_to_string(list_transform(bq_byte_pairs(s), h -> CASE "
    "WHEN h BETWEEN '61' AND '7A' THEN printf('%02X', CAST('0x' || h AS INTEGER) - 32) "
    "ELSE h END), ''))",
    "CREATE OR REPLACE MACRO bq_lower(s VARCHAR) AS lower(s), "
    "(s BLOB) AS unhex(array_to_string(list_transform(bq_byte_pairs(s), h -> CASE "
    "WHEN h BETWEEN '41' AND '5A' THEN printf('%02X', CAST('0x' || h AS INTEGER) + 32) "
    "ELSE h END), ''))",
    "CREATE OR REPLACE MACRO bq_strpos(s VARCHAR, t VARCHAR) AS strpos(s, t), "
    "(s BLOB, t BLOB) AS (strpos(bq_byte_tokens(s), bq_byte_tokens(t)) + 3) // 4",
    "CREATE OR REPLACE MACRO bq_split(s VARCHAR, d VARCHAR) AS string_split(s, d), "
    "(s BLOB, d BLOB) AS list_transform(CASE WHEN octet_length(d) = 0 "
    "THEN bq_byte_pairs(s) ELSE string_split(bq_byte_tokens(s), bq_byte_tokens(d)) END, "
    "t -> unhex(regexp_replace(t, '[<>]', '', 'g')))",
    "CREATE OR REPLACE MACRO bq_starts_with(s VARCHAR, t VARCHAR) AS starts_with(s, t), "
    "(s BLOB, t BLOB) AS starts_with(hex(s), hex(t))",
    "CREATE OR REPLACE MACRO bq_ends_with(s VARCHAR, t VARCHAR) AS ends_with(s, t), "
    "(s BLOB, t BLOB) AS ends_with(hex(s), hex(t))",
    "CREATE OR REPLACE MACRO bq_replace(s VARCHAR, a VARCHAR, b VARCHAR) AS "
    "CASE WHEN a = '' THEN s ELSE replace(s, a, b) END, "
    "(s BLOB, a BLOB, b BLOB) AS CASE WHEN octet_length(a) = 0 THEN s ELSE "
    "unhex(regexp_replace(replace(bq_byte_tokens(s), bq_byte_tokens(a), bq_byte_tokens(b)), "
    "'[<>]', '', 'g')) END",
    "CREATE OR REPLACE MACRO bq_trim_chars(s VARCHAR, c VARCHAR, lead BOOLEAN, tail BOOLEAN) AS "
    "CASE WHEN lead AND tail THEN trim(s, c) WHEN lead THEN ltrim(s, c) ELSE rtrim(s, c) END, "
    "(s BLOB, c BLOB, lead BOOLEAN, tail BOOLEAN) AS CASE WHEN octet_length(c) = 0 THEN s ELSE "
    "unhex(regexp_replace(regexp_replace(hex(s), "
    "CASE WHEN lead THEN '^(?:' || array_to_string(bq_byte_pairs(c), '|') || ')+' ELSE '^$' END, "
    "''), CASE WHEN tail THEN '(?:' || array_to_string(bq_byte_pairs(c), '|') || ')+$' "
    "ELSE '^$' END, '')) END",
    # ASCII('') and UNICODE('') are 0 in GoogleSQL (DuckDB: -1).
    "CREATE OR REPLACE MACRO bq_ascii(s VARCHAR) AS CASE WHEN s = '' THEN 0 ELSE ascii(s) END, "
    "(s BLOB) AS CASE WHEN octet_length(s) = 0 THEN 0 "
    "ELSE CAST('0x' || left(hex(s), 2) AS BIGINT) END",
    "CREATE OR REPLACE MACRO bq_unicode(s) AS CASE WHEN s = '' THEN 0 ELSE unicode(s) END",
    f"CREATE OR REPLACE MACRO bq_trim_ws(s) AS regexp_replace(s, {_WHITESPACE}, '', 'g')",
    r"CREATE OR REPLACE MACRO bq_ltrim_ws(s) AS regexp_replace(s, '^[\s\p{Z}]+', '')",
    r"CREATE OR REPLACE MACRO bq_rtrim_ws(s) AS regexp_replace(s, '[\s\p{Z}]+$', '')",
    "CREATE OR REPLACE MACRO bq_code_points_to_string(a) AS CASE "
    "WHEN len(list_filter(a, c -> c IS NULL)) > 0 THEN NULL "
    "ELSE coalesce(array_to_string(list_transform(a, c -> chr(CAST(c AS INTEGER))), ''), '') END",
    "CREATE OR REPLACE MACRO bq_code_points_to_bytes(a) AS CASE "
    "WHEN len(list_filter(a, c -> c IS NULL)) > 0 THEN NULL "
    "ELSE unhex(array_to_string(list_transform(a, c -> lpad(hex(c % 256), 2, '0')), '')) END",
    "CREATE OR REPLACE MACRO bq_to_code_points(x) AS CASE WHEN typeof(x) = 'BLOB' THEN "
    "list_transform(range(octet_length(TRY_CAST(x AS BLOB))), "
    "i -> CAST('0x' || substr(hex(TRY_CAST(x AS BLOB)), 2 * i + 1, 2) AS BIGINT)) "
    "ELSE list_transform(CASE WHEN TRY_CAST(x AS VARCHAR) = '' THEN [] "
    "ELSE string_split(TRY_CAST(x AS VARCHAR), '') END, c -> CAST(unicode(c) AS BIGINT)) END",
    # REGEXP_EXTRACT(s, p, position, occurrence) with capture group g (0 = whole match).
    "CREATE OR REPLACE MACRO bq_regexp_extract(s, p, pos, occ, g) AS CASE "
    "WHEN pos < 1 THEN error('Position parameter in REGEXP_EXTRACT must be positive') "
    "WHEN occ < 1 THEN error('Occurrence parameter in REGEXP_EXTRACT must be positive') "
    "WHEN pos > length(s) + 1 THEN NULL "
    "ELSE list_extract(regexp_extract_all(substr(s, pos), p, g), occ) END",
    # REGEXP_INSTR: 1-based start (option 0) or end + 1 (option 1) of the n-th match; 0 if none.
    "CREATE OR REPLACE MACRO bq_regexp_instr(s, p, pos, occ, opt) AS CASE "
    "WHEN pos < 1 THEN error('Position parameter in REGEXP_INSTR must be positive') "
    "WHEN occ < 1 THEN error('Occurrence parameter in REGEXP_INSTR must be positive') "
    "WHEN s IS NULL OR p IS NULL THEN NULL "
    "WHEN len(regexp_extract_all(substr(s, pos), p)) < occ THEN 0 "
    "ELSE pos "
    "+ coalesce(list_sum(list_transform(string_split_regex(substr(s, pos), p)[1:occ], "
    "x -> length(x))), 0) "
    "+ coalesce(list_sum(list_transform(regexp_extract_all(substr(s, pos), p)[1:occ - 1], "
    "x -> length(x))), 0) "
    "+ CASE WHEN opt = 1 THEN length(regexp_extract_all(substr(s, pos), p)[occ]) ELSE 0 END "
    "END",
]


# --- helpers -------------------------------------------------------------------------------------


def _int(value: int) -> exp.Expr:
    return exp.Literal.number(value)


def _capturing_groups(pattern: str) -> int:
    """The number of capturing groups of an RE2 pattern (``(``, ``(?P<name>``)."""
    count, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(" and (
            pattern[index + 1 : index + 2] != "?" or pattern[index + 2 : index + 4] == "P<"
        ):
            count += 1
        index += 1
    return count


def _group(pattern: exp.Expr) -> int | None:
    """0 for the whole match, 1 for the single capturing group, None if more than one."""
    if isinstance(pattern, exp.RawString) or (
        isinstance(pattern, exp.Literal) and pattern.is_string
    ):
        groups = _capturing_groups(str(pattern.this))
    else:
        return 0
    return None if groups > 1 else groups


_TOO_MANY_GROUPS = (
    "Regular expressions passed into extraction functions must not have more than 1 capturing group"
)


# --- transforms ----------------------------------------------------------------------------------


def byte_length(node: exp.Expr) -> exp.Expr:
    """BYTE_LENGTH counts UTF-8 bytes for STRING and bytes for BYTES.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#byte_length
    """
    return call("bq_byte_length", node.this)


def left(node: exp.Expr) -> exp.Expr:
    """LEFT/RIGHT error on a negative length.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
    """
    name = "bq_left" if isinstance(node, exp.Left) else "bq_right"
    return call(name, node.this, node.expression)


def pad(node: exp.Expr) -> exp.Expr:
    """LPAD/RPAD pad with a repeated pattern (default a space), truncate, error on bad args.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
    """
    fill = node.args.get("fill_pattern") or exp.Literal.string(" ")
    name = "bq_lpad" if node.args.get("is_left") else "bq_rpad"
    return call(name, node.this, node.expression, fill)


def trim(node: exp.Expr) -> exp.Expr:
    """TRIM without characters removes all Unicode whitespace, not only spaces.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
    """
    position = str(node.args.get("position") or "").upper()
    chars = node.expression
    if chars is not None:
        lead = exp.false() if position == "TRAILING" else exp.true()
        tail = exp.false() if position == "LEADING" else exp.true()
        return call("bq_trim_chars", node.this, chars, lead, tail)
    name = {"LEADING": "bq_ltrim_ws", "TRAILING": "bq_rtrim_ws"}.get(position, "bq_trim_ws")
    return call(name, node.this)


def ascii_(node: exp.Expr) -> exp.Expr:
    """ASCII('') is 0.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii
    """
    return call("bq_ascii", node.this)


def unicode(node: exp.Expr) -> exp.Expr:
    """UNICODE('') is 0.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#unicode
    """
    return call("bq_unicode", node.this)


def repeat(node: exp.Expr) -> exp.Expr:
    """REPEAT errors on a negative count.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
    """
    return call("bq_repeat", node.this, node.args["times"])


def str_position(node: exp.Expr) -> exp.Expr:
    """INSTR(source, search, position, occurrence): overlapping, backwards for position < 0.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
    """
    position = node.args.get("position")
    occurrence = node.args.get("occurrence")
    if position is None and occurrence is None:
        return call("bq_strpos", node.this, node.args["substr"])
    return call(
        "bq_instr",
        node.this,
        node.args["substr"],
        position or _int(1),
        occurrence or _int(1),
    )


def bytes_or_string(name: str) -> Transform:
    def transform(node: exp.Expr) -> exp.Expr:
        if isinstance(node.parent, exp.Contains):
            return node  # CONTAINS_SUBSTR's case folding, rewritten by contains_substr
        args = [node.this, *(node.args.get(k) for k in ("expression", "replacement"))]
        return call(name, *[a for a in args if a is not None])

    transform.__doc__ = f"``{name}``: one macro overload for STRING, one for BYTES."
    return transform


def split(node: exp.Expr) -> exp.Expr:
    """SPLIT of STRING or BYTES; the delimiter defaults to a comma; '' splits into characters.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
    """
    delimiter = node.expression or exp.Literal.string(",")
    return call("bq_split", node.this, delimiter)


def normalize(node: exp.Expr) -> exp.Expr:
    """NORMALIZE / NORMALIZE_AND_CASEFOLD with NFC (default), NFKC, NFD or NFKD.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize
    """
    form = node.args.get("form")
    name_ = form.name.upper() if isinstance(form, exp.Expr) else "NFC"
    mode = exp.Literal.string(name_)
    name = "bq_normalize_casefold" if node.args.get("is_casefold") else "bq_normalize"
    return call(name, node.this, mode)


def soundex(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex"""
    return call("bq_soundex", node.this)


def translate(node: exp.Expr) -> exp.Expr:
    """TRANSLATE errors on a repeated source character.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#translate
    """
    return call("bq_translate", node.this, node.args["from_"], node.args["to"])


def contains_substr(node: exp.Expr) -> exp.Expr:
    """CONTAINS_SUBSTR compares NFKC-normalized, case-folded text; numbers are cast to STRING.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
    """
    this, search = node.this, node.expression
    if not (isinstance(this, exp.Lower) and isinstance(search, exp.Lower)):
        return node
    varchar = exp.DataType.build("VARCHAR")
    nfkc = exp.Literal.string("NFKC")
    return call(
        "CONTAINS",
        call("bq_normalize_casefold", exp.cast(this.this, varchar), nfkc),
        call("bq_normalize_casefold", search.this, nfkc),
    )


def like(node: exp.Expr) -> exp.Expr:
    """In GoogleSQL LIKE patterns a backslash escapes ``%``, ``_`` and itself.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
    """
    if isinstance(node.expression, (exp.Any, exp.All)) or isinstance(node.parent, exp.Escape):
        return node
    if _is_bytes(node.this) or _is_bytes(node.expression):
        return call("bq_bytes_like", node.this, node.expression)  # DuckDB has no BLOB LIKE
    return exp.Escape(this=node, expression=exp.Literal.string("\\"))


def _is_bytes(node: exp.Expr) -> bool:
    """A BYTES literal (b'...') or a cast to BYTES: the operand types the translator can see."""
    if isinstance(node, exp.ByteString):
        return True
    if isinstance(node, exp.Anonymous):  # CAST(x AS BYTES), already rewritten by conversion
        return str(node.this).upper() == "BQ_CAST_BYTES"
    return isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.VARBINARY)


def regexp_contains(node: exp.Expr) -> exp.Expr:
    """REGEXP_CONTAINS over BYTES (DuckDB's regexp functions take VARCHAR only).

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
    """
    if _is_bytes(node.this) or _is_bytes(node.expression):
        return call("bq_bytes_regexp_contains", node.this, node.expression)
    return node


def regexp_extract(node: exp.Expr) -> exp.Expr:
    """REGEXP_EXTRACT/REGEXP_SUBSTR: the capturing group if there is one, position, occurrence.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
    """
    pattern = node.expression
    group = _group(pattern)
    if group is None:
        return error(_TOO_MANY_GROUPS)
    return call(
        "bq_regexp_extract",
        node.this,
        pattern,
        node.args.get("position") or _int(1),
        node.args.get("occurrence") or _int(1),
        _int(group),
    )


def regexp_extract_all(node: exp.Expr) -> exp.Expr:
    """REGEXP_EXTRACT_ALL returns the capturing group's matches if there is one.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
    """
    pattern = node.expression
    group = _group(pattern)
    if group is None:
        return error(_TOO_MANY_GROUPS)
    return call("REGEXP_EXTRACT_ALL", node.this, pattern, _int(group))


def regexp_instr(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr"""
    return call(
        "bq_regexp_instr",
        node.this,
        node.expression,
        node.args.get("position") or _int(1),
        node.args.get("occurrence") or _int(1),
        node.args.get("option") or _int(0),
    )


def collate(node: exp.Expr) -> exp.Expr:
    """COLLATE(s, 'und:ci') compares case-insensitively; '' is binary collation.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#collate
    """
    spec = node.expression
    if isinstance(spec, exp.Literal) and spec.is_string and spec.this.lower() == "und:ci":
        return exp.Collate(this=node.this, expression=exp.var("NOCASE"))
    return node.this


def code_points_to_string(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_string"""
    return call("bq_code_points_to_string", node.this)


def code_points_to_bytes(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_bytes"""
    return call("bq_code_points_to_bytes", node.this)


def to_code_points(node: exp.Expr) -> exp.Expr:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points"""
    return call("bq_to_code_points", node.this)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    exp.ByteLength: byte_length,
    exp.Left: left,
    exp.Right: left,
    exp.Pad: pad,
    exp.Trim: trim,
    exp.Ascii: ascii_,
    exp.Unicode: unicode,
    exp.Repeat: repeat,
    exp.StrPosition: str_position,
    exp.Normalize: normalize,
    exp.Upper: bytes_or_string("bq_upper"),
    exp.Lower: bytes_or_string("bq_lower"),
    exp.Reverse: bytes_or_string("bq_reverse"),
    exp.StartsWith: bytes_or_string("bq_starts_with"),
    exp.EndsWith: bytes_or_string("bq_ends_with"),
    exp.Replace: bytes_or_string("bq_replace"),
    exp.Split: split,
    exp.Soundex: soundex,
    exp.Translate: translate,
    exp.Contains: contains_substr,
    exp.Like: like,
    exp.RegexpLike: regexp_contains,
    exp.RegexpExtract: regexp_extract,
    exp.RegexpExtractAll: regexp_extract_all,
    exp.RegexpInstr: regexp_instr,
    exp.Collate: collate,
    exp.CodePointsToString: code_points_to_string,
    exp.CodePointsToBytes: code_points_to_bytes,
    exp.ToCodePoints: to_code_points,
}
