-- ABS SIGN

# title: abs positive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(25) AS v;
[{"v": 25}];

# title: abs negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(-25) AS v;
[{"v": 25}];

# title: abs infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: abs float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(-2.5) AS v;
[{"v": 2.5}];

# title: abs numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(NUMERIC '-1.5') AS v;
[{"v": "1.5"}];

# title: abs null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
SELECT ABS(NULL) AS v;
[{"v": null}];

# title: abs int64 min overflows
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#abs
# error: invalidQuery
SELECT ABS(-9223372036854775808) AS v;
-9223372036854775808;

# title: sign positive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(25) AS v;
[{"v": 1}];

# title: sign zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(0) AS v;
[{"v": 0}];

# title: sign negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(-25) AS v;
[{"v": -1}];

# title: sign nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(CAST('nan' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: sign float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(-0.5) AS v;
[{"v": -1.0}];

# title: sign infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(CAST('inf' AS FLOAT64)) AS v;
[{"v": 1.0}];

# title: sign null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
SELECT SIGN(NULL) AS v;
[{"v": null}];

-- ROUND TRUNC CEIL FLOOR

# title: round 2.0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(2.0) AS v;
[{"v": 2.0}];

# title: round 2.3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(2.3) AS v;
[{"v": 2.0}];

# title: round 2.8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(2.8) AS v;
[{"v": 3.0}];

# title: round 2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(2.5) AS v;
[{"v": 3.0}];

# title: round -2.3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(-2.3) AS v;
[{"v": -2.0}];

# title: round -2.8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(-2.8) AS v;
[{"v": -3.0}];

# title: round -2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(-2.5) AS v;
[{"v": -3.0}];

# title: round 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(0) AS v;
[{"v": 0}];

# title: round infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: round nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(CAST('nan' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: round 123.7 to -1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(123.7, -1) AS v;
[{"v": 120.0}];

# title: round 1.235 to 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(1.235, 2) AS v;
[{"v": 1.24}];

# title: round numeric half away from zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '2.5') AS a, ROUND(NUMERIC '-2.5') AS b;
[{"a": "3", "b": "-3"}];

# title: round numeric digits
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '1.235', 2) AS v;
[{"v": "1.24"}];

# title: round numeric half even 2.25
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '2.25', 1, 'ROUND_HALF_EVEN') AS v;
[{"v": "2.2"}];

# title: round numeric half even 2.35
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '2.35', 1, 'ROUND_HALF_EVEN') AS v;
[{"v": "2.4"}];

# title: round numeric half even 2.251
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '2.251', 1, 'ROUND_HALF_EVEN') AS v;
[{"v": "2.3"}];

# title: round numeric half even -2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '-2.5', 0, 'ROUND_HALF_EVEN') AS v;
[{"v": "-2"}];

# title: round numeric half away explicit
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '2.5', 0, 'ROUND_HALF_AWAY_FROM_ZERO') AS v;
[{"v": "3"}];

# title: round numeric half away explicit negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NUMERIC '-2.5', 0, 'ROUND_HALF_AWAY_FROM_ZERO') AS v;
[{"v": "-3"}];

# title: round null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
SELECT ROUND(NULL) AS v;
[{"v": null}];

# title: trunc 2.8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(2.8) AS v;
[{"v": 2.0}];

# title: trunc 2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(2.5) AS v;
[{"v": 2.0}];

# title: trunc -2.8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(-2.8) AS v;
[{"v": -2.0}];

# title: trunc -2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(-2.5) AS v;
[{"v": -2.0}];

# title: trunc digits
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(123.456, 2) AS v;
[{"v": 123.45}];

# title: trunc negative digits
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(123.7, -1) AS v;
[{"v": 120.0}];

# title: trunc infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#trunc
SELECT TRUNC(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "-Infinity"}];

# title: ceil 2.0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceil
SELECT CEIL(2.0) AS v;
[{"v": 2.0}];

# title: ceil 2.3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceil
SELECT CEIL(2.3) AS v;
[{"v": 3.0}];

# title: ceil 2.8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceil
SELECT CEIL(2.8) AS v;
[{"v": 3.0}];

# title: ceil -2.3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceil
SELECT CEIL(-2.3) AS v;
[{"v": -2.0}];

# title: ceil -2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceil
SELECT CEIL(-2.5) AS v;
[{"v": -2.0}];

# title: ceiling synonym
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceiling
SELECT CEILING(2.5) AS v;
[{"v": 3.0}];

# title: ceil nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ceil
SELECT CEIL(CAST('nan' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: floor 2.3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(2.3) AS v;
[{"v": 2.0}];

# title: floor 2.8
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(2.8) AS v;
[{"v": 2.0}];

# title: floor -2.3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(-2.3) AS v;
[{"v": -3.0}];

# title: floor -2.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(-2.5) AS v;
[{"v": -3.0}];

# title: floor infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: floor numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#floor
SELECT FLOOR(NUMERIC '-1.5') AS v;
[{"v": "-2"}];

-- DIV MOD and division

# title: div 20 4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(20, 4) AS v;
[{"v": 5}];

# title: div 12 -7 truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(12, -7) AS v;
[{"v": -1}];

# title: div 20 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(20, 3) AS v;
[{"v": 6}];

# title: div 0 20
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(0, 20) AS v;
[{"v": 0}];

# title: div -7 2 truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(-7, 2) AS v;
[{"v": -3}];

# title: div by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
# error: invalidQuery
SELECT DIV(20, 0) AS v;
division by zero;

# title: div numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div
SELECT DIV(NUMERIC '7.5', NUMERIC '2') AS v;
[{"v": "3"}];

# title: mod 25 12
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
SELECT MOD(25, 12) AS v;
[{"v": 1}];

# title: mod by zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
# error: invalidQuery
SELECT MOD(25, 0) AS v;
division by zero;

# title: mod negative dividend
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
SELECT MOD(-25, 12) AS v;
[{"v": -1}];

# title: mod negative divisor
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
SELECT MOD(25, -12) AS v;
[{"v": 1}];

# title: mod numeric
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
SELECT MOD(NUMERIC '7.5', NUMERIC '2') AS v;
[{"v": "1.5"}];

# title: division returns float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 5 / 2 AS v;
[{"v": 2.5}];

# title: division negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT -7 / 2 AS v;
[{"v": -3.5}];

# title: division by zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT 1 / 0 AS v;
division by zero;

# title: float division by zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT 1.5 / 0 AS v;
division by zero;

# title: safe_divide 20 4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide
SELECT SAFE_DIVIDE(20, 4) AS v;
[{"v": 5.0}];

# title: safe_divide 0 20
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide
SELECT SAFE_DIVIDE(0, 20) AS v;
[{"v": 0.0}];

# title: safe_divide by zero is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide
SELECT SAFE_DIVIDE(20, 0) AS v;
[{"v": null}];

# title: safe_divide null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide
SELECT SAFE_DIVIDE(NULL, 2) AS v;
[{"v": null}];

# title: ieee_divide 20 4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(20.0, 4.0) AS v;
[{"v": 5.0}];

# title: ieee_divide 0 25
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(0.0, 25.0) AS v;
[{"v": 0.0}];

# title: ieee_divide 25 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(25.0, 0.0) AS v;
[{"v": "Infinity"}];

# title: ieee_divide -25 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(-25.0, 0.0) AS v;
[{"v": "-Infinity"}];

# title: ieee_divide 0 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(0.0, 0.0) AS v;
[{"v": "NaN"}];

# title: ieee_divide nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ieee_divide
SELECT IEEE_DIVIDE(CAST('nan' AS FLOAT64), 1.0) AS v;
[{"v": "NaN"}];

-- SAFE_ arithmetic

# title: safe_add
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_add
SELECT SAFE_ADD(5, 4) AS v;
[{"v": 9}];

# title: safe_add overflow is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_add
SELECT SAFE_ADD(9223372036854775807, 1) AS v;
[{"v": null}];

# title: safe_add float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_add
SELECT SAFE_ADD(1.5, 2.5) AS v;
[{"v": 4.0}];

# title: safe_add null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_add
SELECT SAFE_ADD(NULL, 1) AS v;
[{"v": null}];

# title: safe_subtract
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_subtract
SELECT SAFE_SUBTRACT(5, 4) AS v;
[{"v": 1}];

# title: safe_subtract overflow is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_subtract
SELECT SAFE_SUBTRACT(-9223372036854775807, 2) AS v;
[{"v": null}];

# title: safe_multiply
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_multiply
SELECT SAFE_MULTIPLY(20, 4) AS v;
[{"v": 80}];

# title: safe_multiply overflow is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_multiply
SELECT SAFE_MULTIPLY(9223372036854775807, 2) AS v;
[{"v": null}];

# title: safe_negate positive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_negate
SELECT SAFE_NEGATE(1) AS v;
[{"v": -1}];

# title: safe_negate negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_negate
SELECT SAFE_NEGATE(-1) AS v;
[{"v": 1}];

# title: safe_negate zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_negate
SELECT SAFE_NEGATE(0) AS v;
[{"v": 0}];

# title: safe_negate int64 min is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_negate
SELECT SAFE_NEGATE(-9223372036854775808) AS v;
[{"v": null}];

# title: safe_negate float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_negate
SELECT SAFE_NEGATE(2.5) AS v;
[{"v": -2.5}];

-- INT64 overflow

# title: int64 addition overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT 9223372036854775807 + 1 AS v;
9223372036854775807 + 1;

# title: int64 subtraction overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT -9223372036854775807 - 2 AS v;
-9223372036854775807 - 2;

# title: int64 multiplication overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT 4611686018427387904 * 2 AS v;
4611686018427387904 * 2;

# title: int64 column addition overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT x + 1 AS v FROM UNNEST([9223372036854775807]) AS x;
9223372036854775807 + 1;

# title: int64 max literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 9223372036854775807 AS v;
[{"v": 9223372036854775807}];

# title: int64 min literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT -9223372036854775808 AS v;
[{"v": -9223372036854775808}];

# title: int64 addition near max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 9223372036854775806 + 1 AS v;
[{"v": 9223372036854775807}];

# title: int64 arithmetic stays int64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
SELECT 2147483647 + 1 AS v;
[{"v": 2147483648}];

# title: int64 negation overflow
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
# error: invalidQuery
SELECT -x AS v FROM UNNEST([-9223372036854775808]) AS x;
verflow;

# title: float overflow is infinity free error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
# error: invalidQuery
# notimpl: DuckDB DOUBLE arithmetic overflows to Infinity instead of raising an error
SELECT 1e308 * 10 AS v;
overflow;

-- POW SQRT EXP LN LOG

# title: pow 2 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(2.0, 3.0) AS v;
[{"v": 8.0}];

# title: power synonym
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#power
SELECT POWER(2, 10) AS v;
[{"v": 1024.0}];

# title: pow 1 to nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(1.0, CAST('nan' AS FLOAT64)) AS v;
[{"v": 1.0}];

# title: pow nan to 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(CAST('nan' AS FLOAT64), 0) AS v;
[{"v": 1.0}];

# title: pow -1 to infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(-1.0, CAST('inf' AS FLOAT64)) AS v;
[{"v": 1.0}];

# title: pow small to -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(0.5, CAST('-inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: pow big to -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(2.0, CAST('-inf' AS FLOAT64)) AS v;
[{"v": 0.0}];

# title: pow small to infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(0.5, CAST('inf' AS FLOAT64)) AS v;
[{"v": 0.0}];

# title: pow big to infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(2.0, CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: pow -infinity to negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(CAST('-inf' AS FLOAT64), -1.0) AS v;
[{"v": -0.0}];

# title: pow -infinity to odd
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(CAST('-inf' AS FLOAT64), 3.0) AS v;
[{"v": "-Infinity"}];

# title: pow -infinity to even
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(CAST('-inf' AS FLOAT64), 2.0) AS v;
[{"v": "Infinity"}];

# title: pow infinity to negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(CAST('inf' AS FLOAT64), -1.0) AS v;
[{"v": 0.0}];

# title: pow infinity to positive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(CAST('inf' AS FLOAT64), 2.0) AS v;
[{"v": "Infinity"}];

# title: pow negative base fractional exponent error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
# error: invalidQuery
SELECT POW(-2.0, 0.5) AS v;
Floating point error in function: POW;

# title: pow zero to negative error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
# error: invalidQuery
SELECT POW(0.0, -1.0) AS v;
Floating point error in function: POW;

# title: pow overflow error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
# error: invalidQuery
SELECT POW(10.0, 400.0) AS v;
overflow;

# title: pow negative base integer exponent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow
SELECT POW(-2.0, 3.0) AS v;
[{"v": -8.0}];

# title: sqrt 25
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sqrt
SELECT SQRT(25.0) AS v;
[{"v": 5.0}];

# title: sqrt infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sqrt
SELECT SQRT(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: sqrt negative error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sqrt
# error: invalidQuery
SELECT SQRT(-1.0) AS v;
SQRT;

# title: sqrt int
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sqrt
SELECT SQRT(16) AS v;
[{"v": 4.0}];

# title: cbrt 27
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cbrt
SELECT CBRT(27) AS v;
[{"v": 3.0000000000000004}];

# title: cbrt negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cbrt
SELECT CBRT(-8.0) AS v;
[{"v": -2.0}];

# title: exp 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#exp
SELECT EXP(0.0) AS v;
[{"v": 1.0}];

# title: exp infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#exp
SELECT EXP(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: exp -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#exp
SELECT EXP(CAST('-inf' AS FLOAT64)) AS v;
[{"v": 0.0}];

# title: exp overflow error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#exp
# error: invalidQuery
SELECT EXP(1000.0) AS v;
overflow;

# title: ln 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ln
SELECT LN(1.0) AS v;
[{"v": 0.0}];

# title: ln infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ln
SELECT LN(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: ln zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ln
# error: invalidQuery
SELECT LN(0.0) AS v;
Floating point error in function: LN;

# title: ln negative error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#ln
# error: invalidQuery
SELECT LN(-1.0) AS v;
Floating point error in function: LN;

# title: log one argument is ln
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(1.0) AS v;
[{"v": 0.0}];

# title: log 100 base 10
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(100, 10) AS v;
[{"v": 2.0}];

# title: log 8 base 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(8, 2) AS v;
[{"v": 3.0}];

# title: log -infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(CAST('-inf' AS FLOAT64), 2) AS v;
[{"v": "NaN"}];

# title: log nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(CAST('nan' AS FLOAT64), 2) AS v;
[{"v": "NaN"}];

# title: log infinity base below one
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(CAST('inf' AS FLOAT64), 0.5) AS v;
[{"v": "-Infinity"}];

# title: log infinity base above one
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
SELECT LOG(CAST('inf' AS FLOAT64), 2) AS v;
[{"v": "Infinity"}];

# title: log base one error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
# error: invalidQuery
SELECT LOG(10, 1.0) AS v;
Floating point error in function: LOG;

# title: log base zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
# error: invalidQuery
SELECT LOG(10, 0) AS v;
Floating point error in function: LOG;

# title: log negative error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
# error: invalidQuery
SELECT LOG(-10, 2) AS v;
Floating point error in function: LOG;

# title: log10 100
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log10
SELECT LOG10(100.0) AS v;
[{"v": 2.0}];

# title: log10 -infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log10
SELECT LOG10(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: log10 infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log10
SELECT LOG10(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: log10 zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log10
# error: invalidQuery
SELECT LOG10(0.0) AS v;
Floating point error in function: LOG10;

-- GREATEST LEAST IS_INF IS_NAN

# title: greatest
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST(3, 5, 1) AS v;
[{"v": 5}];

# title: greatest strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST('apples', 'oranges', 'bananas') AS v;
[{"v": "oranges"}];

# title: greatest null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST(1, NULL, 3) AS v;
[{"v": null}];

# title: greatest nan is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST(1.0, CAST('nan' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: greatest mixed int float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST(1, 2.5) AS v;
[{"v": 2.5}];

# title: greatest dates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
SELECT GREATEST(DATE '2024-01-01', DATE '2023-01-01') AS v;
[{"v": "2024-01-01"}];

# title: least
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#least
SELECT LEAST(3, 5, 1) AS v;
[{"v": 1}];

# title: least strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#least
SELECT LEAST('apples', 'oranges', 'bananas') AS v;
[{"v": "apples"}];

# title: least null is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#least
SELECT LEAST(1, NULL) AS v;
[{"v": null}];

# title: least nan is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#least
SELECT LEAST(1.0, CAST('nan' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: least column nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#least
SELECT LEAST(x, 0.0) AS v FROM UNNEST([CAST('nan' AS FLOAT64)]) AS x;
[{"v": "NaN"}];

# title: is_inf
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#is_inf
SELECT IS_INF(CAST('inf' AS FLOAT64)) AS a, IS_INF(CAST('-inf' AS FLOAT64)) AS b, IS_INF(25) AS c;
[{"a": true, "b": true, "c": false}];

# title: is_inf null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#is_inf
SELECT IS_INF(NULL) AS v;
[{"v": null}];

# title: is_nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#is_nan
SELECT IS_NAN(CAST('nan' AS FLOAT64)) AS a, IS_NAN(25) AS b;
[{"a": true, "b": false}];

# title: is_nan null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#is_nan
SELECT IS_NAN(NULL) AS v;
[{"v": null}];

-- RAND RANGE_BUCKET distances

# title: rand in range
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#rand
SELECT LOGICAL_AND(r >= 0 AND r < 1) AS v FROM (SELECT RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 100)));
[{"v": true}];

# title: rand is float64
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#rand
SELECT RAND() IS NOT NULL AS v;
[{"v": true}];

# title: range_bucket 20
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(20, [0, 10, 20, 30, 40]) AS v;
[{"v": 3}];

# title: range_bucket 25
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(25, [0, 10, 20, 30, 40]) AS v;
[{"v": 3}];

# title: range_bucket below first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(-10, [5, 10, 20, 30, 40]) AS v;
[{"v": 0}];

# title: range_bucket above last
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(80, [0, 10, 20, 30, 40]) AS v;
[{"v": 5}];

# title: range_bucket empty array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(80, CAST([] AS ARRAY<INT64>)) AS v;
[{"v": 0}];

# title: range_bucket null point
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(NULL, [0, 10, 20, 30, 40]) AS v;
[{"v": null}];

# title: range_bucket repeated boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(20, [0, 10, 20, 20, 30]) AS v;
[{"v": 4}];

# title: range_bucket unsorted error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
# error: invalidQuery
SELECT RANGE_BUCKET(20, [30, 10]) AS v;
RANGE_BUCKET;

# title: range_bucket null element error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
# error: invalidQuery
SELECT RANGE_BUCKET(20, [10, NULL]) AS v;
RANGE_BUCKET;

# title: range_bucket floats
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(2.5, [1.0, 2.0, 3.0]) AS v;
[{"v": 2}];

# title: range_bucket ages
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket
SELECT RANGE_BUCKET(age, [10, 20, 30]) AS v FROM UNNEST([25]) AS age;
[{"v": 2}];

# title: cosine_distance
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cosine_distance
# notimpl: DuckDB's cosine distance differs from BigQuery's in the last digits
SELECT COSINE_DISTANCE([1.0, 2.0], [3.0, 4.0]) AS v;
[{"v": 0.01613008990009246}];

# title: cosine_distance orthogonal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cosine_distance
SELECT COSINE_DISTANCE([1.0, 0.0], [0.0, 1.0]) AS v;
[{"v": 1.0}];

# title: cosine_distance length mismatch error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cosine_distance
# error: invalidQuery
SELECT COSINE_DISTANCE([1.0, 2.0], [3.0]) AS v;
COSINE_DISTANCE;

# title: euclidean_distance
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#euclidean_distance
SELECT EUCLIDEAN_DISTANCE([1.0, 2.0], [3.0, 4.0]) AS v;
[{"v": 2.8284271247461903}];

# title: euclidean_distance 3-4-5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#euclidean_distance
SELECT EUCLIDEAN_DISTANCE([0.0, 0.0], [3.0, 4.0]) AS v;
[{"v": 5.0}];

# title: euclidean_distance length mismatch error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#euclidean_distance
# error: invalidQuery
SELECT EUCLIDEAN_DISTANCE([1.0], [3.0, 4.0]) AS v;
EUCLIDEAN_DISTANCE;

-- trigonometric and hyperbolic

# title: cos 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cos
SELECT COS(0.0) AS v;
[{"v": 1.0}];

# title: cos infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cos
SELECT COS(CAST('inf' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: cos nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cos
SELECT COS(CAST('nan' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: sin 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sin
SELECT SIN(0.0) AS v;
[{"v": 0.0}];

# title: sin -infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sin
SELECT SIN(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: tan 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#tan
SELECT TAN(0.0) AS v;
[{"v": 0.0}];

# title: tan infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#tan
SELECT TAN(CAST('inf' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: acos 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acos
SELECT ACOS(1.0) AS v;
[{"v": 0.0}];

# title: acos -1 is pi
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acos
SELECT ACOS(-1.0) AS v;
[{"v": 3.141592653589793}];

# title: acos out of range error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acos
# error: invalidQuery
SELECT ACOS(2.0) AS v;
ACOS;

# title: asin 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#asin
SELECT ASIN(1.0) AS v;
[{"v": 1.5707963267948966}];

# title: asin out of range error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#asin
# error: invalidQuery
SELECT ASIN(-2.0) AS v;
ASIN;

# title: atan infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan
SELECT ATAN(CAST('inf' AS FLOAT64)) AS v;
[{"v": 1.5707963267948966}];

# title: atan -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan
SELECT ATAN(CAST('-inf' AS FLOAT64)) AS v;
[{"v": -1.5707963267948966}];

# title: atan 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan
SELECT ATAN(1.0) AS v;
[{"v": 0.7853981633974483}];

# title: atan2 zero zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan2
SELECT ATAN2(0.0, 0.0) AS v;
[{"v": 0.0}];

# title: atan2 1 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan2
SELECT ATAN2(1.0, 0.0) AS v;
[{"v": 1.5707963267948966}];

# title: atan2 0 -1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan2
SELECT ATAN2(0.0, -1.0) AS v;
[{"v": 3.141592653589793}];

# title: atan2 1 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atan2
SELECT ATAN2(1.0, 1.0) AS v;
[{"v": 0.7853981633974483}];

# title: cosh 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cosh
SELECT COSH(0.0) AS v;
[{"v": 1.0}];

# title: cosh infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cosh
SELECT COSH(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: sinh 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sinh
SELECT SINH(0.0) AS v;
[{"v": 0.0}];

# title: sinh -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sinh
SELECT SINH(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "-Infinity"}];

# title: tanh infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#tanh
SELECT TANH(CAST('inf' AS FLOAT64)) AS v;
[{"v": 1.0}];

# title: tanh -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#tanh
SELECT TANH(CAST('-inf' AS FLOAT64)) AS v;
[{"v": -1.0}];

# title: acosh 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acosh
SELECT ACOSH(1.0) AS v;
[{"v": 0.0}];

# title: acosh infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acosh
SELECT ACOSH(CAST('inf' AS FLOAT64)) AS v;
[{"v": "Infinity"}];

# title: acosh below one error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acosh
# error: invalidQuery
SELECT ACOSH(0.5) AS v;
ACOSH;

# title: asinh 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#asinh
SELECT ASINH(0.0) AS v;
[{"v": 0.0}];

# title: asinh -infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#asinh
SELECT ASINH(CAST('-inf' AS FLOAT64)) AS v;
[{"v": "-Infinity"}];

# title: atanh 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atanh
SELECT ATANH(0.0) AS v;
[{"v": 0.0}];

# title: atanh out of range error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#atanh
# error: invalidQuery
SELECT ATANH(2.0) AS v;
ATANH;

# title: cot 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cot
SELECT COT(1) AS v;
[{"v": 0.6420926159343306}];

# title: cot zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cot
# error: invalidQuery
SELECT COT(0) AS v;
COT;

# title: cot infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cot
SELECT COT(CAST('inf' AS FLOAT64)) AS v;
[{"v": "NaN"}];

# title: csc is reciprocal of sin
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#csc
SELECT CSC(100) = 1 / SIN(100) AS v;
[{"v": true}];

# title: csc zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#csc
# error: invalidQuery
SELECT CSC(0) AS v;
CSC;

# title: sec zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sec
SELECT SEC(0) AS v;
[{"v": 1.0}];

# title: sec is reciprocal of cos
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sec
SELECT SEC(100) = 1 / COS(100) AS v;
[{"v": true}];

# title: coth 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#coth
SELECT COTH(1) AS v;
[{"v": 1.3130352854993312}];

# title: coth zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#coth
# error: invalidQuery
SELECT COTH(0) AS v;
COTH;

# title: coth infinity
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#coth
SELECT COTH(CAST('inf' AS FLOAT64)) AS v;
[{"v": 1.0}];

# title: csch 0.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#csch
SELECT CSCH(0.5) AS v;
[{"v": 1.9190347513349437}];

# title: csch zero error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#csch
# error: invalidQuery
SELECT CSCH(0) AS v;
CSCH;

# title: sech 0.5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sech
SELECT SECH(0.5) AS v;
[{"v": 0.8868188839700739}];

# title: sech zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sech
SELECT SECH(0) AS v;
[{"v": 1.0}];

-- floating point semantics

# title: nan equals nan is false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
# notimpl: DuckDB treats NaN as equal to NaN and larger than every number
SELECT CAST('nan' AS FLOAT64) = CAST('nan' AS FLOAT64) AS v;
[{"v": false}];

# title: nan is not less than a number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT CAST('nan' AS FLOAT64) < 1.0 AS v;
[{"v": false}];

# title: nan sorts first ascending after null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT ARRAY_AGG(CAST(x AS STRING) ORDER BY x) AS v FROM UNNEST([1.0, CAST('nan' AS FLOAT64), CAST('-inf' AS FLOAT64), CAST('inf' AS FLOAT64)]) AS x;
[{"v": ["nan", "-inf", "1", "inf"]}];

# title: order by with nan and null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT CAST(x AS STRING) AS v FROM UNNEST([2.0, CAST('nan' AS FLOAT64), NULL]) AS x ORDER BY x;
[{"v": null}, {"v": "nan"}, {"v": "2"}];

# title: order by desc puts nan last before null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT CAST(x AS STRING) AS v FROM UNNEST([2.0, CAST('nan' AS FLOAT64), CAST('-inf' AS FLOAT64)]) AS x ORDER BY x DESC;
[{"v": "2"}, {"v": "-inf"}, {"v": "nan"}];

# title: infinity greater than max float
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT CAST('inf' AS FLOAT64) > 1.7976931348623157e308 AS v;
[{"v": true}];

# title: negative zero equals zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT -0.0 = 0.0 AS v;
[{"v": true}];

# title: infinity minus infinity is nan
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT IS_NAN(CAST('inf' AS FLOAT64) - CAST('inf' AS FLOAT64)) AS v;
[{"v": true}];

# title: max float64 literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
SELECT 1.7976931348623157e308 AS v;
[{"v": 1.7976931348623157e+308}];

# title: int64 minimum literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#integer_literals
SELECT -9223372036854775808 AS v, -9223372036854775808 + 1 AS w;
[{"v": -9223372036854775808, "w": -9223372036854775807}];
