-- The London customers who joined in 2025, newest first: name, joined.
-- waymark:begin solution solve
SELECT name, joined
FROM customers
WHERE city = 'London'
  AND joined >= '2025-01-01'
  AND joined < '2026-01-01'
ORDER BY joined DESC;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
