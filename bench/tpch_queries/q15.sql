-- TPC-H Q15: top supplier (the spec's view written as a WITH clause)
WITH revenue AS (
  SELECT l_suppkey AS supplier_no, SUM(l_extendedprice * (1 - l_discount)) AS total_revenue
  FROM `tpch.lineitem`
  WHERE l_shipdate >= DATE '1996-01-01'
    AND l_shipdate < DATE_ADD(DATE '1996-01-01', INTERVAL 3 MONTH)
  GROUP BY l_suppkey
)
SELECT s_suppkey, s_name, s_address, s_phone, total_revenue
FROM `tpch.supplier`, revenue
WHERE s_suppkey = supplier_no
  AND total_revenue = (SELECT MAX(total_revenue) FROM revenue)
ORDER BY s_suppkey
