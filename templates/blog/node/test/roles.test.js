import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { ensureAdmin } from '../src/store/roles.js';
import { dialects, signUp, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`roles (${dialect})`, () => {
    let t, admin, ann, ed, rea, slug;
    const setRole = (who, username, role) =>
      t.api.put(`/api/admin/users/${username}/role`).set('Authorization', who.auth).send({ role });
    before(async () => {
      t = await testApp(dialect);
      const passwordHash = () => bcrypt.hash('admin-password-1', 4);
      assert.equal(await ensureAdmin(t.db, { email: 'admin@blog.test', username: 'admin', passwordHash }), 'created');
      assert.equal(await ensureAdmin(t.db, { email: 'admin@blog.test', username: 'admin', passwordHash }), 'unchanged');
      const login = await t.api
        .post('/api/users/login')
        .send({ user: { email: 'admin@blog.test', password: 'admin-password-1' } });
      admin = { auth: `Token ${login.body.user.token}`, role: login.body.user.role };
      [ann, ed, rea] = [await signUp(t.api, 'ann'), await signUp(t.api, 'ed'), await signUp(t.api, 'rea')];
      const res = await t.api
        .post('/api/articles')
        .set('Authorization', ann.auth)
        .send({ article: { title: 'Roles', description: 'd', body: 'original' } });
      slug = res.body.article.slug;
    });
    after(() => t.close());

    it('creates the first admin, and promotes an existing user', async () => {
      assert.equal(admin.role, 'admin');
      const result = await ensureAdmin(t.db, {
        email: ann.user.email,
        username: 'x',
        passwordHash: () => assert.fail('an existing user keeps their password'),
      });
      assert.equal(result, 'promoted');
      await setRole(admin, ann.user.username, 'author').expect(200);
    });

    it('lets only admins change roles, to a known role', async () => {
      const refused = await setRole(ann, ed.user.username, 'editor').expect(403);
      assert.ok(refused.body.errors);
      const bad = await setRole(admin, ed.user.username, 'overlord').expect(422);
      assert.ok(bad.body.errors.role);
      await setRole(admin, 'nobody-at-all', 'editor').expect(404);
      const res = await setRole(admin, ed.user.username, 'editor').expect(200);
      assert.deepEqual(res.body.profile.role, 'editor');
      // Tokens issued before the change carry the new role at once.
      const me = await t.api.get('/api/user').set('Authorization', ed.auth).expect(200);
      assert.equal(me.body.user.role, 'editor');
    });

    it('lets editors change any article and comment', async () => {
      const res = await t.api
        .put(`/api/articles/${slug}`)
        .set('Authorization', ed.auth)
        .send({ article: { body: 'edited' } })
        .expect(200);
      assert.equal(res.body.article.author.username, ann.user.username);
      await setRole(admin, rea.user.username, 'reader').expect(200);
      const c = await t.api
        .post(`/api/articles/${slug}/comments`)
        .set('Authorization', rea.auth)
        .send({ comment: { body: 'hm' } })
        .expect(200);
      await t.api
        .delete(`/api/articles/${slug}/comments/${c.body.comment.id}`)
        .set('Authorization', ed.auth)
        .expect(204);
      await t.api.delete(`/api/articles/${slug}`).set('Authorization', ed.auth).expect(204);
    });

    it('keeps readers from publishing', async () => {
      const res = await t.api
        .post('/api/articles')
        .set('Authorization', rea.auth)
        .send({ article: { title: 'Sneaky', description: 'd', body: 'b' } })
        .expect(403);
      assert.ok(res.body.errors);
    });
  });
}
