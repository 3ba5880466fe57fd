import express from 'express';
import { z } from 'zod';
import { authenticate } from '../auth/middleware.js';
import { fail, invalid, validate } from '../http.js';
import { canModify, canPublish } from '../policy.js';
import {
  articleBySlug,
  articleJson,
  createArticle,
  deleteArticle,
  listArticles,
  updateArticle,
} from '../store/articles.js';

const blank = "can't be blank";
const text = () => z.string({ error: (i) => (i.input === undefined ? blank : 'must be a string') });
const tagList = z.array(z.string().trim().max(50, 'has a tag that is too long'), {
  error: 'must be a list of strings',
});
const fields = {
  title: text().trim().min(1, blank).max(200, 'is too long'),
  description: text().trim().min(1, blank),
  body: text().min(1, blank),
};
const creation = z.object({ article: z.object({ ...fields, tagList: tagList.default([]) }) });
const update = z.object({
  article: z.object({
    title: fields.title.optional(),
    description: fields.description.optional(),
    body: fields.body.optional(),
    tagList: tagList.optional(),
  }),
});

// MAX_OFFSET bounds offset: no reader pages that far, and a bound keeps
// every value the database sees an ordinary number.
const MAX_OFFSET = 1_000_000;

/**
 * page reads limit (default 20, 1 to 100) and offset (default 0, 0 to
 * MAX_OFFSET) from the query string. It returns { limit, offset }, or
 * answers 422 naming the bad ones and returns undefined.
 */
export function page(res, query) {
  const errors = {};
  const int = (name, fallback, min, max) => {
    const v = query[name];
    if (v === undefined || v === '') return fallback;
    const n = typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : NaN;
    if (!(n >= min && n <= max)) errors[name] = [`must be a number from ${min} to ${max}`];
    return n;
  };
  const limit = int('limit', 20, 1, 100);
  const offset = int('offset', 0, 0, MAX_OFFSET);
  if (Object.keys(errors).length > 0) return void invalid(res, errors);
  return { limit, offset };
}

/** listJson is {"articles": [...], "articlesCount": n}; lists leave out the bodies. */
export function listJson({ articles, count }) {
  return { articles: articles.map(({ body, ...a }) => articleJson(a)), articlesCount: count };
}

/** articlesRouter: GET/POST /api/articles, GET/PUT/DELETE /api/articles/:slug. */
export function articlesRouter({ db, tokens }) {
  const router = express.Router();
  const requireUser = authenticate({ db, tokens }, { required: true });
  const optionalUser = authenticate({ db, tokens }, { required: false });
  const viewer = (req) => req.user?.id ?? 0;

  router.get('/articles', optionalUser, async (req, res) => {
    const paging = page(res, req.query);
    if (!paging) return;
    const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    const { tag, author, favorited } = req.query;
    const filters = { tag: str(tag), author: str(author), favorited: str(favorited), ...paging };
    res.json(listJson(await listArticles(db, viewer(req), filters)));
  });

  router.post('/articles', requireUser, async (req, res) => {
    if (!canPublish(req.user)) return fail(res, 403, 'readers may not publish articles');
    const body = validate(res, creation, req.body);
    if (!body) return;
    const article = await createArticle(db, req.user.id, body.article);
    res.status(201).json({ article: articleJson(article) });
  });

  router.get('/articles/:slug', optionalUser, async (req, res) => {
    const article = await articleBySlug(db, viewer(req), req.params.slug);
    if (!article) return fail(res, 404, 'article not found');
    res.json({ article: articleJson(article) });
  });

  router.put('/articles/:slug', requireUser, async (req, res) => {
    const article = await articleBySlug(db, req.user.id, req.params.slug);
    if (!article) return fail(res, 404, 'article not found');
    if (!canModify(req.user, article.authorId)) return fail(res, 403, 'you may not edit this article');
    const body = validate(res, update, req.body);
    if (!body) return;
    res.json({ article: articleJson(await updateArticle(db, req.user.id, article, body.article)) });
  });

  router.delete('/articles/:slug', requireUser, async (req, res) => {
    const article = await articleBySlug(db, req.user.id, req.params.slug);
    if (!article) return fail(res, 404, 'article not found');
    if (!canModify(req.user, article.authorId)) return fail(res, 403, 'you may not delete this article');
    await deleteArticle(db, article.id);
    res.status(204).end();
  });

  return router;
}
