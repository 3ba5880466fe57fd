import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { slugify } from '../src/store/articles.js';
import { dialects, errorFields, signUp, testApp } from './helpers.js';

describe('slugify', () => {
  it('joins the lower-case words of the title', () => {
    assert.equal(slugify('How to Train Your Dragon!'), 'how-to-train-your-dragon');
    assert.equal(slugify('<script>alert(1)</script> x'), 'script-alert-1-script-x');
    assert.equal(slugify('???'), 'article');
  });
});

for (const dialect of dialects()) {
  describe(`articles (${dialect})`, () => {
    let t, ann, bob;
    const post = (who, article) => t.api.post('/api/articles').set('Authorization', who.auth).send({ article });
    before(async () => {
      t = await testApp(dialect);
      ann = await signUp(t.api, 'ann');
      bob = await signUp(t.api, 'bob');
    });
    after(() => t.close());

    it('creates an article with a slug, tags and times', async () => {
      const res = await post(ann, { title: 'Hello World', description: 'd', body: 'b', tagList: ['y', 'x'] }).expect(
        201,
      );
      const a = res.body.article;
      assert.equal(a.slug, 'hello-world');
      assert.deepEqual(a.tagList, ['x', 'y']);
      assert.match(a.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(a.favoritesCount, 0);
      assert.equal(a.author.username, ann.user.username);
      const again = await post(ann, { title: 'Hello world', description: 'd', body: 'b' }).expect(201);
      assert.equal(again.body.article.slug, 'hello-world-2');
    });

    it('validates and needs a token', async () => {
      const malformed = await t.api
        .post('/api/articles')
        .set('Authorization', ann.auth)
        .set('Content-Type', 'application/json')
        .send('{"article":')
        .expect(422);
      assert.equal(malformed.body.errors.body.length, 1);
      await post(ann, { title: 7, description: 'd', body: 'b' }).expect(422);
      const notUtf8 = await t.api.get('/api/articles/%ff').expect(422);
      assert.deepEqual(errorFields(notUtf8.body), ['path']);
      const res = await post(ann, { description: 'd', body: 'b' }).expect(422);
      assert.ok(errorFields(res.body).includes('title'));
      await t.api
        .post('/api/articles')
        .send({ article: { title: 't', description: 'd', body: 'b' } })
        .expect(401);
    });

    it('lists newest first with a count, filters and pages', async () => {
      const all = await t.api.get(`/api/articles?author=${ann.user.username}`).expect(200);
      assert.equal(all.body.articlesCount, 2);
      assert.equal(all.body.articles[0].slug, 'hello-world-2');
      const paged = await t.api.get(`/api/articles?author=${ann.user.username}&limit=1&offset=1`).expect(200);
      assert.equal(paged.body.articles.length, 1);
      assert.equal(paged.body.articles[0].slug, 'hello-world');
      const tagged = await t.api.get('/api/articles?tag=y').expect(200);
      assert.equal(tagged.body.articlesCount, 1);
    });

    it("refuses to change someone else's article", async () => {
      await t.api
        .put('/api/articles/hello-world')
        .set('Authorization', bob.auth)
        .send({ article: { body: 'x' } })
        .expect(403);
      await t.api.delete('/api/articles/hello-world').set('Authorization', bob.auth).expect(403);
    });

    it('updates (a new title, a new slug) and deletes', async () => {
      const res = await t.api
        .put('/api/articles/hello-world')
        .set('Authorization', ann.auth)
        .send({ article: { title: 'Renamed', body: 'new', tagList: ['zig', 'c'] } })
        .expect(200);
      assert.equal(res.body.article.slug, 'renamed');
      assert.equal(res.body.article.description, 'd');
      assert.deepEqual(res.body.article.tagList, ['c', 'zig']);
      const kept = await t.api
        .put('/api/articles/renamed')
        .set('Authorization', ann.auth)
        .send({ article: { description: 'e' } })
        .expect(200);
      assert.deepEqual(kept.body.article.tagList, ['c', 'zig']);
      await t.api.delete('/api/articles/renamed').set('Authorization', ann.auth).expect(204);
      await t.api.get('/api/articles/renamed').expect(404);
    });
  });
}
