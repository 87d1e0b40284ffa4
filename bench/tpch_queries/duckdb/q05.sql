-- TPC-H Q5: local supplier volume (DuckDB dialect; transpiled once from ../q05.sql with sqlglot, then reviewed)
SELECT
  n_name,
  SUM(l_extendedprice * (
    1 - l_discount
  )) AS revenue
FROM customer
CROSS JOIN orders
CROSS JOIN lineitem
CROSS JOIN supplier
CROSS JOIN nation
CROSS JOIN region
WHERE
  c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND l_suppkey = s_suppkey
  AND c_nationkey = s_nationkey
  AND s_nationkey = n_nationkey
  AND n_regionkey = r_regionkey
  AND r_name = 'ASIA'
  AND o_orderdate >= CAST('1994-01-01' AS DATE)
  AND o_orderdate < (
    CAST('1994-01-01' AS DATE) + INTERVAL '1' YEAR
  )
GROUP BY
  n_name
ORDER BY
  revenue DESC
