-- TPC-H Q15: top supplier (the spec's view written as a WITH clause) (DuckDB dialect; transpiled once from ../q15.sql with sqlglot, then reviewed)
WITH revenue AS (
  SELECT
    l_suppkey AS supplier_no,
    SUM(l_extendedprice * (
      1 - l_discount
    )) AS total_revenue
  FROM lineitem
  WHERE
    l_shipdate >= CAST('1996-01-01' AS DATE)
    AND l_shipdate < (
      CAST('1996-01-01' AS DATE) + INTERVAL '3' MONTH
    )
  GROUP BY
    l_suppkey
)
SELECT
  s_suppkey,
  s_name,
  s_address,
  s_phone,
  total_revenue
FROM supplier
CROSS JOIN revenue
WHERE
  s_suppkey = supplier_no
  AND total_revenue = (
    SELECT
      MAX(total_revenue)
    FROM revenue
  )
ORDER BY
  s_suppkey NULLS FIRST
