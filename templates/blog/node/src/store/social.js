// Follows, favorites, comments and tags.
import { iso } from '../db/sql.js';

export async function isFollowing(db, followerId, followeeId) {
  return Boolean(
    await db.get('SELECT 1 AS yes FROM follows WHERE follower_id = ? AND followee_id = ?', [followerId, followeeId]),
  );
}

export async function follow(db, followerId, followeeId) {
  await db.run('INSERT INTO follows (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
    followerId,
    followeeId,
  ]);
}

export async function unfollow(db, followerId, followeeId) {
  await db.run('DELETE FROM follows WHERE follower_id = ? AND followee_id = ?', [followerId, followeeId]);
}

/** favorite is idempotent: the primary key (user_id, article_id) counts a user once. */
export async function favorite(db, userId, articleId) {
  await db.run('INSERT INTO favorites (user_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [userId, articleId]);
}

export async function unfavorite(db, userId, articleId) {
  await db.run('DELETE FROM favorites WHERE user_id = ? AND article_id = ?', [userId, articleId]);
}

const COMMENT = `
SELECT c.id, c.body, c.created_at, c.updated_at, c.author_id, u.username, u.bio, u.image,
       EXISTS (SELECT 1 FROM follows fo WHERE fo.followee_id = c.author_id AND fo.follower_id = ?) AS following
FROM comments c JOIN users u ON u.id = c.author_id`;

const toComment = (r) =>
  r && {
    id: Number(r.id),
    authorId: Number(r.author_id),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    body: r.body,
    author: { username: r.username, bio: r.bio, image: r.image, following: Boolean(r.following) },
  };

export async function comments(db, viewerId, articleId) {
  const rows = await db.all(`${COMMENT} WHERE c.article_id = ? ORDER BY c.created_at DESC, c.id DESC`, [
    viewerId,
    articleId,
  ]);
  return rows.map(toComment);
}

export async function commentById(db, viewerId, articleId, id) {
  return toComment(await db.get(`${COMMENT} WHERE c.article_id = ? AND c.id = ?`, [viewerId, articleId, id]));
}

export async function addComment(db, articleId, authorId, body) {
  const now = new Date().toISOString();
  const { id } = await db.get(
    'INSERT INTO comments (article_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    [articleId, authorId, body, now, now],
  );
  return commentById(db, authorId, articleId, id);
}

export async function deleteComment(db, id) {
  await db.run('DELETE FROM comments WHERE id = ?', [id]);
}

/** tags lists every tag of a published article. */
export async function tags(db) {
  const rows = await db.all(
    `SELECT DISTINCT t.tag FROM article_tags t JOIN articles a ON a.id = t.article_id
     WHERE a.published = TRUE ORDER BY t.tag`,
  );
  return rows.map((r) => r.tag);
}

/** commentJson is the RealWorld comment (without the internal ids). */
export function commentJson({ authorId, ...comment }) {
  return comment;
}
