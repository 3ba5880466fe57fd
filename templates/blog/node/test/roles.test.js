import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { ensureFirstAdmin } from '../src/first-admin.js';
import { ensureAdmin } from '../src/store/roles.js';
import { dialects, errorFields, signUp, TEST_SECRET, testApp } from './helpers.js';

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
    const idOf = async (username) => (await t.db.get('SELECT id FROM users WHERE username = ?', [username])).id;

    it('creates the first admin, and never promotes an existing non-admin', async () => {
      assert.equal(admin.role, 'admin');
      const result = await ensureAdmin(t.db, {
        email: ann.user.email,
        username: 'x',
        passwordHash: () => assert.fail('an existing user keeps their password'),
      });
      assert.equal(result, 'refused');
      const me = await t.api.get('/api/user').set('Authorization', ann.auth).expect(200);
      assert.equal(me.body.user.role, 'author');
    });

    it('lets nobody demote themselves', async () => {
      const res = await setRole(admin, 'admin', 'reader').expect(422);
      assert.deepEqual(errorFields(res.body), ['role']);
      const me = await t.api.get('/api/user').set('Authorization', admin.auth).expect(200);
      assert.equal(me.body.user.role, 'admin');
    });

    it('reads the role from the database, never from the token', async () => {
      const eve = await signUp(t.api, 'eve'); // a token issued while eve is an author
      const bob = await signUp(t.api, 'bob');
      await setRole(admin, eve.user.username, 'admin').expect(200);
      await setRole(eve, bob.user.username, 'editor').expect(200);
      await setRole(admin, eve.user.username, 'author').expect(200);
      await setRole(eve, bob.user.username, 'reader').expect(403);
      const claimed = jwt.sign({ ...jwt.decode(eve.token), role: 'admin' }, TEST_SECRET, { algorithm: 'HS256' });
      await setRole({ auth: `Token ${claimed}` }, bob.user.username, 'reader').expect(403);
    });

    it("answers 401 to a deleted user's token, for reads and writes", async () => {
      const gone = await signUp(t.api, 'gone');
      await t.db.run('DELETE FROM users WHERE id = ?', [await idOf(gone.user.username)]);
      await t.api.get('/api/user').set('Authorization', gone.auth).expect(401);
      await t.api
        .put('/api/user')
        .set('Authorization', gone.auth)
        .send({ user: { bio: 'x' } })
        .expect(401);
      await t.api
        .post('/api/articles')
        .set('Authorization', gone.auth)
        .send({ article: { title: 't', description: 'd', body: 'b' } })
        .expect(401);
    });

    it('lets only admins change roles, to a known role', async () => {
      const refused = await setRole(ann, ed.user.username, 'editor').expect(403);
      assert.ok(refused.body.errors);
      const bad = await setRole(admin, ed.user.username, 'overlord').expect(422);
      assert.deepEqual(errorFields(bad.body), ['role']);
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

/** capturingLogger keeps every line it is given. */
function capturingLogger() {
  const lines = [];
  const log = {};
  for (const level of ['debug', 'info', 'warn', 'error'])
    log[level] = (msg, fields = {}) => lines.push({ level, msg, ...fields });
  return { log, lines };
}

for (const dialect of dialects()) {
  describe(`the first admin (${dialect})`, () => {
    const config = {
      adminEmail: 'admin@blog.test',
      adminPassword: 'admin-password-1',
      adminUsername: 'admin',
      bcryptCost: 4,
    };
    let t;
    before(async () => (t = await testApp(dialect)));
    after(() => t.close());
    const login = (email, password) => t.api.post('/api/users/login').send({ user: { email, password } });

    // Someone registers the admin's address before the operator sets
    // ADMIN_EMAIL: the next start must not hand them the admin role.
    it('refuses to promote an account someone else registered with ADMIN_EMAIL, and says what to do', async () => {
      await t.api
        .post('/api/users')
        .send({ user: { username: 'squatter', email: 'admin@blog.test', password: 'squatters-password' } })
        .expect(201);
      const { log, lines } = capturingLogger();
      for (let i = 0; i < 2; i++) assert.equal(await ensureFirstAdmin({ db: t.db, config, log }), 'refused');
      const res = await login('admin@blog.test', 'squatters-password').expect(200);
      assert.equal(res.body.user.role, 'author');
      await login('admin@blog.test', 'admin-password-1').expect(401);
      const warning = lines.find((l) => l.level === 'error');
      assert.ok(warning, JSON.stringify(lines));
      assert.match(warning.msg, /ADMIN_EMAIL/);
      assert.match(warning.msg, /not promoted/);
    });

    it('creates the admin with a suffix when someone has the username', async () => {
      const other = await testApp(dialect);
      try {
        await signUp(other.api, 'x'); // any user
        await other.api
          .post('/api/users')
          .send({ user: { username: 'admin', email: 'not-the-admin@example.com', password: 'correct-horse-42' } })
          .expect(201);
        const { log } = capturingLogger();
        assert.equal(await ensureFirstAdmin({ db: other.db, config, log }), 'created');
        const res = await other.api
          .post('/api/users/login')
          .send({ user: { email: 'admin@blog.test', password: 'admin-password-1' } })
          .expect(200);
        assert.equal(res.body.user.role, 'admin');
        assert.match(res.body.user.username, /^admin-/);
      } finally {
        await other.close();
      }
    });
  });
}
