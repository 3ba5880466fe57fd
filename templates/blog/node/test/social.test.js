import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, errorFields, signUp, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`social (${dialect})`, () => {
    let t, writer, other, fan, slug;
    before(async () => {
      t = await testApp(dialect);
      [writer, other, fan] = [await signUp(t.api, 'w'), await signUp(t.api, 'o'), await signUp(t.api, 'f')];
      const res = await t.api
        .post('/api/articles')
        .set('Authorization', writer.auth)
        .send({ article: { title: 'Followed', description: 'd', body: 'b', tagList: ['dragons'] } });
      slug = res.body.article.slug;
      await t.api
        .post('/api/articles')
        .set('Authorization', other.auth)
        .send({ article: { title: 'Not followed', description: 'd', body: 'b' } });
    });
    after(() => t.close());

    it('follows, and the feed holds only followed authors', async () => {
      const missing = await t.api.get('/api/profiles/nobody-here').expect(404);
      assert.deepEqual(missing.body, { errors: { body: ['profile not found'] } });
      const self = await t.api
        .post(`/api/profiles/${fan.user.username}/follow`)
        .set('Authorization', fan.auth)
        .expect(422);
      assert.deepEqual(errorFields(self.body), ['profile']);
      const res = await t.api
        .post(`/api/profiles/${writer.user.username}/follow`)
        .set('Authorization', fan.auth)
        .expect(200);
      assert.equal(res.body.profile.following, true);
      const feed = await t.api.get('/api/articles/feed').set('Authorization', fan.auth).expect(200);
      assert.deepEqual(
        feed.body.articles.map((a) => a.slug),
        [slug],
      );
      assert.equal(feed.body.articles[0].author.following, true);
      await t.api.delete(`/api/profiles/${writer.user.username}/follow`).set('Authorization', fan.auth).expect(200);
      const empty = await t.api.get('/api/articles/feed').set('Authorization', fan.auth).expect(200);
      assert.equal(empty.body.articlesCount, 0);
    });

    it('counts a favorite once per user', async () => {
      const fav = () => t.api.post(`/api/articles/${slug}/favorite`).set('Authorization', fan.auth).expect(200);
      await fav();
      const twice = await fav();
      assert.equal(twice.body.article.favoritesCount, 1);
      const list = await t.api.get(`/api/articles?favorited=${fan.user.username}`).expect(200);
      assert.equal(list.body.articlesCount, 1);
      const un = await t.api.delete(`/api/articles/${slug}/favorite`).set('Authorization', fan.auth).expect(200);
      assert.equal(un.body.article.favorited, false);
      assert.equal(un.body.article.favoritesCount, 0);
    });

    it('adds, lists and deletes comments; only their author may delete them', async () => {
      const res = await t.api
        .post(`/api/articles/${slug}/comments`)
        .set('Authorization', fan.auth)
        .send({ comment: { body: 'Great' } })
        .expect(200);
      const id = res.body.comment.id;
      assert.equal(typeof id, 'number');
      const list = await t.api.get(`/api/articles/${slug}/comments`).expect(200);
      assert.equal(list.body.comments[0].id, id);
      await t.api.delete(`/api/articles/${slug}/comments/${id}`).set('Authorization', other.auth).expect(403);
      await t.api.delete(`/api/articles/${slug}/comments/${id}`).set('Authorization', fan.auth).expect(204);
      const gone = await t.api.get(`/api/articles/${slug}/comments`).expect(200);
      assert.equal(gone.body.comments.length, 0);
    });

    it('lists the tags in use', async () => {
      const res = await t.api.get('/api/tags').expect(200);
      assert.ok(res.body.tags.includes('dragons'));
    });
  });
}
