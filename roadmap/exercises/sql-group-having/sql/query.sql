-- Each category that earned at least 10000 cents, largest first: category, units, revenue_cents.
-- waymark:begin solution solve
SELECT p.category,
       SUM(i.quantity) AS units,
       SUM(i.quantity * p.price_cents) AS revenue_cents
FROM order_items AS i
JOIN products AS p ON p.id = i.product_id
GROUP BY p.category
HAVING SUM(i.quantity * p.price_cents) >= 10000
ORDER BY revenue_cents DESC;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
