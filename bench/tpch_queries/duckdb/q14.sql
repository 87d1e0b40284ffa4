-- TPC-H Q14: promotion effect (DuckDB dialect; transpiled once from ../q14.sql with sqlglot, then reviewed)
SELECT
  100.00 * SUM(
    CASE
      WHEN p_type LIKE 'PROMO%'
      THEN l_extendedprice * (
        1 - l_discount
      )
      ELSE 0
    END
  ) / SUM(l_extendedprice * (
    1 - l_discount
  )) AS promo_revenue
FROM lineitem
CROSS JOIN part
WHERE
  l_partkey = p_partkey
  AND l_shipdate >= CAST('1995-09-01' AS DATE)
  AND l_shipdate < (
    CAST('1995-09-01' AS DATE) + INTERVAL '1' MONTH
  )
