-- The front page in one query, by post id: title, author, comments.
-- waymark:begin solution solve
SELECT p.title, a.name AS author, COUNT(c.id) AS comments
FROM posts AS p
JOIN authors AS a ON a.id = p.author_id
LEFT JOIN comments AS c ON c.post_id = p.id
GROUP BY p.id, p.title, a.name
ORDER BY p.id;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
