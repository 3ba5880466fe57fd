// What the dashboard reads and changes: sessions, counts and the lists of
// users, articles (unpublished ones too) and comments.
import { iso } from '../db/sql.js';
import { userById } from './users.js';

/** createSession stores a session by the SHA-256 of its cookie value, with its CSRF token. */
export async function createSession(db, { tokenHash, userId, csrf, expiresAt }) {
  await db.run(
    'INSERT INTO admin_sessions (token_hash, user_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
    [tokenHash, userId, csrf, expiresAt.toISOString(), new Date().toISOString()],
  );
}

/** sessionByHash returns { user, csrf } for a live session, or undefined. */
export async function sessionByHash(db, tokenHash, now = new Date()) {
  const row = await db.get('SELECT user_id, csrf_token, expires_at FROM admin_sessions WHERE token_hash = ?', [
    tokenHash,
  ]);
  if (!row || new Date(row.expires_at) <= now) return undefined;
  const user = await userById(db, Number(row.user_id));
  return user && { user, csrf: row.csrf_token };
}

export async function deleteSession(db, tokenHash) {
  await db.run('DELETE FROM admin_sessions WHERE token_hash = ?', [tokenHash]);
}

export async function counts(db) {
  const count = async (sql) => Number((await db.get(sql)).n);
  return {
    users: await count('SELECT COUNT(*) AS n FROM users'),
    articles: await count('SELECT COUNT(*) AS n FROM articles'),
    unpublished: await count('SELECT COUNT(*) AS n FROM articles WHERE published = FALSE'),
    comments: await count('SELECT COUNT(*) AS n FROM comments'),
  };
}

export async function users(db) {
  return db.all('SELECT username, email, role FROM users ORDER BY username LIMIT 500');
}

export async function articles(db) {
  const rows = await db.all(
    `SELECT a.slug, a.title, a.published, a.created_at, u.username AS author
     FROM articles a JOIN users u ON u.id = a.author_id ORDER BY a.created_at DESC, a.id DESC LIMIT 200`,
  );
  return rows.map((r) => ({ ...r, published: Boolean(r.published), created_at: iso(r.created_at) }));
}

export async function comments(db) {
  const rows = await db.all(
    `SELECT c.id, c.body, c.created_at, u.username AS author, a.title AS article
     FROM comments c JOIN users u ON u.id = c.author_id JOIN articles a ON a.id = c.article_id
     ORDER BY c.created_at DESC, c.id DESC LIMIT 200`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), created_at: iso(r.created_at) }));
}

/** setPublished reports whether the article exists. */
export async function setPublished(db, slug, published) {
  const sql = `UPDATE articles SET published = ${published ? 'TRUE' : 'FALSE'} WHERE slug = ?`;
  return (await db.run(sql, [slug])).changes > 0;
}

export async function deleteArticleBySlug(db, slug) {
  return (await db.run('DELETE FROM articles WHERE slug = ?', [slug])).changes > 0;
}

export async function deleteCommentById(db, id) {
  return (await db.run('DELETE FROM comments WHERE id = ?', [id])).changes > 0;
}
