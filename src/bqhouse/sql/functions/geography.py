"""Geography functions (ST_*): spherical (S2) semantics through spherely, WKT text on the wire.

https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions

A GEOGRAPHY value in a query is DuckDB's ``UNION(geography VARCHAR)`` holding BigQuery's WKT
text: the one-member union is the marker from which a result column is typed GEOGRAPHY (see
``bqhouse.schema``), and casts to and from VARCHAR implicitly, so table columns (stored as WKT
VARCHAR, re-marked where a query reads them: ``bqhouse.sql.geography_tables``) and function
results mix freely. Every ``ST_X(...)`` becomes the macro ``bq_st_x(...,
safe)`` around a vectorised Python UDF (``type='arrow'``); ``SAFE.ST_X`` passes ``safe`` = TRUE,
which turns input errors into NULL. Distances are meters and areas square meters on S2's sphere
(radius 6,371,010 m).
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import spherely
from sqlglot import exp

from bqhouse import errors
from bqhouse.sql import geography as geo
from bqhouse.sql.builders import Transform, call
from bqhouse.sql.functions import Udf

GEOGRAPHY_TYPE = "UNION(geography VARCHAR)"
_R = geo.EARTH_RADIUS_METERS
_BOX = pa.struct(
    [("xmin", pa.float64()), ("ymin", pa.float64()), ("xmax", pa.float64()), ("ymax", pa.float64())]
)
_BOX_SQL = "STRUCT(xmin DOUBLE, ymin DOUBLE, xmax DOUBLE, ymax DOUBLE)"


class _Geog:
    """Result kind: spherely Geography objects, returned as BigQuery WKT."""


_OUT_TYPES: dict[str, Any] = {
    "GEOG": _Geog,
    "GEOGS": _Geog,
    "VARCHAR": pa.string(),
    "DOUBLE": pa.float64(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "BLOB": pa.binary(),
    _BOX_SQL: _BOX,
}


# --------------------------------------------------------------------------- UDF plumbing


def _flag(column: Any) -> bool:
    values = column.to_pylist()
    return bool(values and values[0])


def _geographies(texts: list[Any]) -> np.ndarray:
    return geo.from_values([None if t is None else str(t) for t in texts])


def _finish(results: Sequence[Any], out: str) -> pa.Array:
    if out == "GEOG":
        texts: list[Any] = list(results)
        objects = [i for i, v in enumerate(texts) if v is not None and not isinstance(v, str)]
        if objects:
            converted = geo.texts_of(np.array([texts[i] for i in objects], dtype=object))
            for i, text in zip(objects, converted, strict=True):
                texts[i] = text
        return pa.array(texts, pa.string())
    if out == "GEOGS":
        lists = [None if v is None else [geo.text_of(g) for g in v] for v in results]
        return pa.array(lists, pa.list_(pa.string()))
    return pa.array(list(results), _OUT_TYPES[out])


def _vector_udf(
    compute: Callable[..., Sequence[Any]], geographies: int, out: str
) -> Callable[..., pa.Array]:
    """A UDF over whole vectors: ``compute(*geography_arrays, *value_lists)`` on non-NULL rows."""

    def udf(*columns: Any) -> pa.Array:
        safe = _flag(columns[-1])
        arrays = [_array(c) for c in columns[:-1]]
        rows = len(arrays[0]) if arrays else 0
        valid = np.ones(rows, dtype=bool)
        for array in arrays:
            if array.null_count:
                valid &= np.asarray(array.is_valid(), dtype=bool)
        keep = np.flatnonzero(valid)
        if len(keep) < rows:
            arrays = [a.take(pa.array(keep)) for a in arrays]
        lists = [a.to_pylist() for a in arrays]
        computed: Sequence[Any] = []
        if len(keep):
            try:
                computed = _compute(compute, geographies, lists)
            except (geo.GeographyError, RuntimeError, ValueError):
                if not safe:
                    raise
                computed = [
                    _one_or_null(compute, geographies, [[c[i]] for c in lists])
                    for i in range(len(keep))
                ]
        if len(keep) == rows:
            return _finish(computed, out)
        results: list[Any] = [None] * rows
        for i, value in zip(keep.tolist(), computed, strict=True):
            results[i] = value
        return _finish(results, out)

    return udf


def _array(column: Any) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _compute(
    compute: Callable[..., Sequence[Any]], geographies: int, lists: list[list[Any]]
) -> Any:
    args = [_geographies(c) for c in lists[:geographies]] + lists[geographies:]
    return list(compute(*args))


def _one_or_null(
    compute: Callable[..., Sequence[Any]], geographies: int, lists: list[list[Any]]
) -> Any:
    try:
        return _compute(compute, geographies, lists)[0]
    except (geo.GeographyError, RuntimeError, ValueError):
        return None


def _row_udf(
    function: Callable[..., Any], out: str, *, nulls: bool = False
) -> Callable[..., pa.Array]:
    """A UDF applying ``function`` row by row (NULL in any argument -> NULL unless ``nulls``)."""

    def udf(*columns: Any) -> pa.Array:
        safe = _flag(columns[-1])
        lists = [c.to_pylist() for c in columns[:-1]]
        rows = len(lists[0]) if lists else 0
        results: list[Any] = []
        seen: dict[tuple[Any, ...], Any] = {}  # constant arguments are computed once per vector
        for i in range(rows):
            args = [c[i] for c in lists]
            if not nulls and any(a is None for a in args):
                results.append(None)
                continue
            key = tuple(tuple(a) if isinstance(a, list) else a for a in args)
            if key in seen:
                results.append(seen[key])
                continue
            try:
                value = function(*args)
            except (geo.GeographyError, RuntimeError, ValueError):
                if not safe:
                    raise
                value = None
            seen[key] = value
            results.append(value)
        return _finish(results, out)

    return udf


def _one(text: str) -> Any:
    return geo.from_values([text])[0]


def _tree(text: str) -> geo.Tree:
    return geo.normalized_tree(geo.parse_tree(text))


# --------------------------------------------------------------------------- constructors


def _geogpoint(longitudes: list[float], latitudes: list[float]) -> list[str]:
    """The points' WKT, printed directly (what the S2 round trip prints, 15 digits)."""
    lng, lat = np.asarray(longitudes, dtype=float), np.asarray(latitudes, dtype=float)
    if not (np.isfinite(lng).all() and np.isfinite(lat).all()):
        raise geo.GeographyError("ST_GeogPoint failed: Longitude and latitude must be finite")
    bad = np.flatnonzero((lat < -90) | (lat > 90))
    if len(bad):
        raise geo.GeographyError(
            f"ST_GeogPoint failed: Latitude must be between -90 and 90 degrees: {lat[bad[0]]}"
        )
    lng = lng - 360.0 * np.round(lng / 360.0)  # IEEE remainder: longitude modulo 360
    text = geo.number_text
    return [f"POINT({text(x)} {text(y)})" for x, y in zip(lng.tolist(), lat.tolist(), strict=True)]


def _geogfromtext(
    texts: list[str], oriented: list[bool], planar: list[bool], make_valid: list[bool]
) -> list[Any]:
    """Vectorised WKT parsing; a failure re-parses row by row for BigQuery's message."""
    if len(set(oriented)) > 1 or len(set(planar)) > 1:
        return [_geogfromtext_one(t, o, p) for t, o, p in zip(texts, oriented, planar, strict=True)]
    flag_oriented, flag_planar = bool(oriented[0]), bool(planar[0])
    if flag_oriented and flag_planar:
        raise geo.GeographyError("ST_GeogFromText failed: oriented and planar cannot both be TRUE")
    unique = list(dict.fromkeys(texts))
    try:
        for text in unique:
            if "POLYGON" in text.upper():
                geo.check_rings(geo.parse_tree(text))
        parsed = spherely.from_wkt(
            np.array([t.upper() for t in unique], dtype=object),
            oriented=flag_oriented,
            planar=flag_planar,
            tessellate_tolerance=10.0,
        )
    except (geo.GeographyError, RuntimeError, ValueError):
        parsed = [_geogfromtext_one(t, flag_oriented, flag_planar) for t in unique]
    by_text = dict(zip(unique, parsed, strict=True))
    return [by_text[t] for t in texts]


def _geogfromtext_one(text: str, oriented: bool, planar: bool) -> Any:
    if oriented and planar:
        raise geo.GeographyError("ST_GeogFromText failed: oriented and planar cannot both be TRUE")
    return geo.from_text(text, oriented=bool(oriented), planar=bool(planar))


def _geogfromgeojson(text: str, make_valid: bool) -> Any:
    return geo.from_geojson(text)


def _geogfromwkb(data: bytes | None, hex_text: str | None) -> Any:
    if data is not None:
        return geo.from_wkb(data)
    if hex_text is None:
        return None
    try:
        return geo.from_wkb(bytes.fromhex(hex_text.strip()))
    except ValueError as exc:
        if isinstance(exc, geo.GeographyError):
            raise
        raise geo.GeographyError(
            f"ST_GeogFromWkb failed: Invalid hex WKB: {hex_text[:40]}"
        ) from None


def _geogfrom(data: bytes | None, text: str | None) -> Any:
    if data is not None:
        return geo.from_any(data)
    return None if text is None else geo.from_any(text)


def _vertices_of(text: str, function: str) -> list[geo.Coord]:
    kind, payload = _tree(text)
    if kind == "POINT":
        return [payload]
    if kind == "LINESTRING":
        return list(payload)
    if kind == "GEOMETRYCOLLECTION" and not payload:
        return []
    raise geo.GeographyError(f"{function} failed: every input must be a point or a linestring")


def _linestring(points: list[geo.Coord], function: str) -> Any:
    deduped: list[geo.Coord] = []
    for point in points:
        if not deduped or deduped[-1] != point:
            deduped.append(point)
    if len(deduped) == 1:
        return spherely.create_point(*deduped[0])
    if not deduped:
        return spherely.from_wkt("GEOMETRYCOLLECTION EMPTY")
    return geo.from_text(geo.tree_text(("LINESTRING", deduped)), function=function)


def _makeline(first: str, second: str) -> Any:
    points = _vertices_of(first, "ST_MakeLine") + _vertices_of(second, "ST_MakeLine")
    return _linestring(points, "ST_MakeLine")


def _makeline_array(items: list[str | None]) -> Any:
    if any(item is None for item in items):
        return None
    points = [p for item in items for p in _vertices_of(str(item), "ST_MakeLine")]
    return _linestring(points, "ST_MakeLine")


def _ring(text: str) -> list[geo.Coord]:
    kind, payload = _tree(text)
    if kind != "LINESTRING":
        raise geo.GeographyError("ST_MakePolygon failed: every ring must be a single linestring")
    ring = list(payload)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    if len(set(ring)) < 3:
        raise geo.GeographyError("ST_MakePolygon failed: a ring needs at least 3 distinct vertices")
    return ring


def _makepolygon(shell: str, holes: list[str | None] | None) -> Any:
    if holes is not None and any(h is None for h in holes):
        return None
    rings = [_ring(shell)] + [_ring(str(h)) for h in holes or []]
    return geo.from_text(geo.tree_text(("POLYGON", rings)), function="ST_MakePolygon")


# --------------------------------------------------------------------------- formatters, accessors


def _asgeojson(a: np.ndarray) -> list[str]:
    return [geo.geojson_text(text) for text in geo.texts_of(a)]


_POINT = re.compile(r"POINT\((\S+) ([^\s)]+)\)")


def _single_point(text: str, function: str) -> geo.Coord:
    fast = _POINT.fullmatch(text)
    if fast:
        return float(fast.group(1)), float(fast.group(2))
    kind, payload = _tree(text)
    if kind != "POINT" or payload is None:
        raise geo.GeographyError(f"{function} failed: the input must be a single point geography")
    return float(payload[0]), float(payload[1])


def _coordinate_udf(index: int, function: str) -> Callable[..., pa.Array]:
    """ST_X / ST_Y: the coordinate read straight from canonical point text, in Arrow."""

    def udf(geography: Any, safe_flag: Any) -> pa.Array:
        text = _array(geography)
        found = pc.extract_regex(text, r"^POINT\((?P<x>[^\s()]+) (?P<y>[^\s()]+)\)$")
        values = pc.cast(pc.struct_field(found, [index]), pa.float64())
        missed = pc.and_(pc.is_valid(text), pc.is_null(values)).to_pylist()
        if not any(missed):
            return values
        safe, out = _flag(safe_flag), values.to_pylist()
        for i, (row, value) in enumerate(zip(missed, text.to_pylist(), strict=True)):
            if row:
                try:
                    out[i] = _single_point(str(value), function)[index]
                except geo.GeographyError:
                    if not safe:
                        raise
        return pa.array(out, pa.float64())

    return udf


def _numpoints(text: str) -> int:
    points, lines, polygons = geo.components(_tree(text))
    return len(points) + sum(map(len, lines)) + sum(len(r) for p in polygons for r in p)


def _dimension(text: str) -> int:
    points, lines, polygons = geo.components(_tree(text))
    return 2 if polygons else 1 if lines else 0 if points else -1


def _isempty(text: str) -> bool:
    return geo.is_empty_tree(_tree(text))


_TYPE_NAMES = {
    "POINT": "ST_Point",
    "MULTIPOINT": "ST_MultiPoint",
    "LINESTRING": "ST_LineString",
    "MULTILINESTRING": "ST_MultiLineString",
    "POLYGON": "ST_Polygon",
    "MULTIPOLYGON": "ST_MultiPolygon",
    "GEOMETRYCOLLECTION": "ST_GeometryCollection",
}


def _geometrytype(text: str) -> str:
    tree = _tree(text)
    return "ST_GeometryCollection" if geo.is_empty_tree(tree) else _TYPE_NAMES[tree[0]]


def _numgeometries(text: str) -> int:
    points, lines, polygons = geo.components(_tree(text))
    return len(points) + len(lines) + len(polygons)


def _iscollection(text: str) -> bool:
    return _numgeometries(text) > 1


def _line_vertices(text: str, function: str) -> list[geo.Coord]:
    kind, payload = _tree(text)
    if kind != "LINESTRING":
        raise geo.GeographyError(f"{function} failed: the input must be a linestring")
    return list(payload)


def _startpoint(text: str) -> Any:
    return spherely.create_point(*_line_vertices(text, "ST_StartPoint")[0])


def _endpoint(text: str) -> Any:
    return spherely.create_point(*_line_vertices(text, "ST_EndPoint")[-1])


def _pointn(text: str, index: int) -> Any:
    points = _line_vertices(text, "ST_PointN")
    if index == 0 or abs(index) > len(points):
        raise geo.GeographyError(f"ST_PointN failed: no vertex at index {index}")
    return spherely.create_point(*points[index - 1 if index > 0 else index])


def _isclosed(text: str) -> bool:
    tree = _tree(text)
    if geo.is_empty_tree(tree):
        return False
    _, lines, polygons = geo.components(tree)
    return not polygons and all(line[0] == line[-1] for line in lines)


# --------------------------------------------------------------------------- measures


def _no_spheroid(flags: list[Any], function: str) -> None:
    if any(flags):
        raise geo.GeographyError(f"{function} failed: use_spheroid = TRUE is not supported")


def _distance(a: np.ndarray, b: np.ndarray, spheroid: list[Any]) -> list[float | None]:
    _no_spheroid(spheroid, "ST_Distance")
    values = np.asarray(spherely.distance(a, b, radius=_R), dtype=float)
    if np.isfinite(values).all():
        return values.tolist()
    return [v if math.isfinite(v) else None for v in values.tolist()]


def _dwithin(a: np.ndarray, b: np.ndarray, limit: list[float], spheroid: list[Any]) -> list[bool]:
    _no_spheroid(spheroid, "ST_DWithin")
    values = np.asarray(spherely.distance(a, b, radius=_R), dtype=float)
    return (np.isfinite(values) & (values <= np.asarray(limit, dtype=float))).tolist()


def _measure(name: str, function: Callable[..., Any]) -> Callable[..., list[float]]:
    def compute(a: np.ndarray, spheroid: list[Any]) -> list[float]:
        _no_spheroid(spheroid, name)
        return [float(v) for v in function(a, radius=_R)]

    return compute


def _maxdistance(first: str, second: str) -> float | None:
    a, b = _vectors(first), _vectors(second)
    if not len(a) or not len(b):
        return None
    cosines = np.clip(a @ b.T, -1.0, 1.0)
    return float(np.arccos(cosines.min()) * _R)


def _maxdistance_checked(first: str, second: str, spheroid: bool) -> float | None:
    _no_spheroid([spheroid], "ST_MaxDistance")
    return _maxdistance(first, second)


# --------------------------------------------------------------------------- predicates


def _predicate(function: Callable[[Any, Any], Any], *, empty: bool | None = None) -> Any:
    def compute(a: np.ndarray, b: np.ndarray) -> list[bool]:
        values = [bool(v) for v in function(a, b)]
        if empty is None:
            return values
        either = spherely.is_empty(a) | spherely.is_empty(b)
        return [empty if e else v for v, e in zip(values, either, strict=True)]

    return compute


def _equals(a: np.ndarray, b: np.ndarray) -> list[bool]:
    empty_a, empty_b = spherely.is_empty(a), spherely.is_empty(b)
    values = spherely.equals(a, b)
    return [
        bool(ea and eb) or (not (ea or eb) and bool(v))
        for v, ea, eb in zip(values, empty_a, empty_b, strict=True)
    ]


# --------------------------------------------------------------------------- transformations


def _empty() -> Any:
    return spherely.from_wkt("GEOMETRYCOLLECTION EMPTY")


def _centroid(a: np.ndarray) -> list[Any]:
    centers = spherely.centroid(a)
    return [_empty() if e else c for c, e in zip(centers, spherely.is_empty(a), strict=True)]


def _pairwise(function: Callable[[Any, Any], Any]) -> Callable[..., list[Any]]:
    def compute(a: np.ndarray, b: np.ndarray) -> list[Any]:
        return list(function(a, b))

    return compute


def _convexhull(a: np.ndarray) -> list[Any]:
    hulls = spherely.convex_hull(a)
    return [None if e else h for h, e in zip(hulls, spherely.is_empty(a), strict=True)]


def _union_all(items: list[Any]) -> Any:
    present = [str(i) for i in items if i is not None]
    if not present:
        return _empty()
    parsed = list(_geographies(present))
    result = parsed[0]
    for other in parsed[1:]:
        result = spherely.union(result, other)
    return result


def _union_array(items: list[Any]) -> Any:
    return _union_all(items)


def _centroid_agg(items: list[Any]) -> Any:
    present = [str(i) for i in items if i is not None]
    if not present:
        return None
    parsed = [g for g in _geographies(present) if not spherely.is_empty(g)]
    if not parsed:
        return _empty()
    return spherely.centroid(spherely.create_collection(parsed))


# --------------------------------------------------------------------------- vector geometry


def _unit(lon: float, lat: float) -> np.ndarray:
    lam, phi = math.radians(lon), math.radians(lat)
    return np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)])


def _lonlat(v: np.ndarray) -> geo.Coord:
    v = v / np.linalg.norm(v)
    return math.degrees(math.atan2(v[1], v[0])), math.degrees(math.asin(max(-1.0, min(1.0, v[2]))))


def _vectors(text: str) -> np.ndarray:
    points, lines, polygons = geo.components(_tree(text))
    coords = (
        points
        + [p for line in lines for p in line]
        + [p for poly in polygons for r in poly for p in r]
    )
    return np.array([_unit(*c) for c in coords]).reshape(-1, 3)


def _edges(text: str) -> list[tuple[np.ndarray, np.ndarray]]:
    _, lines, polygons = geo.components(_tree(text))
    chains = lines + [r for poly in polygons for r in poly]
    return [(_unit(*c[i]), _unit(*c[i + 1])) for c in chains for i in range(len(c) - 1)]


def _on_arc(q: np.ndarray, a: np.ndarray, b: np.ndarray, normal: np.ndarray) -> bool:
    return bool(np.dot(np.cross(a, q), normal) >= 0 and np.dot(np.cross(q, b), normal) >= 0)


def _closest_on_edge(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    normal = np.cross(a, b)
    size = np.linalg.norm(normal)
    if size < 1e-15:
        return a
    normal = normal / size
    q = p - np.dot(p, normal) * normal
    if np.linalg.norm(q) > 1e-15:
        q = q / np.linalg.norm(q)
        if _on_arc(q, a, b, normal):
            return q
    return a if np.dot(p, a) >= np.dot(p, b) else b


def _closestpoint(first: str, second: str) -> Any:
    a, b = _one(first), _one(second)
    if spherely.is_empty(a) or spherely.is_empty(b):
        return None
    if spherely.intersects(a, b):
        common = spherely.intersection(a, b)
        vertices = (
            _vectors(geo.text_of(common)) if not spherely.is_empty(common) else _vectors(second)
        )
        return spherely.create_point(*_lonlat(vertices[0]))
    candidates = list(_vectors(first))
    for p in _vectors(second):
        candidates += [_closest_on_edge(p, x, y) for x, y in _edges(first)]
    points = np.array([spherely.create_point(*_lonlat(c)) for c in candidates], dtype=object)
    return points[int(np.argmin(spherely.distance(points, b)))]


def _closestpoint_checked(first: str, second: str, spheroid: bool) -> Any:
    _no_spheroid([spheroid], "ST_ClosestPoint")
    return _closestpoint(first, second)


def _circle(center: np.ndarray, radius: float, segments: int) -> list[geo.Coord]:
    lon, lat = _lonlat(center)
    delta = radius / _R
    phi1, lam1 = math.radians(lat), math.radians(lon)
    ring: list[geo.Coord] = []
    for k in range(segments):
        theta = 2 * math.pi * k / segments
        phi2 = math.asin(
            math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
        )
        lam2 = lam1 + math.atan2(
            math.sin(theta) * math.sin(delta) * math.cos(phi1),
            math.cos(delta) - math.sin(phi1) * math.sin(phi2),
        )
        ring.append((math.degrees(math.remainder(lam2, 2 * math.pi)), math.degrees(phi2)))
    return [*ring, ring[0]]


def _edge_band(a: np.ndarray, b: np.ndarray, radius: float) -> list[geo.Coord] | None:
    normal = np.cross(a, b)
    if np.linalg.norm(normal) < 1e-15:
        return None
    normal = normal / np.linalg.norm(normal)
    delta = radius / _R
    corners = [
        math.cos(delta) * a + math.sin(delta) * normal,
        math.cos(delta) * b + math.sin(delta) * normal,
        math.cos(delta) * b - math.sin(delta) * normal,
        math.cos(delta) * a - math.sin(delta) * normal,
    ]
    ring = [_lonlat(c) for c in corners]
    return [*ring, ring[0]]


def _polygon_of(ring: list[geo.Coord]) -> Any:
    return geo.from_text(geo.tree_text(("POLYGON", [ring])), function="ST_Buffer")


def _buffer(
    text: str, radius: float, segments: float, spheroid: bool, endcap: str, side: str
) -> Any:
    """Approximate: circles around vertices, bands along edges, unioned with the input."""
    count = max(1, int(round(segments))) * 4
    return _buffered(text, radius, count, spheroid, endcap, side, "ST_Buffer")


def _buffered(
    text: str,
    radius: float,
    count: int,
    spheroid: bool,
    endcap: str,
    side: str,
    function: str,
) -> Any:
    _no_spheroid([spheroid], function)
    if radius < 0:
        raise geo.GeographyError(f"{function} failed: a negative buffer radius is not supported")
    if str(endcap).upper() != "ROUND" or str(side).upper() != "BOTH":
        raise geo.GeographyError(f"{function} failed: only endcap => 'ROUND', side => 'BOTH'")
    base = _one(text)
    if spherely.is_empty(base) or radius == 0:
        return base
    parts = [_polygon_of(_circle(v, radius, count)) for v in _vectors(text)]
    for a, b in _edges(text):
        band = _edge_band(a, b, radius)
        if band is not None:
            parts.append(_polygon_of(band))
    result = parts[0]
    for part in parts[1:]:
        result = spherely.union(result, part)
    _, _, polygons = geo.components(_tree(text))
    return spherely.union(result, base) if polygons else result


def _latitude_range(text: str) -> tuple[float, float]:
    lats = [_lonlat(v)[1] for v in _vectors(text)]
    low, high = min(lats), max(lats)
    pole = np.array([0.0, 0.0, 1.0])
    for a, b in _edges(text):
        normal = np.cross(a, b)
        if np.linalg.norm(normal) < 1e-15:
            continue
        normal = normal / np.linalg.norm(normal)
        top = pole - np.dot(pole, normal) * normal
        if np.linalg.norm(top) < 1e-15:
            continue
        top = top / np.linalg.norm(top)
        for q in (top, -top):
            if _on_arc(q, a, b, normal):
                lat = _lonlat(q)[1]
                low, high = min(low, lat), max(high, lat)
    return low, high


def _longitude_range(lons: list[float]) -> tuple[float, float]:
    """The shortest longitude interval holding every vertex; may extend past 180."""
    ordered = sorted(set(lons))
    gaps = [(ordered[i + 1] - ordered[i], i) for i in range(len(ordered) - 1)]
    wrap = 360.0 - (ordered[-1] - ordered[0])
    widest = max(gaps, default=(0.0, -1))
    if widest[0] <= wrap:
        return ordered[0], ordered[-1]
    i = widest[1]
    return ordered[i + 1], ordered[i] + 360.0


def _box(texts: list[str]) -> dict[str, float] | None:
    texts = [t for t in texts if not geo.is_empty_tree(_tree(t))]
    if not texts:
        return None
    lons = [_lonlat(v)[0] for t in texts for v in _vectors(t)]
    ranges = [_latitude_range(t) for t in texts]
    xmin, xmax = _longitude_range([_round(x) for x in lons])
    return {
        "xmin": xmin,
        "ymin": _round(min(r[0] for r in ranges)),
        "xmax": xmax,
        "ymax": _round(max(r[1] for r in ranges)),
    }


def _round(value: float) -> float:
    return float(geo.number_text(value))


def _boundingbox(text: str) -> dict[str, float] | None:
    return _box([text])


def _extent(items: list[Any]) -> dict[str, float] | None:
    box = _box([str(i) for i in items if i is not None])
    if box is not None and box["xmax"] - box["xmin"] >= 180:
        box["xmin"], box["xmax"] = -180.0, 180.0
    return box


# --------------------------------------------------------------------------- more accessors


def _point(coord: geo.Coord) -> Any:
    return spherely.create_point(coord[0], coord[1])


def _single_polygon(text: str, function: str) -> list[list[geo.Coord]]:
    kind, payload = _tree(text)
    if kind != "POLYGON":
        raise geo.GeographyError(f"{function} failed: the input must be a single polygon")
    return list(payload)


def _exteriorring(text: str) -> Any:
    ring = _single_polygon(text, "ST_ExteriorRing")[0]
    return geo.from_text(geo.tree_text(("LINESTRING", ring)), oriented=True)


def _interiorrings(text: str) -> list[Any]:
    # Holes are stored clockwise; BigQuery returns each one reversed, counter-clockwise.
    rings = [[*r[-2::-1], r[-2]] for r in _single_polygon(text, "ST_InteriorRings")[1:]]
    return [geo.from_text(geo.tree_text(("LINESTRING", r)), oriented=True) for r in rings]


def _dump(text: str, dimension: int) -> list[Any]:
    points, lines, polygons = geo.components(_tree(text))
    trees: list[geo.Tree] = []
    if dimension in (-1, 0):
        trees += [("POINT", p) for p in points]
    if dimension in (-1, 1):
        trees += [("LINESTRING", line) for line in lines]
    if dimension in (-1, 2):
        trees += [("POLYGON", poly) for poly in polygons]
    return [geo.from_text(geo.tree_text(t), oriented=True) for t in trees]


def _dumppoints(text: str) -> list[Any]:
    points, lines, polygons = geo.components(_tree(text))
    coords = points + [c for line in lines for c in line]
    coords += [c for poly in polygons for ring in poly for c in ring]
    return [_point(c) for c in coords]


def _isring(text: str) -> bool:
    kind, payload = _tree(text)
    if kind != "LINESTRING" or payload[0] != payload[-1]:
        return False
    try:
        geo.from_text(geo.tree_text(("POLYGON", [payload])))
    except geo.GeographyError:
        return False  # the closed line crosses itself
    return True


def _azimuth_of(first: geo.Coord, second: geo.Coord) -> float | None:
    a, b = _unit(*first), _unit(*second)
    if np.allclose(a, b, atol=1e-15) or np.allclose(a, -b, atol=1e-15):
        return None
    phi1, phi2 = math.radians(first[1]), math.radians(second[1])
    dlam = math.radians(second[0] - first[0])
    theta = math.atan2(
        math.sin(dlam) * math.cos(phi2),
        math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlam),
    )
    return theta % (2 * math.pi)


def _azimuth(first: str, second: str) -> float | None:
    return _azimuth_of(_single_point(first, "ST_Azimuth"), _single_point(second, "ST_Azimuth"))


def _angle(first: str, second: str, third: str) -> float | None:
    p1, p2, p3 = (_single_point(t, "ST_Angle") for t in (first, second, third))
    to_first, to_third = _azimuth_of(p2, p1), _azimuth_of(p2, p3)
    if to_first is None or to_third is None:
        return None
    return (to_third - to_first) % (2 * math.pi)


_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"


def _geohash(text: str, maxchars: int) -> str | None:
    if _isempty(text):
        return None
    lon, lat = _single_point(text, "ST_GeoHash")
    chars = maxchars if 1 <= maxchars <= 20 else 20
    ranges = [[-180.0, 180.0], [-90.0, 90.0]]
    out: list[str] = []
    bits, value, even = 0, 0, True
    while len(out) < chars:
        span, coord = (ranges[0], lon) if even else (ranges[1], lat)
        middle = (span[0] + span[1]) / 2
        value = value * 2 + (coord >= middle)
        span[0 if coord >= middle else 1] = middle
        even, bits = not even, bits + 1
        if bits == 5:
            out.append(_BASE32[value])
            bits, value = 0, 0
    return "".join(out)


def _pointfromgeohash(code: str) -> Any:
    ranges = [[-180.0, 180.0], [-90.0, 90.0]]
    even = True
    for char in code.lower():
        index = _BASE32.find(char)
        if index < 0:
            raise geo.GeographyError(f"ST_GeogPointFromGeoHash failed: invalid GeoHash {code!r}")
        for shift in range(4, -1, -1):
            span = ranges[0] if even else ranges[1]
            middle = (span[0] + span[1]) / 2
            span[0 if (index >> shift) & 1 else 1] = middle
            even = not even
    return spherely.create_point(sum(ranges[0]) / 2, sum(ranges[1]) / 2)


def _intersectsbox(text: str, lng1: float, lat1: float, lng2: float, lat2: float) -> bool:
    """Approximate: a vertex inside the box, or a box corner covered by the geography."""
    if not (-90 <= lat1 <= 90 and -90 <= lat2 <= 90):
        raise geo.GeographyError("ST_IntersectsBox failed: latitudes must be in [-90, 90]")
    width = (lng2 - lng1) % 360 if lng2 - lng1 != 360 else 360.0

    def inside(lon: float, lat: float) -> bool:
        return lat1 <= lat <= lat2 and (lon - lng1) % 360 <= width

    vertices = [_lonlat(v) for v in _vectors(text)]
    if any(inside(lon, lat) for lon, lat in vertices):
        return True
    geography = _one(text)
    corners = [(lng1, lat1), (lng1, lat2), (lng2, lat1), (lng2, lat2)]
    return any(bool(spherely.covers(geography, spherely.create_point(*c))) for c in corners)


def _linelocatepoint(line: str, point: str) -> float:
    vertices = [_unit(*c) for c in _line_vertices(line, "ST_LineLocatePoint")]
    p = _unit(*_single_point(point, "ST_LineLocatePoint"))
    lengths = [_arc(a, b) for a, b in zip(vertices, vertices[1:], strict=False)]
    best, best_distance, travelled = 0.0, math.inf, 0.0
    for (a, b), length in zip(zip(vertices, vertices[1:], strict=False), lengths, strict=True):
        q = _closest_on_edge(p, a, b)
        if _arc(p, q) < best_distance:
            best, best_distance = travelled + _arc(a, q), _arc(p, q)
        travelled += length
    total = sum(lengths)
    return 0.0 if total == 0 else min(1.0, best / total)


def _arc(a: np.ndarray, b: np.ndarray) -> float:
    return math.atan2(float(np.linalg.norm(np.cross(a, b))), float(np.dot(a, b)))


def _makepolygonoriented(rings: list[str | None]) -> Any:
    if any(r is None for r in rings):
        return None
    loops = [_ring(str(r)) for r in rings]
    return geo.from_text(
        geo.tree_text(("POLYGON", loops)), oriented=True, function="ST_MakePolygonOriented"
    )


def _bufferwithtolerance(
    text: str, radius: float, tolerance: float, spheroid: bool, endcap: str, side: str
) -> Any:
    if tolerance <= 0:
        raise geo.GeographyError("ST_BufferWithTolerance failed: tolerance must be positive")
    ratio = min(1.0, tolerance / abs(radius)) if radius else 1.0
    segments = max(3, math.ceil(math.pi / math.acos(1 - ratio)))
    return _buffered(text, radius, segments, spheroid, endcap, side, "ST_BufferWithTolerance")


def _snaptogrid(text: str, grid: float) -> Any:
    if grid <= 0:
        raise geo.GeographyError("ST_SnapToGrid failed: grid_size must be positive")
    exponent = max(-9, min(-1, round(math.log10(grid))))
    digits = -exponent

    def snap(c: geo.Coord) -> geo.Coord:
        return round(c[0], digits), round(c[1], digits)

    def walk(tree: geo.Tree) -> geo.Tree:
        kind, payload = tree
        if kind == "POINT":
            return kind, None if payload is None else snap(payload)
        if kind in ("LINESTRING", "MULTIPOINT"):
            return kind, [snap(c) for c in payload]
        if kind in ("POLYGON", "MULTILINESTRING"):
            return kind, [[snap(c) for c in r] for r in payload]
        if kind == "MULTIPOLYGON":
            return kind, [[[snap(c) for c in r] for r in p] for p in payload]
        return kind, [walk(t) for t in payload]

    return geo.from_text(geo.tree_text(walk(_tree(text))), oriented=True)


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class _Param:
    name: str
    kind: str  # "geog", "geogs" (ARRAY<GEOGRAPHY>), "agg" (aggregated), "wkb" or a DuckDB type
    default: str | None = None  # SQL literal of an optional parameter


@dataclass(frozen=True)
class _Fn:
    name: str  # GoogleSQL name
    params: tuple[_Param, ...]
    out: str
    udf: Callable[..., pa.Array]

    @property
    def macro(self) -> str:
        return "bq_" + self.name.lower()


_G = _Param("geography", "geog")
_G2 = _Param("geography_2", "geog")
_SPHEROID = _Param("use_spheroid", "BOOLEAN", "false")


def _v(
    compute: Callable[..., Sequence[Any]], geographies: int, out: str
) -> Callable[..., pa.Array]:
    return _vector_udf(compute, geographies, out)


def _r(function: Callable[..., Any], out: str, *, nulls: bool = False) -> Callable[..., pa.Array]:
    return _row_udf(function, out, nulls=nulls)


_SPECS: list[_Fn] = [
    _Fn(
        "ST_GEOGPOINT",
        (_Param("longitude", "DOUBLE"), _Param("latitude", "DOUBLE")),
        "GEOG",
        _v(_geogpoint, 0, "GEOG"),
    ),
    _Fn(
        "ST_GEOGFROMTEXT",
        (
            _Param("wkt_string", "VARCHAR"),
            _Param("oriented", "BOOLEAN", "false"),
            _Param("planar", "BOOLEAN", "false"),
            _Param("make_valid", "BOOLEAN", "false"),
        ),
        "GEOG",
        _v(_geogfromtext, 0, "GEOG"),
    ),
    _Fn(
        "ST_GEOGFROMGEOJSON",
        (_Param("geojson_string", "VARCHAR"), _Param("make_valid", "BOOLEAN", "false")),
        "GEOG",
        _r(_geogfromgeojson, "GEOG"),
    ),
    _Fn("ST_GEOGFROMWKB", (_Param("wkb", "wkb"),), "GEOG", _r(_geogfromwkb, "GEOG", nulls=True)),
    _Fn("ST_GEOGFROM", (_Param("expression", "wkb"),), "GEOG", _r(_geogfrom, "GEOG", nulls=True)),
    _Fn("ST_ASTEXT", (_G,), "VARCHAR", _v(geo.texts_of, 1, "VARCHAR")),
    _Fn("ST_ASGEOJSON", (_G,), "VARCHAR", _v(_asgeojson, 1, "VARCHAR")),
    _Fn("ST_ASBINARY", (_G,), "BLOB", _v(lambda a: list(spherely.to_wkb(a)), 1, "BLOB")),
    _Fn("ST_X", (_G,), "DOUBLE", _coordinate_udf(0, "ST_X")),
    _Fn("ST_Y", (_G,), "DOUBLE", _coordinate_udf(1, "ST_Y")),
    _Fn("ST_NUMPOINTS", (_G,), "BIGINT", _r(_numpoints, "BIGINT")),
    _Fn("ST_DIMENSION", (_G,), "BIGINT", _r(_dimension, "BIGINT")),
    _Fn("ST_ISEMPTY", (_G,), "BOOLEAN", _r(_isempty, "BOOLEAN")),
    _Fn("ST_GEOMETRYTYPE", (_G,), "VARCHAR", _r(_geometrytype, "VARCHAR")),
    _Fn("ST_NUMGEOMETRIES", (_G,), "BIGINT", _r(_numgeometries, "BIGINT")),
    _Fn("ST_ISCOLLECTION", (_G,), "BOOLEAN", _r(_iscollection, "BOOLEAN")),
    _Fn("ST_ISCLOSED", (_G,), "BOOLEAN", _r(_isclosed, "BOOLEAN")),
    _Fn("ST_STARTPOINT", (_G,), "GEOG", _r(_startpoint, "GEOG")),
    _Fn("ST_ENDPOINT", (_G,), "GEOG", _r(_endpoint, "GEOG")),
    _Fn("ST_POINTN", (_G, _Param("index", "BIGINT")), "GEOG", _r(_pointn, "GEOG")),
    _Fn("ST_DISTANCE", (_G, _G2, _SPHEROID), "DOUBLE", _v(_distance, 2, "DOUBLE")),
    _Fn(
        "ST_DWITHIN",
        (_G, _G2, _Param("distance", "DOUBLE"), _SPHEROID),
        "BOOLEAN",
        _v(_dwithin, 2, "BOOLEAN"),
    ),
    _Fn(
        "ST_MAXDISTANCE",
        (_G, _G2, _SPHEROID),
        "DOUBLE",
        _r(_maxdistance_checked, "DOUBLE"),
    ),
    _Fn(
        "ST_LENGTH",
        (_G, _SPHEROID),
        "DOUBLE",
        _v(_measure("ST_Length", spherely.length), 1, "DOUBLE"),
    ),
    _Fn("ST_AREA", (_G, _SPHEROID), "DOUBLE", _v(_measure("ST_Area", spherely.area), 1, "DOUBLE")),
    _Fn(
        "ST_PERIMETER",
        (_G, _SPHEROID),
        "DOUBLE",
        _v(_measure("ST_Perimeter", spherely.perimeter), 1, "DOUBLE"),
    ),
    _Fn(
        "ST_CONTAINS",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.contains, empty=False), 2, "BOOLEAN"),
    ),
    _Fn(
        "ST_WITHIN",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.within, empty=False), 2, "BOOLEAN"),
    ),
    _Fn(
        "ST_INTERSECTS",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.intersects, empty=False), 2, "BOOLEAN"),
    ),
    _Fn(
        "ST_DISJOINT",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.disjoint, empty=True), 2, "BOOLEAN"),
    ),
    _Fn(
        "ST_TOUCHES",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.touches, empty=False), 2, "BOOLEAN"),
    ),
    _Fn("ST_EQUALS", (_G, _G2), "BOOLEAN", _v(_equals, 2, "BOOLEAN")),
    _Fn(
        "ST_COVERS",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.covers, empty=False), 2, "BOOLEAN"),
    ),
    _Fn(
        "ST_COVEREDBY",
        (_G, _G2),
        "BOOLEAN",
        _v(_predicate(spherely.covered_by, empty=False), 2, "BOOLEAN"),
    ),
    _Fn("ST_CENTROID", (_G,), "GEOG", _v(_centroid, 1, "GEOG")),
    _Fn("ST_CONVEXHULL", (_G,), "GEOG", _v(_convexhull, 1, "GEOG")),
    _Fn("ST_BOUNDARY", (_G,), "GEOG", _v(lambda a: list(spherely.boundary(a)), 1, "GEOG")),
    _Fn("ST_UNION", (_G, _G2), "GEOG", _v(_pairwise(spherely.union), 2, "GEOG")),
    _Fn("ST_INTERSECTION", (_G, _G2), "GEOG", _v(_pairwise(spherely.intersection), 2, "GEOG")),
    _Fn("ST_DIFFERENCE", (_G, _G2), "GEOG", _v(_pairwise(spherely.difference), 2, "GEOG")),
    _Fn("ST_MAKELINE", (_G, _G2), "GEOG", _r(_makeline, "GEOG")),
    _Fn(
        "ST_MAKEPOLYGON",
        (_G, _Param("holes", "geogs", "NULL")),
        "GEOG",
        _r(_makepolygon, "GEOG", nulls=True),
    ),
    _Fn(
        "ST_CLOSESTPOINT",
        (_G, _G2, _SPHEROID),
        "GEOG",
        _r(_closestpoint_checked, "GEOG"),
    ),
    _Fn(
        "ST_BUFFER",
        (
            _G,
            _Param("buffer_radius", "DOUBLE"),
            _Param("num_seg_quarter_circle", "DOUBLE", "8.0"),
            _SPHEROID,
            _Param("endcap", "VARCHAR", "'ROUND'"),
            _Param("side", "VARCHAR", "'BOTH'"),
        ),
        "GEOG",
        _r(_buffer, "GEOG"),
    ),
    _Fn("ST_BOUNDINGBOX", (_G,), _BOX_SQL, _r(_boundingbox, _BOX_SQL)),
    _Fn("ST_UNION_AGG", (_Param("geography", "agg"),), "GEOG", _r(_union_all, "GEOG")),
    _Fn("ST_CENTROID_AGG", (_Param("geography", "agg"),), "GEOG", _r(_centroid_agg, "GEOG")),
    _Fn("ST_EXTENT", (_Param("geography", "agg"),), _BOX_SQL, _r(_extent, _BOX_SQL)),
    _Fn("ST_EXTERIORRING", (_G,), "GEOG", _r(_exteriorring, "GEOG")),
    _Fn("ST_INTERIORRINGS", (_G,), "GEOGS", _r(_interiorrings, "GEOGS")),
    _Fn("ST_DUMP", (_G, _Param("dimension", "BIGINT", "-1")), "GEOGS", _r(_dump, "GEOGS")),
    _Fn("ST_DUMPPOINTS", (_G,), "GEOGS", _r(_dumppoints, "GEOGS")),
    _Fn("ST_ISRING", (_G,), "BOOLEAN", _r(_isring, "BOOLEAN")),
    _Fn("ST_AZIMUTH", (_G, _G2), "DOUBLE", _r(_azimuth, "DOUBLE")),
    _Fn("ST_ANGLE", (_G, _G2, _Param("geography_3", "geog")), "DOUBLE", _r(_angle, "DOUBLE")),
    _Fn("ST_GEOHASH", (_G, _Param("maxchars", "BIGINT", "20")), "VARCHAR", _r(_geohash, "VARCHAR")),
    _Fn(
        "ST_GEOGPOINTFROMGEOHASH",
        (_Param("geohash", "VARCHAR"),),
        "GEOG",
        _r(_pointfromgeohash, "GEOG"),
    ),
    _Fn(
        "ST_INTERSECTSBOX",
        (
            _G,
            _Param("lng1", "DOUBLE"),
            _Param("lat1", "DOUBLE"),
            _Param("lng2", "DOUBLE"),
            _Param("lat2", "DOUBLE"),
        ),
        "BOOLEAN",
        _r(_intersectsbox, "BOOLEAN"),
    ),
    _Fn("ST_LINELOCATEPOINT", (_G, _G2), "DOUBLE", _r(_linelocatepoint, "DOUBLE")),
    _Fn(
        "ST_MAKEPOLYGONORIENTED",
        (_Param("geographies", "geogs"),),
        "GEOG",
        _r(_makepolygonoriented, "GEOG"),
    ),
    _Fn(
        "ST_BUFFERWITHTOLERANCE",
        (
            _G,
            _Param("buffer_radius", "DOUBLE"),
            _Param("tolerance_meters", "DOUBLE"),
            _SPHEROID,
            _Param("endcap", "VARCHAR", "'ROUND'"),
            _Param("side", "VARCHAR", "'BOTH'"),
        ),
        "GEOG",
        _r(_bufferwithtolerance, "GEOG"),
    ),
    _Fn("ST_SNAPTOGRID", (_G, _Param("grid_size", "DOUBLE")), "GEOG", _r(_snaptogrid, "GEOG")),
]
# Overloads taking one ARRAY<GEOGRAPHY>: ST_UNION(array), ST_MAKELINE(array).
_ARRAY_SPECS: dict[str, _Fn] = {
    "ST_UNION": _Fn(
        "ST_UNION_ARRAY", (_Param("geographies", "geogs"),), "GEOG", _r(_union_array, "GEOG")
    ),
    "ST_MAKELINE": _Fn(
        "ST_MAKELINE_ARRAY", (_Param("geographies", "geogs"),), "GEOG", _r(_makeline_array, "GEOG")
    ),
}
_ALIASES = {"ST_NPOINTS": "ST_NUMPOINTS"}


def _udf_params(spec: _Fn) -> list[str]:
    types: list[str] = []
    for param in spec.params:
        if param.kind == "geog":
            types.append("VARCHAR")
        elif param.kind in ("geogs", "agg"):
            types.append("VARCHAR[]")
        elif param.kind == "wkb":
            types += ["BLOB", "VARCHAR"]
        else:
            types.append(param.kind)
    return [*types, "BOOLEAN"]


def _macro_args(spec: _Fn) -> list[str]:
    args: list[str] = []
    for p in spec.params:
        name = p.name
        if p.kind == "geog":
            args.append(f"CAST({name} AS VARCHAR)")
        elif p.kind == "geogs":
            args.append(f"CAST({name} AS VARCHAR[])")
        elif p.kind == "agg":
            args.append(f"list(CAST({name} AS VARCHAR))")
        elif p.kind == "wkb":
            args.append(
                f"CASE WHEN typeof({name}) = 'BLOB' THEN CAST(CAST({name} AS VARCHAR) AS BLOB) END"
            )
            args.append(f"CASE WHEN typeof({name}) <> 'BLOB' THEN CAST({name} AS VARCHAR) END")
        else:
            args.append(f"CAST({name} AS {p.kind})")
    return [*args, "safe"]


def _macro_sql(spec: _Fn) -> str:
    names = ", ".join([p.name for p in spec.params] + ["safe"])
    body = f"{spec.macro}_udf({', '.join(_macro_args(spec))})"
    if spec.out == "GEOG":
        # A NULL cast to a UNION is a non-NULL union holding NULL (DuckDB 1.4), which IS NULL
        # misses and a cast back to VARCHAR prints as 'NULL': keep NULL as NULL. DuckDB's
        # common-subexpression elimination evaluates the UDF once per vector.
        body = f"CASE WHEN {body} IS NULL THEN NULL ELSE CAST({body} AS {GEOGRAPHY_TYPE}) END"
    elif spec.out == "GEOGS":
        body = f"CAST({body} AS {GEOGRAPHY_TYPE}[])"
    return f"CREATE OR REPLACE MACRO {spec.macro}({names}) AS {body}"


_ALL_SPECS = _SPECS + list(_ARRAY_SPECS.values())


def _with_arity(function: Callable[..., pa.Array], count: int) -> Callable[..., pa.Array]:
    """DuckDB checks a UDF's arity from its signature: give ``*columns`` a fixed one."""
    parameters = [
        inspect.Parameter(f"arg{i}", inspect.Parameter.POSITIONAL_ONLY) for i in range(count)
    ]

    def udf(*columns: Any) -> pa.Array:
        return function(*columns)

    udf.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return udf


UDFS: list[Udf] = [
    Udf(
        f"{spec.macro}_udf",
        _with_arity(spec.udf, len(_udf_params(spec))),
        _udf_params(spec),
        {"GEOG": "VARCHAR", "GEOGS": "VARCHAR[]"}.get(spec.out, spec.out),
        "special",
        kind="arrow",
    )
    for spec in _ALL_SPECS
]
MACROS: list[str] = [
    # GEOGRAPHY in DDL (CREATE TABLE t (g GEOGRAPHY)) is a WKT text column.
    "CREATE TYPE IF NOT EXISTS GEOGRAPHY AS VARCHAR",
    *[_macro_sql(spec) for spec in _ALL_SPECS],
]


# --------------------------------------------------------------------------- SQL rewrites


def _arguments(node: exp.Expr) -> tuple[list[exp.Expr], dict[str, exp.Expr]]:
    positional: list[exp.Expr] = []
    named: dict[str, exp.Expr] = {}
    for arg in node.expressions:
        if isinstance(arg, exp.Kwarg):
            named[arg.this.name.lower()] = arg.expression
        else:
            positional.append(arg)
    return positional, named


def _is_array(node: exp.Expr) -> bool:
    return isinstance(node, exp.Array) or (
        isinstance(node, exp.Anonymous) and str(node.this).upper() in ("ARRAY_AGG", "LIST")
    )


def _spec_for(name: str, positional: list[exp.Expr], named: dict[str, exp.Expr]) -> _Fn:
    array_spec = _ARRAY_SPECS.get(name)
    if array_spec is not None and len(positional) == 1 and not named:
        return array_spec
    return _BY_NAME[name]


def _rewrite(
    name: str, node: exp.Expr, positional: list[exp.Expr], named: dict[str, exp.Expr]
) -> exp.Expr:
    spec = _spec_for(name, positional, named)
    if len(positional) > len(spec.params):
        raise errors.InvalidQuery(
            f"No matching signature for function {name}: too many arguments", location="query"
        )
    args: list[exp.Expr] = []
    for i, param in enumerate(spec.params):
        value = positional[i] if i < len(positional) else named.pop(param.name, None)
        if value is None:
            if param.default is None:
                raise errors.InvalidQuery(
                    f"No matching signature for function {name}: missing argument {param.name}",
                    location="query",
                )
            value = exp.maybe_parse(param.default, dialect="duckdb")
        args.append(value)
    if named:
        raise errors.InvalidQuery(
            f"Unknown named argument {sorted(named)[0]} of function {name}", location="query"
        )
    safe = bool(node.meta.get("safe")) or isinstance(node.parent, exp.SafeFunc)
    window = node.parent
    if isinstance(window, exp.Window) and any(p.kind == "agg" for p in spec.params):
        _windowed(spec, window, args, safe)
        return node  # the whole window call was replaced
    out = call(spec.macro, *args, exp.true() if safe else exp.false())
    if safe:
        out.meta["safe_handled"] = True
    return out


def _windowed(spec: _Fn, window: exp.Window, args: list[exp.Expr], safe: bool) -> None:
    """``ST_UNION_AGG(g) OVER (...)``: a DuckDB window cannot call a macro, so the window
    collects ``list(g) OVER (...)`` and the UDF combines each row's list.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls
    """
    values: list[exp.Expr] = []
    for param, value in zip(spec.params, args, strict=True):
        if param.kind == "agg":
            collected = window.copy()
            text = exp.cast(value, exp.DataType.build("VARCHAR"))
            collected.set("this", call("list", text))
            values.append(collected)
        else:
            values.append(exp.cast(value, exp.DataType.build(param.kind, dialect="duckdb")))
    udf = call(f"{spec.macro}_udf", *values, exp.true() if safe else exp.false())
    out: exp.Expr = udf
    if spec.out == "GEOG":
        marked = exp.cast(udf.copy(), exp.DataType.build(GEOGRAPHY_TYPE, dialect="duckdb"))
        is_null = exp.Is(this=udf.copy(), expression=exp.Null())
        out = exp.Case(ifs=[exp.If(this=is_null, true=exp.Null())], default=marked)
    window.replace(out)


def geography_function(node: exp.Expr) -> exp.Expr:
    """``ST_NAME(args)`` -> ``bq_st_name(args with defaults, safe)``.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions
    """
    name = str(node.this).upper()
    name = _ALIASES.get(name, name)
    positional, named = _arguments(node)
    return _rewrite(name, node, positional, named)


def st_distance(node: exp.Expr) -> exp.Expr:
    """``ST_DISTANCE`` (a typed sqlglot node) -> ``bq_st_distance``.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_distance
    """
    positional = [node.this, node.expression]
    spheroid = node.args.get("use_spheroid")
    if spheroid is not None:
        positional.append(spheroid)
    return _rewrite("ST_DISTANCE", node, positional, {})


_BY_NAME: dict[str, _Fn] = {spec.name: spec for spec in _SPECS}

FUNCTIONS: dict[str, Transform] = {
    name: geography_function for name in [*_BY_NAME, *_ALIASES] if name != "ST_DISTANCE"
}


def st_accum(node: exp.Expr) -> exp.Expr:
    """``ST_ACCUM(g)`` is ``ARRAY_AGG(g)`` for GEOGRAPHY values.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_accum
    """
    return call("LIST", *node.expressions)


FUNCTIONS["ST_ACCUM"] = st_accum
TRANSFORMS: dict[type[exp.Expr], Transform] = {exp.StDistance: st_distance}
