// Articles and their tags. Every public query hides unpublished articles;
// each row says, for the viewer (0: nobody), whether they favorited the
// article and follow its author.
import { iso, placeholders } from '../db/sql.js';

const SELECT = `
SELECT a.id, a.slug, a.title, a.description, a.body, a.created_at, a.updated_at, a.author_id,
       u.username, u.bio, u.image,
       (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favorites_count,
       EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = ?) AS favorited,
       EXISTS (SELECT 1 FROM follows fo WHERE fo.followee_id = a.author_id AND fo.follower_id = ?) AS following
FROM articles a JOIN users u ON u.id = a.author_id`;

/** slugify: lower-case words of the title joined by "-". */
export function slugify(title) {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** uniqueSlug returns slugify(title), with -2, -3 ... when another article has it. */
async function uniqueSlug(db, title, exceptId = 0) {
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await db.get('SELECT 1 AS taken FROM articles WHERE slug = ? AND id <> ?', [slug, exceptId]))) return slug;
  }
}

/**
 * listArticles answers { articles, count } for the filters: tag, author,
 * favorited (a username), feedOf (a user id: only authors they follow).
 */
export async function listArticles(db, viewerId, { tag, author, favorited, feedOf, limit = 20, offset = 0 }) {
  const where = ['a.published = TRUE'];
  const params = [];
  if (tag) {
    where.push('EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?)');
    params.push(tag);
  }
  if (author) {
    where.push('u.username = ?');
    params.push(author);
  }
  if (favorited) {
    where.push(
      'EXISTS (SELECT 1 FROM favorites f JOIN users fu ON fu.id = f.user_id WHERE f.article_id = a.id AND fu.username = ?)',
    );
    params.push(favorited);
  }
  if (feedOf) {
    // From the caller's follows to their authors' articles: SQLite reads only
    // those (articles_author_idx), where an EXISTS per article would walk
    // every article newest first until the page is full.
    where.push('a.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ?)');
    params.push(feedOf);
  }
  const filter = ` WHERE ${where.join(' AND ')}`;
  const { count } = await db.get(
    `SELECT COUNT(*) AS count FROM articles a JOIN users u ON u.id = a.author_id${filter}`,
    params,
  );
  const rows = await db.all(`${SELECT}${filter} ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?`, [
    viewerId,
    viewerId,
    ...params,
    limit,
    offset,
  ]);
  return { articles: await withTags(db, rows), count: Number(count) };
}

/** articleBySlug returns the published article, or undefined. */
export async function articleBySlug(db, viewerId, slug) {
  const row = await db.get(`${SELECT} WHERE a.slug = ? AND a.published = TRUE`, [viewerId, viewerId, slug]);
  return row && (await withTags(db, [row]))[0];
}

export async function createArticle(db, authorId, { title, description, body, tagList = [] }) {
  const now = new Date().toISOString();
  const slug = await db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, title);
    const { id } = await tx.get(
      `INSERT INTO articles (slug, author_id, title, description, body, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [slug, authorId, title, description, body, now, now],
    );
    await setTags(tx, id, tagList);
    return slug;
  });
  return articleBySlug(db, authorId, slug);
}

/** updateArticle changes the fields given; a new title makes a new slug. */
export async function updateArticle(db, viewerId, article, fields) {
  const slug = await db.transaction(async (tx) => {
    const next = { ...article, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    const slug =
      fields.title !== undefined && fields.title !== article.title
        ? await uniqueSlug(tx, fields.title, article.id)
        : article.slug;
    await tx.run('UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = ? WHERE id = ?', [
      slug,
      next.title,
      next.description,
      next.body,
      new Date().toISOString(),
      article.id,
    ]);
    if (fields.tagList !== undefined) await setTags(tx, article.id, fields.tagList);
    return slug;
  });
  return articleBySlug(db, viewerId, slug);
}

export async function deleteArticle(db, id) {
  await db.run('DELETE FROM articles WHERE id = ?', [id]);
}

async function setTags(tx, articleId, tags) {
  await tx.run('DELETE FROM article_tags WHERE article_id = ?', [articleId]);
  const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  for (const [position, tag] of unique.entries()) {
    await tx.run('INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)', [articleId, tag, position]);
  }
}

async function withTags(db, rows) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const tags = await db.all(
    `SELECT article_id, tag FROM article_tags WHERE article_id IN (${placeholders(ids.length)}) ORDER BY article_id, tag`,
    ids,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    authorId: Number(r.author_id),
    slug: r.slug,
    title: r.title,
    description: r.description,
    body: r.body,
    tagList: tags.filter((t) => Number(t.article_id) === Number(r.id)).map((t) => t.tag),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    favorited: Boolean(r.favorited),
    favoritesCount: Number(r.favorites_count),
    author: { username: r.username, bio: r.bio, image: r.image, following: Boolean(r.following) },
  }));
}

/** articleJson is the RealWorld article (without the internal ids). */
export function articleJson({ id, authorId, ...article }) {
  return article;
}
