-- Transfer 50 from ada to bob in one transaction, or change nothing; end with the SELECT the README gives.
-- waymark:begin solution solve
BEGIN;
-- Decide once, before anything changes, whether the transfer may happen.
CREATE TEMPORARY TABLE allowed AS
SELECT 1 AS yes
WHERE (SELECT balance FROM accounts WHERE name = 'ada') >= 50
  AND EXISTS (SELECT 1 FROM accounts WHERE name = 'bob');
UPDATE accounts SET balance = balance - 50
WHERE name = 'ada' AND EXISTS (SELECT 1 FROM allowed);
UPDATE accounts SET balance = balance + 50
WHERE name = 'bob' AND EXISTS (SELECT 1 FROM allowed);
INSERT INTO transfers (from_name, to_name, amount)
SELECT 'ada', 'bob', 50 FROM allowed;
DROP TABLE allowed;
COMMIT;

SELECT (SELECT balance FROM accounts WHERE name = 'ada') AS ada,
       (SELECT balance FROM accounts WHERE name = 'bob') AS bob,
       (SELECT COUNT(*) FROM transfers) AS transfers;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
