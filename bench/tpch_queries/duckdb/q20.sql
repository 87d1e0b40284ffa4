-- TPC-H Q20: potential part promotion (DuckDB dialect; transpiled once from ../q20.sql with sqlglot, then reviewed)
SELECT
  s_name,
  s_address
FROM supplier
CROSS JOIN nation
WHERE
  s_suppkey IN (
    SELECT
      ps_suppkey
    FROM partsupp
    WHERE
      ps_partkey IN (
        SELECT
          p_partkey
        FROM part
        WHERE
          p_name LIKE 'forest%'
      )
      AND ps_availqty > (
        SELECT
          0.5 * SUM(l_quantity)
        FROM lineitem
        WHERE
          l_partkey = ps_partkey
          AND l_suppkey = ps_suppkey
          AND l_shipdate >= CAST('1994-01-01' AS DATE)
          AND l_shipdate < (
            CAST('1994-01-01' AS DATE) + INTERVAL '1' YEAR
          )
      )
  )
  AND s_nationkey = n_nationkey
  AND n_name = 'CANADA'
ORDER BY
  s_name NULLS FIRST
