-- The fingerprint (sha256 of method, path and canonical body) of the request
-- that placed an order with an Idempotency-Key: the key sent again with a
-- different request is refused instead of answering the first order.
-- Orders placed before this column existed have NULL and replay as before.
ALTER TABLE orders ADD COLUMN request_hash TEXT;
