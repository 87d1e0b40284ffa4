-- TPC-H Q10: returned item reporting (DuckDB dialect; transpiled once from ../q10.sql with sqlglot, then reviewed)
SELECT
  c_custkey,
  c_name,
  SUM(l_extendedprice * (
    1 - l_discount
  )) AS revenue,
  c_acctbal,
  n_name,
  c_address,
  c_phone,
  c_comment
FROM customer
CROSS JOIN orders
CROSS JOIN lineitem
CROSS JOIN nation
WHERE
  c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate >= CAST('1993-10-01' AS DATE)
  AND o_orderdate < (
    CAST('1993-10-01' AS DATE) + INTERVAL '3' MONTH
  )
  AND l_returnflag = 'R'
  AND c_nationkey = n_nationkey
GROUP BY
  c_custkey,
  c_name,
  c_acctbal,
  c_phone,
  n_name,
  c_address,
  c_comment
ORDER BY
  revenue DESC
LIMIT 20
