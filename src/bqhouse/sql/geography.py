"""GEOGRAPHY values: parsing (WKT, WKB, GeoJSON) and BigQuery's WKT text, on S2 via spherely.

A GEOGRAPHY travels and is stored as BigQuery's WKT text (``POINT(1 2)``, ``MULTIPOINT(1 1, 2 2)``,
``GEOMETRYCOLLECTION EMPTY`` for every empty value): the text ``tabledata.list`` and
``jobs.getQueryResults`` return. The geometry itself is spherical (S2 geodesic edges, polygons
normalised to the smaller area unless ``oriented``), computed by ``spherely`` (s2geography).
Coordinates are printed with 15 significant digits, as BigQuery does, which also hides the
round-off of S2's unit-vector representation (``0.9999999999999998`` prints as ``1``).

https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np
import pyarrow as pa
import spherely

# S2's Earth radius (S2Earth::RadiusMeters), the sphere BigQuery measures on: meters, m^2.
EARTH_RADIUS_METERS = float(spherely.EARTH_RADIUS_METERS)

EMPTY = "GEOMETRYCOLLECTION EMPTY"

Coord = tuple[float, float]
# A parsed WKT tree: (kind, payload). POINT: Coord | None; LINESTRING/MULTIPOINT: list[Coord];
# POLYGON/MULTILINESTRING: list[list[Coord]]; MULTIPOLYGON: list[list[list[Coord]]];
# GEOMETRYCOLLECTION: list[Tree].
Tree = tuple[str, Any]

_TOKENS = re.compile(r"[A-Za-z]+|\(|\)|,|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_GEOJSON_TYPES = {
    "Point": "POINT",
    "LineString": "LINESTRING",
    "Polygon": "POLYGON",
    "MultiPoint": "MULTIPOINT",
    "MultiLineString": "MULTILINESTRING",
    "MultiPolygon": "MULTIPOLYGON",
    "GeometryCollection": "GEOMETRYCOLLECTION",
}
_WKT_TO_GEOJSON = {v: k for k, v in _GEOJSON_TYPES.items()}


class GeographyError(ValueError):
    """An invalid GEOGRAPHY input, worded like BigQuery (``ST_GeogFromText failed: ...``)."""


# --------------------------------------------------------------------------- numbers


def number_text(value: float) -> str:
    """A coordinate as BigQuery prints it: at most 15 significant digits.

    >>> number_text(0.9999999999999998), number_text(-122.35000000000001), number_text(-0.0)
    ('1', '-122.35', '0')
    """
    text = f"{value:.15g}"
    return "0" if text == "-0" else text


# --------------------------------------------------------------------------- WKT trees


def parse_tree(text: str) -> Tree:
    """Parse WKT (any case, with or without MULTIPOINT's inner parentheses) into a tree.

    >>> parse_tree("MULTIPOINT ((1 2), (3 4))")
    ('MULTIPOINT', [(1.0, 2.0), (3.0, 4.0)])
    """
    tokens = _tokens(text)
    tree, end = _parse_geometry(tokens, 0)
    if end != len(tokens):
        raise GeographyError(f"Unexpected text after the geometry: {' '.join(tokens[end:])}")
    return tree


def _tokens(text: str) -> list[str]:
    tokens = _TOKENS.findall(text)
    rest = _TOKENS.sub("", text)
    if rest.strip():
        junk = rest.strip()[:10]
        raise GeographyError(f"Unexpected text: {junk!r}")
    return tokens


def _expect(tokens: list[str], at: int, token: str) -> int:
    if at >= len(tokens) or tokens[at] != token:
        found = tokens[at] if at < len(tokens) else "end of input"
        raise GeographyError(f"Expected '{token}' but found '{found}'")
    return at + 1


def _number(tokens: list[str], at: int) -> tuple[float, int]:
    try:
        return float(tokens[at]), at + 1
    except (IndexError, ValueError):
        found = tokens[at] if at < len(tokens) else "end of input"
        raise GeographyError(f"Expected a number but found '{found}'") from None


def _coord(tokens: list[str], at: int) -> tuple[Coord, int]:
    x, at = _number(tokens, at)
    y, at = _number(tokens, at)
    if at < len(tokens) and tokens[at] not in (",", ")"):
        raise GeographyError("Only two-dimensional coordinates are supported")
    return (x, y), at


def _coords(tokens: list[str], at: int) -> tuple[list[Coord], int]:
    at = _expect(tokens, at, "(")
    out: list[Coord] = []
    while True:
        point, at = _coord(tokens, at)
        out.append(point)
        if tokens[at] == ")":
            return out, at + 1
        at = _expect(tokens, at, ",")


def _point_list(tokens: list[str], at: int) -> tuple[list[Coord], int]:
    """MULTIPOINT's members: ``(1 2, 3 4)`` or ``((1 2), (3 4))``."""
    at = _expect(tokens, at, "(")
    out: list[Coord] = []
    while True:
        if tokens[at] == "(":
            point, at = _coord(tokens, at + 1)
            at = _expect(tokens, at, ")")
        else:
            point, at = _coord(tokens, at)
        out.append(point)
        if tokens[at] == ")":
            return out, at + 1
        at = _expect(tokens, at, ",")


def _nested(tokens: list[str], at: int, inner: Any) -> tuple[list[Any], int]:
    at = _expect(tokens, at, "(")
    out: list[Any] = []
    while True:
        item, at = inner(tokens, at)
        out.append(item)
        if tokens[at] == ")":
            return out, at + 1
        at = _expect(tokens, at, ",")


def _rings(tokens: list[str], at: int) -> tuple[list[list[Coord]], int]:
    return _nested(tokens, at, _coords)


def _polygons(tokens: list[str], at: int) -> tuple[list[list[list[Coord]]], int]:
    return _nested(tokens, at, _rings)


_PARSERS: dict[str, Any] = {
    "POINT": None,
    "LINESTRING": _coords,
    "POLYGON": _rings,
    "MULTIPOINT": _point_list,
    "MULTILINESTRING": _rings,
    "MULTIPOLYGON": _polygons,
    "GEOMETRYCOLLECTION": None,
}


def _parse_geometry(tokens: list[str], at: int) -> tuple[Tree, int]:
    if at >= len(tokens):
        raise GeographyError("Expected a geometry type but found end of input")
    kind = tokens[at].upper()
    if kind not in _PARSERS:
        raise GeographyError(f"Unknown geometry type: {tokens[at]}")
    at += 1
    if at < len(tokens) and tokens[at].upper() == "EMPTY":
        return (kind, None if kind == "POINT" else []), at + 1
    if kind == "POINT":
        at = _expect(tokens, at, "(")
        point, at = _coord(tokens, at)
        return (kind, point), _expect(tokens, at, ")")
    if kind == "GEOMETRYCOLLECTION":
        members, at = _nested(tokens, at, _parse_geometry)
        return (kind, members), at
    payload, at = _PARSERS[kind](tokens, at)
    return (kind, payload), at


def _pair(point: Coord) -> str:
    return f"{number_text(point[0])} {number_text(point[1])}"


def _line(points: list[Coord]) -> str:
    return "(" + ", ".join(_pair(p) for p in points) + ")"


def _poly(rings: list[list[Coord]]) -> str:
    return "(" + ", ".join(_line(r) for r in rings) + ")"


def tree_text(tree: Tree) -> str:
    """BigQuery's WKT for a tree.

    >>> tree_text(("MULTIPOINT", [(1.0, 2.0), (3.0, 4.0)]))
    'MULTIPOINT(1 2, 3 4)'
    """
    kind, payload = tree
    if is_empty_tree(tree):
        return EMPTY
    if kind == "POINT":
        return f"POINT({_pair(payload)})"
    if kind in ("LINESTRING", "MULTIPOINT"):
        return kind + _line(payload)
    if kind in ("POLYGON", "MULTILINESTRING"):
        return kind + _poly(payload)
    if kind == "MULTIPOLYGON":
        return kind + "(" + ", ".join(_poly(p) for p in payload) + ")"
    return kind + "(" + ", ".join(tree_text(t) for t in payload if not is_empty_tree(t)) + ")"


def is_empty_tree(tree: Tree) -> bool:
    kind, payload = tree
    if kind == "GEOMETRYCOLLECTION":
        return all(is_empty_tree(t) for t in payload)
    return not payload


def components(tree: Tree) -> tuple[list[Coord], list[list[Coord]], list[list[list[Coord]]]]:
    """The points, linestrings and polygons of a tree, collections flattened."""
    points: list[Coord] = []
    lines: list[list[Coord]] = []
    polygons: list[list[list[Coord]]] = []
    kind, payload = tree
    if kind == "POINT" and payload is not None:
        points.append(payload)
    elif kind == "MULTIPOINT":
        points.extend(payload)
    elif kind == "LINESTRING" and payload:
        lines.append(payload)
    elif kind == "MULTILINESTRING":
        lines.extend(payload)
    elif kind == "POLYGON" and payload:
        polygons.append(payload)
    elif kind == "MULTIPOLYGON":
        polygons.extend(payload)
    elif kind == "GEOMETRYCOLLECTION":
        for child in payload:
            p, li, po = components(child)
            points += p
            lines += li
            polygons += po
    return points, lines, polygons


def normalized_tree(tree: Tree) -> Tree:
    """Collections regrouped like BigQuery: one member per dimension, single ones unwrapped."""
    points, lines, polygons = components(tree)
    parts: list[Tree] = []
    if points:
        parts.append(("POINT", points[0]) if len(points) == 1 else ("MULTIPOINT", points))
    if lines:
        parts.append(("LINESTRING", lines[0]) if len(lines) == 1 else ("MULTILINESTRING", lines))
    if polygons:
        single = len(polygons) == 1
        parts.append(("POLYGON", polygons[0]) if single else ("MULTIPOLYGON", polygons))
    if len(parts) == 1:
        return parts[0]
    return ("GEOMETRYCOLLECTION", parts)


# --------------------------------------------------------------------------- spherely bridge


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


_KEYWORD_SPACE = re.compile(r"([A-Z]) \(")


def _number_match(match: re.Match[str]) -> str:
    return number_text(float(match.group()))


def _fast_text(raw: str) -> str:
    """spherely's WKT (``POINT (x y)``, 17 digits) -> BigQuery's; collections take the tree path."""
    if raw.startswith("GEOMETRYCOLLECTION"):
        return tree_text(normalized_tree(parse_tree(raw)))
    text = _KEYWORD_SPACE.sub(r"\1(", _NUMBER.sub(_number_match, raw))
    if text.startswith("MULTIPOINT("):
        inner = text[len("MULTIPOINT(") : -1].replace("(", "").replace(")", "")
        text = f"MULTIPOINT({inner})"
    return text


def text_of(geography: Any) -> str:
    """BigQuery's WKT of one spherely Geography."""
    if spherely.is_empty(geography):
        return EMPTY
    return _fast_text(str(spherely.to_wkt(geography, precision=17)))


def texts_of(geographies: np.ndarray) -> list[str]:
    """BigQuery's WKT of an array of spherely Geography objects (no None); points go fast."""
    if not len(geographies):
        return []
    empty = spherely.is_empty(geographies)
    point = (spherely.get_type_id(geographies) == 0) & ~empty
    out: list[str] = [EMPTY] * len(geographies)
    if point.any():
        index = np.flatnonzero(point)
        xs = spherely.get_x(geographies[index])
        ys = spherely.get_y(geographies[index])
        for i, x, y in zip(index, xs, ys, strict=True):
            out[i] = f"POINT({number_text(x)} {number_text(y)})"
    other = np.flatnonzero(~point & ~empty)
    if len(other):
        raw = spherely.to_wkt(geographies[other], precision=17)
        for i, text in zip(other, raw, strict=True):
            out[i] = _fast_text(str(text))
    return out


def from_text(
    text: str,
    *,
    oriented: bool = False,
    planar: bool = False,
    function: str = "ST_GeogFromText",
) -> Any:
    """One WKT string -> a spherely Geography, or ``GeographyError`` worded like BigQuery."""
    try:
        tree = parse_tree(text)
        return spherely.from_wkt(
            _spherely_wkt(tree), oriented=oriented, planar=planar, tessellate_tolerance=10.0
        )
    except GeographyError as exc:
        raise GeographyError(f"{function} failed: {exc}") from None
    except (RuntimeError, ValueError) as exc:
        raise GeographyError(f"{function} failed: {_s2_message(exc)}") from None


def _s2_message(exc: Exception) -> str:
    text = str(exc)
    return re.sub(r"^Loop (\d+) is not valid: ", r"Invalid polygon loop \1: ", text)


def check_rings(tree: Tree) -> None:
    """Polygon rings must be closed, with at least four positions (three distinct vertices)."""
    _, _, polygons = components(tree)
    for polygon in polygons:
        for ring in polygon:
            if len(ring) < 4 or ring[0] != ring[-1]:
                raise GeographyError(
                    "Invalid polygon: a ring must be closed and have at least 4 positions"
                )


def _spherely_wkt(tree: Tree) -> str:
    """WKT spherely reads: MULTIPOINT with parenthesised members, collections kept."""
    check_rings(tree)
    kind, payload = tree
    if is_empty_tree(tree):
        return "GEOMETRYCOLLECTION EMPTY"
    if kind == "MULTIPOINT":
        return "MULTIPOINT(" + ", ".join(f"({_exact(p)})" for p in payload) + ")"
    if kind == "GEOMETRYCOLLECTION":
        inner = [_spherely_wkt(t) for t in payload if not is_empty_tree(t)]
        return "GEOMETRYCOLLECTION(" + ", ".join(inner) + ")"
    return _exact_text(tree)


def _exact(point: Coord) -> str:
    return f"{point[0]!r} {point[1]!r}"


def _exact_text(tree: Tree) -> str:
    kind, payload = tree

    def line(points: list[Coord]) -> str:
        return "(" + ", ".join(_exact(p) for p in points) + ")"

    def poly(rings: list[list[Coord]]) -> str:
        return "(" + ", ".join(line(r) for r in rings) + ")"

    if kind == "POINT":
        return f"POINT({_exact(payload)})"
    if kind == "LINESTRING":
        return kind + line(payload)
    if kind in ("POLYGON", "MULTILINESTRING"):
        return kind + poly(payload)
    return kind + "(" + ", ".join(poly(p) for p in payload) + ")"


def from_values(values: list[str | None]) -> np.ndarray:
    """GEOGRAPHY arguments (BigQuery WKT, already normalised) -> spherely objects, None kept.

    Canonical text has counter-clockwise shells, so it is read as oriented: a polygon larger
    than a hemisphere (``oriented => TRUE``) keeps its interior. Each distinct text is parsed
    once; one repeated across the vector (a constant argument) is also prepared (indexed).
    """
    out = np.empty(len(values), dtype=object)
    slots: dict[str, list[int]] = {}
    for i, value in enumerate(values):
        if value is not None:
            slots.setdefault(value, []).append(i)
    if not slots:
        return out
    texts = list(slots)
    try:
        parsed = list(spherely.from_wkt(np.array(texts, dtype=object), oriented=True))
    except (RuntimeError, ValueError):
        parsed = [_from_value(text) for text in texts]
    for text, geography in zip(texts, parsed, strict=True):
        where = slots[text]
        if len(where) > 16 and not text.startswith("POINT"):
            spherely.prepare(geography)
        for i in where:
            out[i] = geography
    return out


def _from_value(text: str) -> Any:
    try:
        return spherely.from_wkt(text, oriented=True)
    except (RuntimeError, ValueError):
        stripped = text.lstrip()
        if stripped.startswith("{"):
            return from_geojson(stripped)
        return from_text(text)


# --------------------------------------------------------------------------- GeoJSON


def _position(value: Any) -> Coord:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        raise GeographyError(f"A position must have exactly two numbers: {json.dumps(value)}")
    return float(value[0]), float(value[1])


def _geojson_tree(obj: Any) -> Tree:
    if not isinstance(obj, dict) or obj.get("type") not in _GEOJSON_TYPES:
        kind = obj.get("type") if isinstance(obj, dict) else type(obj).__name__
        raise GeographyError(f"Unsupported GeoJSON type: {kind}")
    kind = _GEOJSON_TYPES[obj["type"]]
    if kind == "GEOMETRYCOLLECTION":
        return kind, [_geojson_tree(g) for g in obj.get("geometries") or []]
    coords = obj.get("coordinates")
    if coords is None:
        raise GeographyError("GeoJSON geometry has no coordinates")
    try:
        if kind == "POINT":
            return kind, (_position(coords) if coords else None)
        if kind in ("LINESTRING", "MULTIPOINT"):
            return kind, [_position(p) for p in coords]
        if kind in ("POLYGON", "MULTILINESTRING"):
            return kind, [[_position(p) for p in ring] for ring in coords]
        return kind, [[[_position(p) for p in ring] for ring in poly] for poly in coords]
    except TypeError:
        raise GeographyError("Malformed GeoJSON coordinates") from None


def from_geojson(text: str, *, function: str = "ST_GeogFromGeoJSON") -> Any:
    """GeoJSON geometry -> Geography. Its edges are planar: tessellated to within 10 m."""
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        raise GeographyError(f"{function} failed: Invalid JSON: {text[:60]}") from None
    try:
        tree = _geojson_tree(obj)
        return spherely.from_wkt(_spherely_wkt(tree), planar=True, tessellate_tolerance=10.0)
    except GeographyError as exc:
        raise GeographyError(f"{function} failed: {exc}") from None
    except (RuntimeError, ValueError) as exc:
        raise GeographyError(f"{function} failed: {_s2_message(exc)}") from None


def _json_position(point: Coord) -> str:
    return f"[{number_text(point[0])}, {number_text(point[1])}]"


def _json_list(items: list[Any], item: Any) -> str:
    return "[" + ", ".join(item(i) for i in items) + "]"


def geojson_text(text: str) -> str:
    """BigQuery WKT -> RFC 7946 GeoJSON (edges are exported as given, not re-tessellated)."""
    tree = normalized_tree(parse_tree(text))
    return _geojson_of(tree)


def _geojson_of(tree: Tree) -> str:
    kind, payload = tree
    if is_empty_tree(tree):
        return '{ "type": "GeometryCollection", "geometries": [] }'
    name = _WKT_TO_GEOJSON[kind]
    if kind == "GEOMETRYCOLLECTION":
        members = ", ".join(_geojson_of(t) for t in payload)
        return f'{{ "type": "{name}", "geometries": [{members}] }}'
    if kind == "POINT":
        coords = _json_position(payload)
    elif kind in ("LINESTRING", "MULTIPOINT"):
        coords = _json_list(payload, _json_position)
    elif kind in ("POLYGON", "MULTILINESTRING"):
        coords = _json_list(payload, lambda r: _json_list(r, _json_position))
    else:
        coords = _json_list(
            payload, lambda p: _json_list(p, lambda r: _json_list(r, _json_position))
        )
    return f'{{ "type": "{name}", "coordinates": {coords} }}'


# --------------------------------------------------------------------------- any format


def from_wkb(data: bytes, *, function: str = "ST_GeogFromWkb") -> Any:
    try:
        return spherely.from_wkb(data)
    except (RuntimeError, ValueError) as exc:
        raise GeographyError(f"{function} failed: {_s2_message(exc)}") from None


def from_any(value: str | bytes, *, function: str = "ST_GeogFrom") -> Any:
    """WKT, GeoJSON or hex WKB text, or WKB bytes (ST_GEOGFROM's rules)."""
    if isinstance(value, bytes):
        return from_wkb(value, function=function)
    stripped = value.strip()
    if stripped.startswith("{"):
        return from_geojson(stripped, function=function)
    if stripped and re.fullmatch(r"[0-9A-Fa-f]+", stripped) and len(stripped) % 2 == 0:
        return from_wkb(bytes.fromhex(stripped), function=function)
    return from_text(value, function=function)


def normalize(value: str) -> str:
    """A GEOGRAPHY cell of insertAll or a load (WKT or GeoJSON) -> BigQuery's WKT text.

    >>> normalize("POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))")
    'POLYGON((2 0, 2 2, 0 2, 0 0, 2 0))'
    """
    return text_of(from_any(value))


def is_finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


# --------------------------------------------------------------------------- the result marker

# A GEOGRAPHY query result column is DuckDB's UNION(geography VARCHAR). ``strip_marker`` turns it
# into plain WKT strings whose Arrow field carries ``MARKER`` instead, so that consumers that
# cannot handle unions (pandas, Arrow casts in the Storage Read API) see strings while
# ``bqhouse.schema`` still types the column GEOGRAPHY.
MARKER = {b"bqhouse:type": b"GEOGRAPHY"}


# BigQuery's Arrow field metadata for a GEOGRAPHY column (Storage Read API, and the REST
# client's own Arrow conversion): WKT strings of the extension type google:sqlType:geography.
EXTENSION = {
    b"ARROW:extension:name": b"google:sqlType:geography",
    b"ARROW:extension:metadata": b'{"encoding": "WKT"}',
}


def with_extension(target: pa.Schema, fields: list[dict[str, Any]]) -> pa.Schema:
    """``target`` (the Arrow schema of ``fields``) with GEOGRAPHY columns carrying ``EXTENSION``."""
    for index, field in enumerate(fields):
        if field.get("type") == "GEOGRAPHY":
            target = target.set(index, target.field(index).with_metadata(EXTENSION))
    return target


def is_marker_type(typ: pa.DataType) -> bool:
    """DuckDB's UNION(geography VARCHAR) in Arrow."""
    return bool(pa.types.is_union(typ) and typ.num_fields == 1 and typ.field(0).name == "geography")


def _unwrap(chunk: pa.Array) -> pa.Array:
    if is_marker_type(chunk.type):
        return chunk.field(0)
    if pa.types.is_list(chunk.type) and is_marker_type(chunk.type.value_type):
        return pa.ListArray.from_arrays(chunk.offsets, chunk.values.field(0), mask=chunk.is_null())
    return chunk


def strip_marker(table: pa.Table) -> pa.Table:
    """GEOGRAPHY result columns (and arrays of them) as WKT strings with ``MARKER`` metadata."""
    for index, field in enumerate(table.schema):
        typ = field.type
        if is_marker_type(typ):
            new_field = pa.field(field.name, pa.string(), field.nullable, metadata=MARKER)
        elif pa.types.is_list(typ) and is_marker_type(typ.value_type):
            item = pa.field(typ.value_field.name, pa.string(), metadata=MARKER)
            new_field = pa.field(field.name, pa.list_(item), field.nullable, metadata=MARKER)
        else:
            continue
        chunks = [_unwrap(c).cast(new_field.type) for c in table.column(index).chunks]
        table = table.set_column(index, new_field, pa.chunked_array(chunks, new_field.type))
    return table
