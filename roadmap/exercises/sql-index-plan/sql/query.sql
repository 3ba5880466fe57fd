-- An index for the query below, then its plan: CREATE INDEX orders_customer_id_ordered_at …; EXPLAIN QUERY PLAN SELECT …
-- waymark:begin solution solve
CREATE INDEX orders_customer_id_ordered_at ON orders (customer_id, ordered_at);
EXPLAIN QUERY PLAN
SELECT id, ordered_at FROM orders WHERE customer_id = 42 ORDER BY ordered_at DESC;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
