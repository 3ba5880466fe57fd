-- The top two products of each category by units sold, ties sharing a place: category, product, units, place.
-- waymark:begin solution solve
WITH sold AS (
  SELECT p.category, p.name AS product, SUM(i.quantity) AS units
  FROM order_items AS i
  JOIN products AS p ON p.id = i.product_id
  GROUP BY p.id, p.category, p.name
),
ranked AS (
  SELECT category, product, units,
         RANK() OVER (PARTITION BY category ORDER BY units DESC) AS place
  FROM sold
)
SELECT category, product, units, place
FROM ranked
WHERE place <= 2;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
