-- NUMERIC arithmetic keeps NUMERIC: products and quotients rounded half away from zero to 9 places,
-- overflow beyond 10^29 is an error (NULL for SAFE_), DIV truncates, AVG of NUMERIC is NUMERIC.
-- The type shows in the value: a BIGNUMERIC or FLOAT64 result would keep more digits.

# title: multiply rounds to nine places
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '1.123456789' * NUMERIC '1.123456789' AS v;
[{"v": "1.262155157"}];

# title: multiply beyond duckdb's decimal range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '10000000000' * NUMERIC '100' * NUMERIC '100' AS v;
[{"v": "100000000000000"}];

# title: multiply exact
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT CAST('1.5' AS NUMERIC) * CAST('1.5' AS NUMERIC) AS v;
[{"v": "2.25"}];

-- NUMERIC '0.0000000005' is itself rounded to 0.000000001 (conversion rules: STRING to NUMERIC).
# title: multiply negative literal rounded first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
SELECT -NUMERIC '1.5' * NUMERIC '0.0000000005' AS v;
[{"v": "-0.000000002"}];

# title: multiply positive tie rounds away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
SELECT NUMERIC '0.5' * NUMERIC '0.000000001' AS v;
[{"v": "0.000000001"}];

# title: multiply negative tie rounds away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
SELECT NUMERIC '-0.5' * NUMERIC '0.000000003' AS v;
[{"v": "-0.000000002"}];

# title: multiply below half a unit rounds to zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
SELECT NUMERIC '0.4' * NUMERIC '0.000000001' AS v;
[{"v": "0"}];

# title: multiply large tie exact
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '123456789012345.123456789' * NUMERIC '1000.5' AS v;
[{"v": "123518517406851296.018517395"}];

# title: multiply nested large product
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT (NUMERIC '1000000000000000' * NUMERIC '10000000000') * NUMERIC '1.5' AS v;
[{"v": "15000000000000000000000000"}];

# title: multiply an operand that may raise rounds the same
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT [NUMERIC '1.5'][OFFSET(0)] * NUMERIC '1.123456789' AS v;
[{"v": "1.685185184"}];

# title: multiply overflow is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT NUMERIC '100000000000000000000' * NUMERIC '1000000000' AS v;
numeric overflow;

# title: multiply null operand
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '1.5' * CAST(NULL AS NUMERIC) AS v;
[{"v": null}];

# title: int64 times numeric is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 3 * NUMERIC '1.123456789' AS v;
[{"v": "3.370370367"}];

# title: numeric times float64 is float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '1.5' * 0.1 AS v;
[{"v": 0.15000000000000002}];

# title: divide is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '1' / NUMERIC '3' AS v;
[{"v": "0.333333333"}];

# title: divide rounds half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '-2' / NUMERIC '3' AS v;
[{"v": "-0.666666667"}];

# title: divide ties round away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '0.000000001' / 2 AS a, NUMERIC '-0.000000001' / 2 AS b, NUMERIC '0.000000003' / 2 AS c;
[{"a": "0.000000001", "b": "-0.000000001", "c": "0.000000002"}];

# title: divide beyond what a double resolves
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT NUMERIC '12345678901234567890.123456789' / NUMERIC '7' AS v;
[{"v": "1763668414462081127.160493827"}];

# title: int64 divided by numeric is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 1 / NUMERIC '8' AS v;
[{"v": "0.125"}];

# title: numeric divided by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT NUMERIC '7' / NUMERIC '0' AS v;
division by zero;

# title: divide overflow is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT NUMERIC '100000000000000000000' / NUMERIC '0.000000001' AS v;
numeric overflow;

# title: div numeric truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(NUMERIC '7', NUMERIC '2') AS a, DIV(NUMERIC '-7', NUMERIC '2') AS b;
[{"a": "3", "b": "-3"}];

# title: div numeric by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
# error: invalidQuery
SELECT DIV(NUMERIC '7', NUMERIC '0') AS v;
division by zero;

# title: safe_multiply numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_multiply
SELECT SAFE_MULTIPLY(NUMERIC '1.123456789', NUMERIC '1.123456789') AS v;
[{"v": "1.262155157"}];

# title: safe_multiply numeric overflow is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_multiply
SELECT SAFE_MULTIPLY(NUMERIC '100000000000000000000', NUMERIC '1000000000') AS v;
[{"v": null}];

# title: safe_divide numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide
SELECT SAFE_DIVIDE(NUMERIC '1', NUMERIC '3') AS a, SAFE_DIVIDE(NUMERIC '1', NUMERIC '0') AS b;
[{"a": "0.333333333", "b": null}];

# title: safe_add of a numeric product
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_add
SELECT SAFE_ADD(NUMERIC '1.123456789' * NUMERIC '1.123456789', 1) AS v;
[{"v": "2.262155157"}];

# title: avg of numeric is numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS v FROM UNNEST([NUMERIC '1', NUMERIC '1', NUMERIC '2']) AS x;
[{"v": "1.333333333"}];

# title: avg of numeric over a window
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) OVER () AS v FROM UNNEST([NUMERIC '1', NUMERIC '2']) AS x;
[{"v": "1.5"}, {"v": "1.5"}];

# title: avg of no numeric rows is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT AVG(x) AS v FROM UNNEST(ARRAY<NUMERIC>[]) AS x;
[{"v": null}];

-- Column operands: the types come from the table's schema in the catalog.

# title: numeric table setup
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
CREATE OR REPLACE TABLE ds.numeric_arith AS SELECT * FROM UNNEST([STRUCT(NUMERIC '1.123456789' AS a, NUMERIC '1.123456789' AS b, 3 AS i, 0.5 AS f), (NUMERIC '2', NULL, 4, 0.25)]);
[];

# title: column times column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT a * b AS v FROM ds.numeric_arith ORDER BY i;
[{"v": "1.262155157"}, {"v": null}];

# title: column expressions keep numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT a * i AS ai, a / i AS q, a * f AS af, DIV(a, NUMERIC '0.5') AS d FROM ds.numeric_arith ORDER BY i;
[{"ai": "3.370370367", "q": "0.374485596", "af": 0.5617283945, "d": "2"}, {"ai": "8", "q": "0.5", "af": 0.5, "d": "4"}];

# title: sum and avg of a numeric column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
SELECT SUM(a * b) AS s, SUM(a) AS t, AVG(a) AS m FROM ds.numeric_arith;
[{"s": "1.262155157", "t": "3.123456789", "m": "1.561728395"}];

-- Many rows through the fast path (and its exact fallback for ties and large products); the
-- expected sums add up each row rounded half away from zero (Python's decimal module).

# title: many products and quotients round exactly
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT SUM(a * b) AS small, SUM(big_a * big_b) AS big, SUM(a / (i + 6)) AS q FROM (SELECT IF(MOD(i, 2) = 0, 1, -1) * (i * NUMERIC '1.000000001') AS a, NUMERIC '0.5' + i * NUMERIC '0.000000007' AS b, i * NUMERIC '123456789.123456789' AS big_a, NUMERIC '1.000000001' + i * NUMERIC '0.000000003' AS big_b, i FROM UNNEST(GENERATE_ARRAY(1, 3000)) AS i);
[{"small": "750.0315105", "big": "555744071795139.643606398", "q": "0.457885247"}];
