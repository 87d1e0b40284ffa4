-- GEOGRAPHY: constructors, parsers, formatters, measures, predicates, transformations, accessors

# title: geogpoint makes a point
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpoint
SELECT ST_GEOGPOINT(1, 2) AS p;
[{"p": "POINT(1 2)"}];

# title: geogpoint longitude taken modulo 360
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpoint
SELECT ST_GEOGPOINT(190, 10) AS p;
[{"p": "POINT(-170 10)"}];

# title: geogpoint latitude out of range is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpoint
# error: invalidQuery
SELECT ST_GEOGPOINT(0, 91) AS p;
Latitude must be between -90 and 90;

# title: geogpoint null input is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpoint
SELECT ST_GEOGPOINT(NULL, 2) AS p;
[{"p": null}];

# title: safe geogpoint bad latitude is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpoint
SELECT SAFE.ST_GEOGPOINT(0, 91) AS p;
[{"p": null}];

# title: x and y doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_x
WITH points AS
   (SELECT ST_GEOGPOINT(i, i + 1) AS p FROM UNNEST([0, 5, 12]) AS i)
 SELECT
   p,
   ST_X(p) as longitude,
   ST_Y(p) as latitude
FROM points
ORDER BY longitude;
[{"p": "POINT(0 1)", "longitude": 0.0, "latitude": 1.0}, {"p": "POINT(5 6)", "longitude": 5.0, "latitude": 6.0}, {"p": "POINT(12 13)", "longitude": 12.0, "latitude": 13.0}];

# title: x of a linestring is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_x
# error: invalidQuery
SELECT ST_X(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)')) AS x;
single point;

# title: safe x of a linestring is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_x
SELECT SAFE.ST_X(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)')) AS x;
[{"x": null}];

# title: y of an empty geography is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_y
# error: invalidQuery
SELECT ST_Y(ST_GEOGFROMTEXT('POINT EMPTY')) AS y;
single point;

# title: makeline of two points
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makeline
SELECT ST_MAKELINE(ST_GEOGPOINT(1, 1), ST_GEOGPOINT(3, 3)) AS l;
[{"l": "LINESTRING(1 1, 3 3)"}];

# title: makeline of an array concatenates vertices
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makeline
SELECT ST_MAKELINE([ST_GEOGPOINT(1, 1), ST_GEOGFROMTEXT('LINESTRING(2 1, 3 2)')]) AS l;
[{"l": "LINESTRING(1 1, 2 1, 3 2)"}];

# title: makeline array with a null element is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makeline
SELECT ST_MAKELINE([ST_GEOGPOINT(1, 1), NULL]) AS l;
[{"l": null}];

# title: makeline of a polygon is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makeline
# error: invalidQuery
SELECT ST_MAKELINE(ST_GEOGPOINT(1, 1), ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))')) AS l;
point or a linestring;

# title: makepolygon closes an open ring
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makepolygon
SELECT ST_MAKEPOLYGON(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 0, 2 2, 0 2)')) AS p;
[{"p": "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))"}];

# title: makepolygon with a hole
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makepolygon
SELECT ST_NUMPOINTS(ST_MAKEPOLYGON(ST_GEOGFROMTEXT('LINESTRING(0 0, 10 0, 10 10, 0 10, 0 0)'), [ST_GEOGFROMTEXT('LINESTRING(1 1, 2 1, 2 2, 1 1)')])) AS n;
[{"n": 9}];

# title: makepolygon of a point is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makepolygon
# error: invalidQuery
SELECT ST_MAKEPOLYGON(ST_GEOGPOINT(1, 1)) AS p;
single linestring;

# title: geogfrom wkt polygon is normalised
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfrom
SELECT ST_GEOGFROM('POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))') AS WKT_format;
[{"WKT_format": "POLYGON((2 0, 2 2, 0 2, 0 0, 2 0))"}];

# title: geogfrom wkb bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfrom
SELECT ST_GEOGFROM(FROM_HEX('010100000000000000000000400000000000001040')) AS WKB_format;
[{"WKB_format": "POINT(2 4)"}];

# title: geogfrom wkb hex string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfrom
SELECT ST_GEOGFROM('010100000000000000000000400000000000001040') AS WKB_format;
[{"WKB_format": "POINT(2 4)"}];

# title: geogfrom geojson polygon
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfrom
SELECT ST_GEOGFROM(
  '{ "type": "Polygon", "coordinates": [ [ [2, 0], [2, 2], [1, 2], [0, 2], [0, 0], [2, 0] ] ] }'
) AS GEOJSON_format;
[{"GEOJSON_format": "POLYGON((2 0, 2 2, 1 2, 0 2, 0 0, 2 0))"}];

# title: geogfrom null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfrom
SELECT ST_GEOGFROM(CAST(NULL AS STRING)) AS g;
[{"g": null}];

# title: geogfromtext oriented positional doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
WITH polygon AS (SELECT 'POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))' AS p)
SELECT
  ST_CONTAINS(ST_GEOGFROMTEXT(p), ST_GEOGPOINT(1, 1)) AS fromtext_default,
  ST_CONTAINS(ST_GEOGFROMTEXT(p, FALSE), ST_GEOGPOINT(1, 1)) AS non_oriented,
  ST_CONTAINS(ST_GEOGFROMTEXT(p, TRUE),  ST_GEOGPOINT(1, 1)) AS oriented
FROM polygon;
[{"fromtext_default": true, "non_oriented": true, "oriented": false}];

# title: geogfromtext oriented named doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
WITH polygon AS (SELECT 'POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))' AS p)
SELECT
  ST_CONTAINS(ST_GEOGFROMTEXT(p), ST_GEOGPOINT(1, 1)) AS fromtext_default,
  ST_CONTAINS(ST_GEOGFROMTEXT(p, oriented => FALSE), ST_GEOGPOINT(1, 1)) AS non_oriented,
  ST_CONTAINS(ST_GEOGFROMTEXT(p, oriented => TRUE),  ST_GEOGPOINT(1, 1)) AS oriented
FROM polygon;
[{"fromtext_default": true, "non_oriented": true, "oriented": false}];

# title: safe geogfromtext invalid polygon is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
WITH data AS (
  SELECT 'POLYGON((0 -1, 2 1, 2 -1, 0 1))' wkt)
SELECT
  SAFE.ST_GEOGFROMTEXT(wkt) as geom
FROM data;
[{"geom": null}];

# title: geogfromtext invalid polygon is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
# error: invalidQuery
SELECT ST_GEOGFROMTEXT('POLYGON((0 0, 1 1, 0 0))') AS g;
ST_GeogFromText failed;

# title: geogfromtext malformed wkt is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
# error: invalidQuery
SELECT ST_GEOGFROMTEXT('POINT(1)') AS g;
ST_GeogFromText failed;

# title: geogfromtext three-dimensional point is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
# error: invalidQuery
SELECT ST_GEOGFROMTEXT('POINT(1 2 3)') AS g;
ST_GeogFromText failed;

# title: geogfromtext empty point is the empty geography
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_isempty
SELECT ST_GEOGFROMTEXT('POINT EMPTY') AS g;
[{"g": "GEOMETRYCOLLECTION EMPTY"}];

# title: geogfromtext planar edges are tessellated
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
SELECT ST_NUMPOINTS(ST_GEOGFROMTEXT('LINESTRING(0 60, 10 60)', planar => TRUE)) > 2 AS densified;
[{"densified": true}];

# title: geogfromtext collection keeps points and lines
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))') AS g;
[{"g": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))"}];

# title: geogfromgeojson point
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromgeojson
SELECT ST_GEOGFROMGEOJSON('{"type": "Point", "coordinates": [-122.35, 47.62]}') AS g;
[{"g": "POINT(-122.35 47.62)"}];

# title: geogfromgeojson feature is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromgeojson
# error: invalidQuery
SELECT ST_GEOGFROMGEOJSON('{"type": "Feature"}') AS g;
ST_GeogFromGeoJSON failed;

# title: geogfromgeojson third coordinate is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromgeojson
# error: invalidQuery
SELECT ST_GEOGFROMGEOJSON('{"type": "Point", "coordinates": [1, 2, 3]}') AS g;
exactly two;

# title: geogfromwkb bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromwkb
SELECT ST_GEOGFROMWKB(FROM_HEX('010100000000000000000000400000000000001040')) AS g;
[{"g": "POINT(2 4)"}];

# title: geogfromwkb hex string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromwkb
SELECT ST_GEOGFROMWKB('010100000000000000000000400000000000001040') AS g;
[{"g": "POINT(2 4)"}];

# title: astext of a point
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_astext
SELECT ST_ASTEXT(ST_GEOGPOINT(-122.35, 47.62)) AS t;
[{"t": "POINT(-122.35 47.62)"}];

# title: astext of a multipoint
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_astext
SELECT ST_ASTEXT(ST_GEOGFROMTEXT('MULTIPOINT(1 1, 3 2)')) AS t;
[{"t": "MULTIPOINT(1 1, 3 2)"}];

# title: asgeojson point type and coordinates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_asgeojson
SELECT JSON_VALUE(ST_ASGEOJSON(ST_GEOGPOINT(1, 2)), '$.type') AS t, JSON_VALUE(ST_ASGEOJSON(ST_GEOGPOINT(1, 2)), '$.coordinates[1]') AS y;
[{"t": "Point", "y": "2"}];

# title: asgeojson round trips through geogfromgeojson
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_asgeojson
SELECT ST_ASTEXT(ST_GEOGFROMGEOJSON(ST_ASGEOJSON(ST_GEOGPOINT(-122.35, 47.62)))) AS t;
[{"t": "POINT(-122.35 47.62)"}];

# title: asbinary is wkb
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_asbinary
SELECT TO_HEX(ST_ASBINARY(ST_GEOGPOINT(2, 4))) AS h;
[{"h": "010100000000000000000000400000000000001040"}];

# title: asbinary round trips through geogfromwkb
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_asbinary
SELECT ST_GEOGFROMWKB(ST_ASBINARY(ST_GEOGFROMTEXT('LINESTRING(1 1, 2 2)'))) AS g;
[{"g": "LINESTRING(1 1, 2 2)"}];

# title: distance of one degree on the equator in meters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_distance
SELECT ROUND(ST_DISTANCE(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0)), 1) AS m;
[{"m": 111195.1}];

# title: distance from a point to a line
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_distance
SELECT ROUND(ST_DISTANCE(ST_GEOGFROMTEXT('LINESTRING(0 -10, 0 10)'), ST_GEOGPOINT(1, 0)), 1) AS m;
[{"m": 111195.1}];

# title: distance to an empty geography is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_distance
SELECT ST_DISTANCE(ST_GEOGPOINT(0, 0), ST_GEOGFROMTEXT('POINT EMPTY')) AS m;
[{"m": null}];

# title: distance with a null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_distance
SELECT ST_DISTANCE(ST_GEOGPOINT(0, 0), NULL) AS m;
[{"m": null}];

# title: dwithin inside and outside the distance
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_dwithin
SELECT ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), 112000) AS near, ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), 111000) AS far;
[{"near": true, "far": false}];

# title: dwithin with an empty geography is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_dwithin
SELECT ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGFROMTEXT('POINT EMPTY'), 1e9) AS d;
[{"d": false}];

# title: maxdistance between two points
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_maxdistance
SELECT ROUND(ST_MAXDISTANCE(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0)), 1) AS m;
[{"m": 111195.1}];

# title: length of a quarter of the equator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_length
SELECT ROUND(ST_LENGTH(ST_GEOGFROMTEXT('LINESTRING(0 0, 90 0)')), 1) AS m;
[{"m": 10007559.1}];

# title: length of points and polygons is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_length
SELECT ST_LENGTH(ST_GEOGPOINT(1, 1)) AS p, ST_LENGTH(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))')) AS a;
[{"p": 0.0, "a": 0.0}];

# title: area of an octant in square kilometers
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_area
SELECT ROUND(ST_AREA(ST_GEOGFROMTEXT('POLYGON((0 0, 90 0, 0 90, 0 0))')) / 1e6) AS km2;
[{"km2": 63758259.0}];

# title: area of lines and points is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_area
SELECT ST_AREA(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)')) AS l, ST_AREA(ST_GEOGPOINT(0, 0)) AS p;
[{"l": 0.0, "p": 0.0}];

# title: area use_spheroid true is not supported
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_area
# error: invalidQuery
SELECT ST_AREA(ST_GEOGPOINT(0, 0), TRUE) AS a;
use_spheroid;

# title: perimeter of an octant
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_perimeter
SELECT ROUND(ST_PERIMETER(ST_GEOGFROMTEXT('POLYGON((0 0, 90 0, 0 90, 0 0))'))) AS m;
[{"m": 30022677.0}];

# title: perimeter of a line is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_perimeter
SELECT ST_PERIMETER(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)')) AS m;
[{"m": 0.0}];

# title: contains doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_contains
SELECT
  ST_GEOGPOINT(i, i) AS p,
  ST_CONTAINS(ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))'),
              ST_GEOGPOINT(i, i)) AS `contains`
FROM UNNEST([0, 1, 10]) AS i
ORDER BY i;
[{"p": "POINT(0 0)", "contains": false}, {"p": "POINT(1 1)", "contains": false}, {"p": "POINT(10 10)", "contains": true}];

# title: covers doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_covers
SELECT
  ST_GEOGPOINT(i, i) AS p,
  ST_COVERS(ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))'),
            ST_GEOGPOINT(i, i)) AS `covers`
FROM UNNEST([0, 1, 10]) AS i
ORDER BY i;
[{"p": "POINT(0 0)", "covers": false}, {"p": "POINT(1 1)", "covers": true}, {"p": "POINT(10 10)", "covers": true}];

# title: covers with an empty geography is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_covers
SELECT ST_COVERS(ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))'), ST_GEOGFROMTEXT('POINT EMPTY')) AS c;
[{"c": false}];

# title: coveredby is covers with the arguments swapped
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_coveredby
SELECT ST_COVEREDBY(ST_GEOGPOINT(1, 1), ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))')) AS boundary, ST_COVEREDBY(ST_GEOGPOINT(0, 0), ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))')) AS outside;
[{"boundary": true, "outside": false}];

# title: within is contains with the arguments swapped
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_within
SELECT ST_WITHIN(ST_GEOGPOINT(10, 10), ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))')) AS inside, ST_WITHIN(ST_GEOGPOINT(1, 1), ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))')) AS boundary;
[{"inside": true, "boundary": false}];

# title: intersects crossing lines
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_intersects
SELECT ST_INTERSECTS(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 2)'), ST_GEOGFROMTEXT('LINESTRING(0 2, 2 0)')) AS crossing, ST_INTERSECTS(ST_GEOGPOINT(5, 5), ST_GEOGFROMTEXT('LINESTRING(0 2, 2 0)')) AS apart;
[{"crossing": true, "apart": false}];

# title: disjoint is the negation of intersects
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_disjoint
SELECT ST_DISJOINT(ST_GEOGPOINT(5, 5), ST_GEOGFROMTEXT('LINESTRING(0 2, 2 0)')) AS apart, ST_DISJOINT(ST_GEOGPOINT(0, 0), ST_GEOGFROMTEXT('POINT EMPTY')) AS empty;
[{"apart": true, "empty": true}];

# title: equals ignores vertex order
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_equals
SELECT ST_EQUALS(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))'), ST_GEOGFROMTEXT('POLYGON((1 1, 0 0, 1 0, 1 1))')) AS same, ST_EQUALS(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 1)) AS different;
[{"same": true, "different": false}];

# title: equals of two empty geographies is true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_equals
SELECT ST_EQUALS(ST_GEOGFROMTEXT('POINT EMPTY'), ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY')) AS e;
[{"e": true}];

# title: touches polygons sharing an edge
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_touches
SELECT ST_TOUCHES(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))'), ST_GEOGFROMTEXT('POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))')) AS t;
[{"t": true}];

# title: difference doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_difference
SELECT
  ST_DIFFERENCE(
      ST_GEOGFROMTEXT('POLYGON((0 0, 10 0, 10 10, 0 0))'),
      ST_GEOGFROMTEXT('POLYGON((4 2, 6 2, 8 6, 4 2))')
  ) AS difference_of_geog1_and_geog2;
[{"difference_of_geog1_and_geog2": "POLYGON((0 0, 10 0, 10 10, 0 0), (8 6, 6 2, 4 2, 8 6))"}];

# title: intersection of disjoint geographies is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_intersection
SELECT ST_INTERSECTION(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 1)) AS i;
[{"i": "GEOMETRYCOLLECTION EMPTY"}];

# title: intersection of overlapping squares is a polygon
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_intersection
SELECT ST_GEOMETRYTYPE(ST_INTERSECTION(ST_GEOGFROMTEXT('POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))'), ST_GEOGFROMTEXT('POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))'))) AS t;
[{"t": "ST_Polygon"}];

# title: union of two points is a multipoint
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_union
SELECT ST_GEOMETRYTYPE(ST_UNION(ST_GEOGPOINT(1, 1), ST_GEOGPOINT(2, 2))) AS t, ST_NUMPOINTS(ST_UNION(ST_GEOGPOINT(1, 1), ST_GEOGPOINT(2, 2))) AS n;
[{"t": "ST_MultiPoint", "n": 2}];

# title: union of an array ignores null elements
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_union
SELECT ST_NUMPOINTS(ST_UNION([ST_GEOGPOINT(1, 1), NULL, ST_GEOGPOINT(2, 2)])) AS n;
[{"n": 2}];

# title: union with a null argument is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_union
SELECT ST_UNION(ST_GEOGPOINT(1, 1), NULL) AS u;
[{"u": null}];

# title: union_agg ignores nulls
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_union_agg
SELECT ST_NUMPOINTS(ST_UNION_AGG(g)) AS n FROM UNNEST([ST_GEOGPOINT(1, 1), NULL, ST_GEOGPOINT(2, 2), ST_GEOGPOINT(1, 1)]) AS g;
[{"n": 2}];

# title: union_agg per group
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_union_agg
WITH t AS (SELECT 1 AS k, ST_GEOGPOINT(0, 0) AS g UNION ALL SELECT 1, ST_GEOGPOINT(1, 1) UNION ALL SELECT 2, ST_GEOGPOINT(5, 5))
SELECT k, ST_GEOMETRYTYPE(ST_UNION_AGG(g)) AS t FROM t GROUP BY k ORDER BY k;
[{"k": 1, "t": "ST_MultiPoint"}, {"k": 2, "t": "ST_Point"}];

# title: centroid of a linestring is its midpoint
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_centroid
SELECT ST_CENTROID(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 0)')) AS c;
[{"c": "POINT(1 0)"}];

# title: centroid of an empty geography is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_centroid
SELECT ST_CENTROID(ST_GEOGFROMTEXT('POINT EMPTY')) AS c;
[{"c": "GEOMETRYCOLLECTION EMPTY"}];

# title: centroid of a polygon
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_centroid
SELECT ROUND(ST_X(ST_CENTROID(ST_GEOGFROMTEXT('POLYGON((-1 -1, 1 -1, 1 1, -1 1, -1 -1))'))), 6) AS x, ROUND(ST_Y(ST_CENTROID(ST_GEOGFROMTEXT('POLYGON((-1 -1, 1 -1, 1 1, -1 1, -1 -1))'))), 6) AS y;
[{"x": 0.0, "y": 0.0}];

# title: centroid_agg of points is their mean
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_centroid_agg
SELECT ST_CENTROID_AGG(g) AS c FROM UNNEST([ST_GEOGPOINT(0, 0), NULL, ST_GEOGPOINT(2, 0)]) AS g;
[{"c": "POINT(1 0)"}];

# title: closestpoint on a line
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_closestpoint
SELECT ST_CLOSESTPOINT(ST_GEOGFROMTEXT('LINESTRING(0 0, 10 0)'), ST_GEOGPOINT(5, 1)) AS p;
[{"p": "POINT(5 0)"}];

# title: closestpoint with an empty geography is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_closestpoint
SELECT ST_CLOSESTPOINT(ST_GEOGFROMTEXT('POINT EMPTY'), ST_GEOGPOINT(5, 1)) AS p;
[{"p": null}];

# title: buffer doc example vertex counts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_buffer
SELECT
  -- num_seg_quarter_circle=2
  ST_NUMPOINTS(ST_BUFFER(ST_GEOGFROMTEXT('POINT(1 2)'), 50, 2)) AS eight_sides,
  -- num_seg_quarter_circle=8, since 8 is the default
  ST_NUMPOINTS(ST_BUFFER(ST_GEOGFROMTEXT('POINT(100 2)'), 50)) AS thirty_two_sides;
[{"eight_sides": 9, "thirty_two_sides": 33}];

# title: buffer covers its input and stays within the radius
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_buffer
SELECT ST_COVERS(ST_BUFFER(ST_GEOGPOINT(0, 0), 100), ST_GEOGPOINT(0, 0)) AS center, ST_DWITHIN(ST_BUFFER(ST_GEOGPOINT(0, 0), 100), ST_GEOGPOINT(0.0008, 0), 0) AS near, ST_DWITHIN(ST_BUFFER(ST_GEOGPOINT(0, 0), 100), ST_GEOGPOINT(0.0018, 0), 0) AS far;
[{"center": true, "near": true, "far": false}];

# title: convexhull of a multipoint doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_convexhull
SELECT ST_CONVEXHULL(ST_GEOGFROMTEXT('MULTIPOINT(2 11, 4 12, 0 15, 1 9, 1 12)')) AS convex_hull;
[{"convex_hull": "POLYGON((1 9, 4 12, 0 15, 1 9))"}];

# title: boundary of a linestring is its endpoints
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_boundary
SELECT ST_BOUNDARY(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)')) AS b;
[{"b": "MULTIPOINT(0 0, 1 1)"}];

# title: numpoints counts the closing vertex of a ring
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_numpoints
SELECT ST_NUMPOINTS(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))')) AS n, ST_NPOINTS(ST_GEOGFROMTEXT('MULTIPOINT(0 0, 1 1)')) AS m;
[{"n": 4, "m": 2}];

# title: dimension by element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_dimension
SELECT ST_DIMENSION(ST_GEOGPOINT(0, 0)) AS p, ST_DIMENSION(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)')) AS l, ST_DIMENSION(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))')) AS a, ST_DIMENSION(ST_GEOGFROMTEXT('POINT EMPTY')) AS e, ST_DIMENSION(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))')) AS c;
[{"p": 0, "l": 1, "a": 2, "e": -1, "c": 1}];

# title: isempty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_isempty
SELECT ST_ISEMPTY(ST_GEOGFROMTEXT('POINT EMPTY')) AS e, ST_ISEMPTY(ST_GEOGPOINT(0, 0)) AS p;
[{"e": true, "p": false}];

# title: geometrytype doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geometrytype
WITH example AS(
  SELECT 1 AS id, ST_GEOGFROMTEXT('POINT(0 1)') AS geography
  UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('MULTILINESTRING((2 2, 3 4), (5 6, 7 7))')
  UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(MULTIPOINT(-1 2, 0 12), LINESTRING(-2 4, 0 6))')
  UNION ALL
  SELECT 4, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'))
SELECT
  geography AS WKT,
  ST_GEOMETRYTYPE(geography) AS geometry_type_name
FROM example
ORDER BY id;
[{"WKT": "POINT(0 1)", "geometry_type_name": "ST_Point"}, {"WKT": "MULTILINESTRING((2 2, 3 4), (5 6, 7 7))", "geometry_type_name": "ST_MultiLineString"}, {"WKT": "GEOMETRYCOLLECTION(MULTIPOINT(-1 2, 0 12), LINESTRING(-2 4, 0 6))", "geometry_type_name": "ST_GeometryCollection"}, {"WKT": "GEOMETRYCOLLECTION EMPTY", "geometry_type_name": "ST_GeometryCollection"}];

# title: numgeometries doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_numgeometries
WITH example AS(
  SELECT 1 AS id, ST_GEOGFROMTEXT('POINT(5 0)') AS geography
  UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('MULTIPOINT(0 1, 4 3, 2 6)')
  UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))')
  UNION ALL
  SELECT 4, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'))
SELECT
  ST_NUMGEOMETRIES(geography) AS num_geometries
FROM example
ORDER BY id;
[{"num_geometries": 1}, {"num_geometries": 3}, {"num_geometries": 2}, {"num_geometries": 0}];

# title: iscollection
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_iscollection
SELECT ST_ISCOLLECTION(ST_GEOGFROMTEXT('MULTIPOINT(0 1, 4 3)')) AS multi, ST_ISCOLLECTION(ST_GEOGPOINT(0, 0)) AS single, ST_ISCOLLECTION(ST_GEOGFROMTEXT('POINT EMPTY')) AS empty;
[{"multi": true, "single": false, "empty": false}];

# title: isclosed doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_isclosed
WITH example AS(
  SELECT 1 AS id, ST_GEOGFROMTEXT('POINT(5 0)') AS geography
  UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('LINESTRING(0 1, 4 3, 2 6, 0 1)')
  UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('LINESTRING(2 6, 1 3, 3 9)')
  UNION ALL
  SELECT 4, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))')
  UNION ALL
  SELECT 5, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'))
SELECT
  geography,
  ST_ISCLOSED(geography) AS is_closed
FROM example
ORDER BY id;
[{"geography": "POINT(5 0)", "is_closed": true}, {"geography": "LINESTRING(0 1, 4 3, 2 6, 0 1)", "is_closed": true}, {"geography": "LINESTRING(2 6, 1 3, 3 9)", "is_closed": false}, {"geography": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))", "is_closed": false}, {"geography": "GEOMETRYCOLLECTION EMPTY", "is_closed": false}];

# title: startpoint doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_startpoint
SELECT ST_STARTPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 2 1, 3 2, 3 3)')) first;
[{"first": "POINT(1 1)"}];

# title: endpoint doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_endpoint
SELECT ST_ENDPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 2 1, 3 2, 3 3)')) last;
[{"last": "POINT(3 3)"}];

# title: pointn doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_pointn
WITH linestring AS (
    SELECT ST_GEOGFROMTEXT('LINESTRING(1 1, 2 1, 3 2, 3 3)') g
)
SELECT ST_POINTN(g, 1) AS first, ST_POINTN(g, -1) AS last,
    ST_POINTN(g, 2) AS second, ST_POINTN(g, -2) AS second_to_last
FROM linestring;
[{"first": "POINT(1 1)", "last": "POINT(3 3)", "second": "POINT(2 1)", "second_to_last": "POINT(3 2)"}];

# title: safe startpoint of a point is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_startpoint
SELECT SAFE.ST_STARTPOINT(ST_GEOGPOINT(1, 1)) AS p;
[{"p": null}];

# title: boundingbox doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_boundingbox
WITH data AS (
  SELECT 1 id, ST_GEOGFROMTEXT('POLYGON((-125 48, -124 46, -117 46, -117 49, -125 48))') g
  UNION ALL
  SELECT 2 id, ST_GEOGFROMTEXT('POLYGON((172 53, -130 55, -141 70, 172 53))') g
  UNION ALL
  SELECT 3 id, ST_GEOGFROMTEXT('POINT EMPTY') g
)
SELECT id, ST_BOUNDINGBOX(g) AS box
FROM data
ORDER BY id;
[{"id": 1, "box": {"xmin": -125, "ymin": 46, "xmax": -117, "ymax": 49}}, {"id": 2, "box": {"xmin": 172, "ymin": 53, "xmax": 230, "ymax": 70}}, {"id": 3, "box": null}];

# title: extent doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_extent
WITH data AS (
  SELECT 1 id, ST_GEOGFROMTEXT('POLYGON((-125 48, -124 46, -117 46, -117 49, -125 48))') g
  UNION ALL
  SELECT 2 id, ST_GEOGFROMTEXT('POLYGON((172 53, -130 55, -141 70, 172 53))') g
  UNION ALL
  SELECT 3 id, ST_GEOGFROMTEXT('POINT EMPTY') g
)
SELECT ST_EXTENT(g) AS box
FROM data;
[{"box": {"xmin": 172, "ymin": 46, "xmax": 243, "ymax": 70}}];

# title: geography through a cte keeps working
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_astext
WITH t AS (SELECT ST_GEOGPOINT(1, 2) AS g) SELECT ST_ASTEXT(g) AS wkt, ST_X(g) AS x FROM t;
[{"wkt": "POINT(1 2)", "x": 1.0}];

# title: array of geographies
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpoint
SELECT [ST_GEOGPOINT(1, 2), ST_GEOGPOINT(3, 4)] AS a;
[{"a": ["POINT(1 2)", "POINT(3 4)"]}];

# title: exteriorring doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_exteriorring
WITH geo as
 (SELECT 1 AS id, ST_GEOGFROMTEXT('POLYGON((0 0, 1 4, 2 2, 0 0))') AS g UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('''POLYGON((1 1, 1 10, 5 10, 5 1, 1 1),
                                  (2 2, 3 4, 2 4, 2 2))''') as g)
SELECT ST_EXTERIORRING(g) AS ring FROM geo ORDER BY id;
[{"ring": "LINESTRING(2 2, 1 4, 0 0, 2 2)"}, {"ring": "LINESTRING(5 1, 5 10, 1 10, 1 1, 5 1)"}];

# title: exteriorring of a point is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_exteriorring
# error: invalidQuery
SELECT ST_EXTERIORRING(ST_GEOGPOINT(1, 1)) AS ring;
single polygon;

# title: interiorrings doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_interiorrings
WITH geo AS (
  SELECT 1 AS id, ST_GEOGFROMTEXT('POLYGON((0 0, 1 1, 1 2, 0 0))') AS g UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('POLYGON((1 1, 1 10, 5 10, 5 1, 1 1), (2 2, 3 4, 2 4, 2 2))') UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('POLYGON((1 1, 1 10, 5 10, 5 1, 1 1), (2 2.5, 3.5 3, 2.5 2, 2 2.5), (3.5 7, 4 6, 3 3, 3.5 7))') UNION ALL
  SELECT 5, NULL)
SELECT ST_INTERIORRINGS(g) AS rings FROM geo ORDER BY id;
[{"rings": []}, {"rings": ["LINESTRING(2 2, 3 4, 2 4, 2 2)"]}, {"rings": ["LINESTRING(2.5 2, 3.5 3, 2 2.5, 2.5 2)", "LINESTRING(3 3, 4 6, 3.5 7, 3 3)"]}, {"rings": []}];

# title: interiorrings of the full globe is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_interiorrings
# notimpl: the full-globe geography (fullglobe) is not supported
SELECT ST_INTERIORRINGS(ST_GEOGFROMTEXT('fullglobe')) AS rings;
[{"rings": []}];

# title: dump doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_dump
WITH example AS (
  SELECT 1 AS id, ST_GEOGFROMTEXT('POINT(0 0)') AS geography
  UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('MULTIPOINT(0 0, 1 1)') AS geography
  UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))'))
SELECT
  ST_DUMP(geography) AS dumped_geographies
FROM example
ORDER BY id;
[{"dumped_geographies": ["POINT(0 0)"]}, {"dumped_geographies": ["POINT(0 0)", "POINT(1 1)"]}, {"dumped_geographies": ["POINT(0 0)", "LINESTRING(1 2, 2 1)"]}];

# title: dump with a dimension doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_dump
WITH example AS (
  SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))') AS geography)
SELECT
  ST_DUMP(geography, 1) AS dumped_geographies
FROM example;
[{"dumped_geographies": ["LINESTRING(1 2, 2 1)"]}];

# title: dumppoints doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_dumppoints
WITH example AS (
  SELECT 1 AS id, ST_GEOGFROMTEXT('POINT(0 0)') AS geography
  UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('MULTIPOINT(0 0, 1 1)') AS geography
  UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))'))
SELECT
  ST_DUMPPOINTS(geography) AS dumped_points_geographies
FROM example
ORDER BY id;
[{"dumped_points_geographies": ["POINT(0 0)"]}, {"dumped_points_geographies": ["POINT(0 0)", "POINT(1 1)"]}, {"dumped_points_geographies": ["POINT(0 0)", "POINT(1 2)", "POINT(2 1)"]}];

# title: isring closed and simple
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_isring
SELECT ST_ISRING(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 0, 1 1, 0 0)')) AS ring, ST_ISRING(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 0, 1 1)')) AS open, ST_ISRING(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 2, 2 0, 0 2, 0 0)')) AS crossing;
[{"ring": true, "open": false, "crossing": false}];

# title: azimuth doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_azimuth
WITH geos AS (
  SELECT 1 id, ST_GEOGPOINT(1, 0) AS geo1, ST_GEOGPOINT(0, 0) AS geo2 UNION ALL
  SELECT 2, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0) UNION ALL
  SELECT 3, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 1) UNION ALL
  -- identical
  SELECT 4, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 0) UNION ALL
  -- antipode
  SELECT 5, ST_GEOGPOINT(-30, 0), ST_GEOGPOINT(150, 0) UNION ALL
  -- nulls
  SELECT 6, ST_GEOGPOINT(0, 0), NULL UNION ALL
  SELECT 7, NULL, ST_GEOGPOINT(0, 0))
SELECT ROUND(ST_AZIMUTH(geo1, geo2), 12) AS azimuth FROM geos ORDER BY id;
[{"azimuth": 4.712388980385}, {"azimuth": 1.570796326795}, {"azimuth": 0.0}, {"azimuth": null}, {"azimuth": null}, {"azimuth": null}, {"azimuth": null}];

# title: angle doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_angle
WITH geos AS (
  SELECT 1 id, ST_GEOGPOINT(1, 0) geo1, ST_GEOGPOINT(0, 0) geo2, ST_GEOGPOINT(0, 1) geo3 UNION ALL
  SELECT 2 id, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), ST_GEOGPOINT(0, 1) UNION ALL
  SELECT 3 id, ST_GEOGPOINT(1, 0), ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0) UNION ALL
  SELECT 4 id, ST_GEOGPOINT(1, 0) geo1, ST_GEOGPOINT(0, 0) geo2, ST_GEOGPOINT(0, 0) geo3 UNION ALL
  SELECT 5 id, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(-30, 0), ST_GEOGPOINT(150, 0) UNION ALL
  SELECT 6 id, ST_GEOGPOINT(0, 0), NULL, NULL UNION ALL
  SELECT 7 id, NULL, ST_GEOGPOINT(0, 0), NULL UNION ALL
  SELECT 8 id, NULL, NULL, ST_GEOGPOINT(0, 0))
SELECT ROUND(ST_ANGLE(geo1,geo2,geo3), 12) AS angle FROM geos ORDER BY id;
[{"angle": 4.712388980385}, {"angle": 0.785474321619}, {"angle": 0.0}, {"angle": null}, {"angle": null}, {"angle": null}, {"angle": null}, {"angle": null}];

# title: geohash doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geohash
SELECT ST_GEOHASH(ST_GEOGPOINT(-122.35, 47.62), 10) geohash;
[{"geohash": "c22yzugqw7"}];

# title: geogpointfromgeohash is the middle of the cell
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogpointfromgeohash
SELECT ROUND(ST_X(p), 4) AS x, ROUND(ST_Y(p), 4) AS y FROM (SELECT ST_GEOGPOINTFROMGEOHASH('c22yzugqw7') AS p);
[{"x": -122.35, "y": 47.62}];

# title: intersectsbox doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_intersectsbox
SELECT p, ST_INTERSECTSBOX(p, -90, 0, 90, 20) AS box1,
       ST_INTERSECTSBOX(p, 90, 0, -90, 20) AS box2
FROM UNNEST([ST_GEOGPOINT(10, 10), ST_GEOGPOINT(170, 10),
             ST_GEOGPOINT(30, 30)]) p
ORDER BY ST_X(p);
[{"p": "POINT(10 10)", "box1": true, "box2": false}, {"p": "POINT(30 30)", "box1": false, "box2": false}, {"p": "POINT(170 10)", "box1": false, "box2": true}];

# title: linelocatepoint doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_linelocatepoint
WITH geos AS (
    SELECT 1 AS id, ST_GEOGPOINT(0, 0) AS point UNION ALL
    SELECT 2, ST_GEOGPOINT(1, 0) UNION ALL
    SELECT 3, ST_GEOGPOINT(1, 1) UNION ALL
    SELECT 4, ST_GEOGPOINT(2, 2) UNION ALL
    SELECT 5, ST_GEOGPOINT(3, 3) UNION ALL
    SELECT 6, ST_GEOGPOINT(4, 4) UNION ALL
    SELECT 7, ST_GEOGPOINT(5, 5) UNION ALL
    SELECT 8, ST_GEOGPOINT(6, 5) UNION ALL
    SELECT 9, NULL
  )
SELECT
  ROUND(ST_LINELOCATEPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 5 5)'), point), 12)
    AS percentage_from_beginning
FROM geos
ORDER BY id;
[{"percentage_from_beginning": 0.0}, {"percentage_from_beginning": 0.0}, {"percentage_from_beginning": 0.0}, {"percentage_from_beginning": 0.250152146851}, {"percentage_from_beginning": 0.500228428364}, {"percentage_from_beginning": 0.750190591388}, {"percentage_from_beginning": 1.0}, {"percentage_from_beginning": 1.0}, {"percentage_from_beginning": null}];

# title: makepolygonoriented keeps the larger side
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_makepolygonoriented
SELECT ST_AREA(ST_MAKEPOLYGONORIENTED([ST_GEOGFROMTEXT('LINESTRING(0 0, 0 2, 2 2, 2 0, 0 0)')])) > 2.5e14 AS large, ST_AREA(ST_MAKEPOLYGON(ST_GEOGFROMTEXT('LINESTRING(0 0, 0 2, 2 2, 2 0, 0 0)'))) < 1e11 AS small;
[{"large": true, "small": true}];

# title: bufferwithtolerance doc example vertex counts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_bufferwithtolerance
SELECT
  -- tolerance_meters=25, or 25% of the buffer radius.
  ST_NumPoints(ST_BUFFERWITHTOLERANCE(ST_GEOGFROMTEXT('POINT(1 2)'), 100, 25)) AS five_sides,
  -- tolerance_meters=1, or 1% of the buffer radius.
  st_NumPoints(ST_BUFFERWITHTOLERANCE(ST_GEOGFROMTEXT('POINT(100 2)'), 100, 1)) AS twenty_four_sides;
[{"five_sides": 6, "twenty_four_sides": 24}];

# title: snaptogrid rounds vertices
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_snaptogrid
SELECT ST_SNAPTOGRID(ST_GEOGPOINT(1.2345, 2.3456), 0.01) AS p;
[{"p": "POINT(1.23 2.35)"}];

# title: accum is array_agg of geographies
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_accum
SELECT ST_ACCUM(g) AS a FROM UNNEST([ST_GEOGPOINT(1, 2), ST_GEOGPOINT(3, 4)]) AS g;
[{"a": ["POINT(1 2)", "POINT(3 4)"]}];

# title: multipoint vertices in S2 order
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_clusterdbscan
# notimpl: multipoint vertices keep their input order, BigQuery sorts them along S2 cells
SELECT ST_GEOGFROMTEXT('MULTIPOINT(1 1, 2 2, 4 4, 5 2)') AS geo;
[{"geo": "MULTIPOINT(1 1, 2 2, 5 2, 4 4)"}];

# title: geogfromtext make_valid doc example
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_geogfromtext
# notimpl: make_valid is accepted but does not repair polygons
WITH data AS (
  SELECT 'POLYGON((0 -1, 2 1, 2 -1, 0 1))' wkt)
SELECT
  SAFE.ST_GEOGFROMTEXT(wkt) as geom,
  SAFE.ST_GEOGFROMTEXT(wkt, make_valid => TRUE) as valid_geom
FROM data;
[{"geom": null, "valid_geom": "MULTIPOLYGON(((0 -1, 1 0, 0 1, 0 -1)), ((1 0, 2 -1, 2 1, 1 0)))"}];

# title: distance on the WGS84 spheroid
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_distance
# notimpl: use_spheroid => TRUE (WGS84) is not supported, only the sphere
SELECT ST_DISTANCE(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), TRUE) > 111000 AS d;
[{"d": true}];

# title: boundingbox of an oriented polygon larger than a hemisphere
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_boundingbox
# notimpl: bounding boxes come from the vertices and edges, not the interior
SELECT ST_BOUNDINGBOX(ST_GEOGFROMTEXT('POLYGON((172 53, -141 70, -130 55, 172 53))', oriented => TRUE)) AS box;
[{"box": {"xmin": -180, "ymin": -90, "xmax": 180, "ymax": 90}}];

-- GEOGRAPHY table columns (read back as GEOGRAPHY), CREATE TABLE, script variables, windows

# title: table column reads back for st functions comparisons and casts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#geography_type
CREATE OR REPLACE TABLE ds.geo_col (id INT64, g GEOGRAPHY, gs ARRAY<GEOGRAPHY>); INSERT INTO ds.geo_col (id, g, gs) VALUES (1, ST_GEOGPOINT(1, 2), [ST_GEOGPOINT(3, 4)]), (2, NULL, []); SELECT id, g, gs, ST_X(g) AS x, g = 'POINT(1 2)' AS same, CAST(g AS STRING) AS s, ST_ASTEXT(g) AS t, g IS NULL AS missing FROM ds.geo_col ORDER BY id;
[{"id": 1, "g": "POINT(1 2)", "gs": ["POINT(3 4)"], "x": 1.0, "same": true, "s": "POINT(1 2)", "t": "POINT(1 2)", "missing": false}, {"id": 2, "g": null, "gs": [], "x": null, "same": null, "s": null, "t": null, "missing": true}];

# title: create table as select stores geography from functions and tables
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_statement
CREATE OR REPLACE TABLE ds.geo_src (id INT64, g GEOGRAPHY); INSERT INTO ds.geo_src VALUES (1, ST_GEOGPOINT(1, 2)), (2, NULL); CREATE OR REPLACE TABLE ds.geo_ctas AS SELECT id, g, ST_MAKELINE(g, ST_GEOGPOINT(1, 3)) AS line FROM ds.geo_src; SELECT id, g, line, ST_NUMPOINTS(line) AS n FROM ds.geo_ctas ORDER BY id;
[{"id": 1, "g": "POINT(1 2)", "line": "LINESTRING(1 2, 1 3)", "n": 2}, {"id": 2, "g": null, "line": null, "n": null}];

# title: view and dml over a geography table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement
CREATE OR REPLACE TABLE ds.geo_dml_src (id INT64, g GEOGRAPHY); CREATE OR REPLACE TABLE ds.geo_dml (id INT64, g GEOGRAPHY); INSERT INTO ds.geo_dml_src VALUES (1, ST_GEOGPOINT(1, 1)), (2, ST_GEOGPOINT(2, 2)), (3, NULL); INSERT INTO ds.geo_dml SELECT id, g FROM ds.geo_dml_src WHERE id = 1; UPDATE ds.geo_dml SET g = ST_GEOGPOINT(9, 9) WHERE ST_X(g) = 1; MERGE ds.geo_dml t USING ds.geo_dml_src s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, g) VALUES (s.id, s.g); CREATE OR REPLACE VIEW ds.geo_dml_v AS SELECT id, g FROM ds.geo_dml; SELECT id, g FROM ds.geo_dml_v ORDER BY id;
[{"id": 1, "g": "POINT(9 9)"}, {"id": 2, "g": "POINT(2 2)"}, {"id": 3, "g": null}];

# title: time travel and wildcard reads of geography tables
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#for_system_time_as_of
CREATE OR REPLACE TABLE ds.geo_wild_1 (g GEOGRAPHY); CREATE OR REPLACE TABLE ds.geo_wild_2 AS SELECT ST_GEOGPOINT(2, 2) AS g; INSERT INTO ds.geo_wild_1 VALUES (ST_GEOGPOINT(1, 1)); SELECT g, _TABLE_SUFFIX AS s, (SELECT ST_ASTEXT(g) FROM ds.geo_wild_1 FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP()) AS t FROM `ds.geo_wild_*` ORDER BY s;
[{"g": "POINT(1 1)", "s": "1", "t": "POINT(1 1)"}, {"g": "POINT(2 2)", "s": "2", "t": "POINT(1 1)"}];

# title: null geography results are null inside other functions
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions
SELECT ST_GEOGPOINT(NULL, 1) IS NULL AS n, ST_ASTEXT(SAFE.ST_GEOGFROMTEXT('POINT(1)')) AS t, ST_X(ST_STARTPOINT(NULL)) AS x;
[{"n": true, "t": null, "x": null}];

# title: create table as select of an invalid geography is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_statement
# error: invalidQuery
CREATE OR REPLACE TABLE ds.geo_bad AS SELECT 1 AS id, ST_GEOGFROMTEXT('POINT(1)') AS g;
ST_GeogFromText failed;

# title: geography script variable
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language#declare
DECLARE g GEOGRAPHY DEFAULT ST_GEOGPOINT(1, 2); DECLARE h GEOGRAPHY; SET h = ST_MAKELINE(g, ST_GEOGPOINT(1, 3)); SELECT g, h, ST_LENGTH(h) > 0 AS long_enough, CAST(NULL AS STRING) IS NULL AS ok;
[{"g": "POINT(1 2)", "h": "LINESTRING(1 2, 1 3)", "long_enough": true, "ok": true}];

# title: union_agg centroid_agg and extent as window functions
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions#st_union_agg
SELECT k, ST_UNION_AGG(g) OVER (PARTITION BY k) AS u, ST_EXTENT(g) OVER (PARTITION BY k ORDER BY ST_X(g)) AS e FROM UNNEST([STRUCT(1 AS k, ST_GEOGPOINT(1, 1) AS g), (1, ST_GEOGPOINT(2, 2)), (2, ST_GEOGPOINT(5, 5))]) ORDER BY k, ST_X(g);
[{"k": 1, "u": "MULTIPOINT(1 1, 2 2)", "e": {"xmin": 1.0, "ymin": 1.0, "xmax": 1.0, "ymax": 1.0}}, {"k": 1, "u": "MULTIPOINT(1 1, 2 2)", "e": {"xmin": 1.0, "ymin": 1.0, "xmax": 2.0, "ymax": 2.0}}, {"k": 2, "u": "POINT(5 5)", "e": {"xmin": 5.0, "ymin": 5.0, "xmax": 5.0, "ymax": 5.0}}];

# title: to_json_string of a geography is its wkt
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_encodings
SELECT TO_JSON_STRING(ST_GEOGPOINT(1, 2)) AS j;
[{"j": "\"POINT(1 2)\""}];
