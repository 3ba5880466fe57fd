import express from 'express';
import { z } from 'zod';
import { authenticate } from '../auth/middleware.js';
import { fail, invalid, validate } from '../http.js';
import { canModify } from '../policy.js';
import { articleBySlug, articleJson, listArticles } from '../store/articles.js';
import * as social from '../store/social.js';
import { userByUsername } from '../store/users.js';
import { listJson, page } from './articles.js';

const comment = z.object({
  comment: z.object({
    body: z.string({ error: "can't be blank" }).trim().min(1, "can't be blank").max(10000, 'is too long'),
  }),
});

/** socialRouter: profiles and follows, the feed, favorites, comments and tags. */
export function socialRouter({ db, tokens }) {
  const router = express.Router();
  const requireUser = authenticate({ db, tokens }, { required: true });
  const optionalUser = authenticate({ db, tokens }, { required: false });

  const profile = async (req, res, change) => {
    const user = await userByUsername(db, req.params.username);
    if (!user) return fail(res, 404, 'profile not found');
    if (change && (await change(user)) === false) return undefined;
    const following = req.user ? await social.isFollowing(db, req.user.id, user.id) : false;
    res.json({ profile: { username: user.username, bio: user.bio, image: user.image, following } });
  };
  router.get('/profiles/:username', optionalUser, (req, res) => profile(req, res));
  router.post('/profiles/:username/follow', requireUser, (req, res) =>
    profile(req, res, (user) => {
      if (user.id === req.user.id) {
        invalid(res, { profile: ['you cannot follow yourself'] });
        return false;
      }
      return social.follow(db, req.user.id, user.id);
    }),
  );
  router.delete('/profiles/:username/follow', requireUser, (req, res) =>
    profile(req, res, (user) => social.unfollow(db, req.user.id, user.id)),
  );

  router.get('/articles/feed', requireUser, async (req, res) => {
    const paging = page(res, req.query);
    if (!paging) return;
    res.json(listJson(await listArticles(db, req.user.id, { feedOf: req.user.id, ...paging })));
  });

  const favorite = (change) => async (req, res) => {
    const article = await articleBySlug(db, req.user.id, req.params.slug);
    if (!article) return fail(res, 404, 'article not found');
    await change(req.user.id, article.id);
    res.json({ article: articleJson(await articleBySlug(db, req.user.id, article.slug)) });
  };
  router.post(
    '/articles/:slug/favorite',
    requireUser,
    favorite((u, a) => social.favorite(db, u, a)),
  );
  router.delete(
    '/articles/:slug/favorite',
    requireUser,
    favorite((u, a) => social.unfavorite(db, u, a)),
  );

  router.get('/articles/:slug/comments', optionalUser, async (req, res) => {
    const viewer = req.user?.id ?? 0;
    const article = await articleBySlug(db, viewer, req.params.slug);
    if (!article) return fail(res, 404, 'article not found');
    res.json({ comments: (await social.comments(db, viewer, article.id)).map(social.commentJson) });
  });

  router.post('/articles/:slug/comments', requireUser, async (req, res) => {
    const article = await articleBySlug(db, req.user.id, req.params.slug);
    if (!article) return fail(res, 404, 'article not found');
    const body = validate(res, comment, req.body);
    if (!body) return;
    const added = await social.addComment(db, article.id, req.user.id, body.comment.body);
    res.json({ comment: social.commentJson(added) });
  });

  router.delete('/articles/:slug/comments/:id', requireUser, async (req, res) => {
    const article = await articleBySlug(db, req.user.id, req.params.slug);
    const id = Number(req.params.id);
    const found = article && Number.isSafeInteger(id) && (await social.commentById(db, req.user.id, article.id, id));
    if (!found) return fail(res, 404, 'comment not found');
    if (!canModify(req.user, found.authorId)) return fail(res, 403, 'you may not delete this comment');
    await social.deleteComment(db, id);
    res.status(204).end();
  });

  router.get('/tags', async (req, res) => {
    res.json({ tags: await social.tags(db) });
  });

  return router;
}
