import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { escape, html } from '../src/admin/views.js';
import { ensureAdmin } from '../src/store/roles.js';
import { dialects, signUp, testApp } from './helpers.js';

describe('html', () => {
  it('escapes what it interpolates, but not nested html', () => {
    assert.equal(escape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(html`<p>${'<b>'}${html`<i>${'&'}</i>`}</p>`.text, '<p>&lt;b&gt;<i>&amp;</i></p>');
  });
});

const cookieOf = (res) => res.headers['set-cookie'][0].split(';')[0];

for (const dialect of dialects()) {
  describe(`admin dashboard (${dialect})`, () => {
    let t, ann, slug, commentId;

    /** startLogin answers { cookie, csrf } of a fresh login form. */
    const startLogin = async () => {
      const res = await t.api.get('/admin/login').expect(200).expect('Content-Type', /html/);
      assert.match(res.text, /name="csrf_token"/);
      assert.match(res.headers['set-cookie'][0], /HttpOnly/);
      return { cookie: cookieOf(res), csrf: res.headers['x-csrf-token'] };
    };
    const login = (form, fields) =>
      t.api
        .post('/admin/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ csrf_token: form.csrf, ...fields });
    /** signIn answers { cookie, csrf } of an admin session. */
    const signIn = async (email, password) => {
      const res = await login(await startLogin(), { email, password }).expect(303);
      assert.equal(res.headers['set-cookie'].length, 1);
      assert.match(res.headers['set-cookie'][0], /HttpOnly/);
      assert.match(res.headers['set-cookie'][0], /SameSite=Lax/i);
      const cookie = cookieOf(res);
      const page = await t.api.get('/admin').set('Cookie', cookie).expect(200);
      assert.match(page.text, /Overview/);
      return { cookie, csrf: page.headers['x-csrf-token'] };
    };

    before(async () => {
      t = await testApp(dialect);
      const passwordHash = () => bcrypt.hash('admin-password-1', 4);
      await ensureAdmin(t.db, { email: 'admin@blog.test', username: 'admin', passwordHash });
      ann = await signUp(t.api, 'ann');
      const res = await t.api
        .post('/api/articles')
        .set('Authorization', ann.auth)
        .send({ article: { title: '<script>alert(1)</script> x', description: 'd', body: 'b' } });
      slug = res.body.article.slug;
      const c = await t.api
        .post(`/api/articles/${slug}/comments`)
        .set('Authorization', ann.auth)
        .send({ comment: { body: 'first!' } });
      commentId = c.body.comment.id;
    });
    after(() => t.close());

    it('sends strangers to the login page', async () => {
      const res = await t.api.get('/admin').expect(303);
      assert.equal(res.headers.location, '/admin/login');
    });

    it('refuses a login without the token, with a wrong password, and for a non-admin', async () => {
      const form = await startLogin();
      await t.api
        .post('/admin/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ email: 'admin@blog.test', password: 'admin-password-1' })
        .expect(403);
      const wrong = await login(form, { email: 'admin@blog.test', password: 'wrong' }).expect(401);
      assert.equal(wrong.headers['set-cookie'], undefined);
      const author = await login(form, { email: ann.user.email, password: 'correct-horse-42' }).expect(403);
      assert.equal(author.headers['set-cookie'], undefined);
    });

    it('escapes, moderates with the CSRF token and refuses without it', async () => {
      const s = await signIn('admin@blog.test', 'admin-password-1');
      const page = await t.api.get('/admin/articles').set('Cookie', s.cookie).expect(200);
      assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; x/);
      assert.doesNotMatch(page.text, /<script>alert/);

      const unpublish = t.api.post(`/admin/articles/${slug}/unpublish`).set('Cookie', s.cookie).type('form');
      await unpublish.send({ csrf_token: 'wrong' }).expect(403);
      await t.api.get(`/api/articles/${slug}`).expect(200);
      await t.api
        .post(`/admin/articles/${slug}/unpublish`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ csrf_token: s.csrf })
        .expect(303);
      await t.api.get(`/api/articles/${slug}`).expect(404);
      const list = await t.api.get(`/api/articles?author=${ann.user.username}`).expect(200);
      assert.equal(list.body.articlesCount, 0);
      await t.api
        .post(`/admin/articles/${slug}/publish`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ csrf_token: s.csrf })
        .expect(303);
      await t.api.get(`/api/articles/${slug}`).expect(200);

      const comments = await t.api.get('/admin/comments').set('Cookie', s.cookie).expect(200);
      assert.match(comments.text, /first!/);
      await t.api
        .post(`/admin/comments/${commentId}/delete`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ csrf_token: s.csrf })
        .expect(303);
    });

    it('changes roles, checks the role on every request, and signs out', async () => {
      const s = await signIn('admin@blog.test', 'admin-password-1');
      const role = (r) => t.api.post(`/admin/users/${ann.user.username}/role`).set('Cookie', s.cookie).type('form');
      await role().send({ csrf_token: s.csrf, role: 'overlord' }).expect(422);
      await role().send({ csrf_token: s.csrf, role: 'admin' }).expect(303);
      const annSession = await signIn(ann.user.email, 'correct-horse-42');
      await role().send({ csrf_token: s.csrf, role: 'reader' }).expect(303);
      await t.api.get('/admin').set('Cookie', annSession.cookie).expect(403);
      const me = await t.api.get('/api/user').set('Authorization', ann.auth).expect(200);
      assert.equal(me.body.user.role, 'reader');

      await t.api.post('/admin/logout').set('Cookie', s.cookie).type('form').send({ csrf_token: s.csrf }).expect(303);
      await t.api.get('/admin').set('Cookie', s.cookie).expect(303);
    });

    it('lets no admin demote themselves', async () => {
      const s = await signIn('admin@blog.test', 'admin-password-1');
      await t.api
        .post('/admin/users/admin/role')
        .set('Cookie', s.cookie)
        .type('form')
        .send({ csrf_token: s.csrf, role: 'reader' })
        .expect(422);
      await t.api.get('/admin').set('Cookie', s.cookie).expect(200);
    });
  });

  describe(`dashboard sessions and limits (${dialect})`, () => {
    let t;
    const admin = { email: 'admin@blog.test', password: 'admin-password-1' };
    before(async () => {
      t = await testApp(dialect, { config: { trustProxy: true } });
      const passwordHash = () => bcrypt.hash(admin.password, 4);
      await ensureAdmin(t.db, { email: admin.email, username: 'admin', passwordHash });
    });
    after(() => t.close());

    const login = async (email, password, from = '127.0.0.1') => {
      const form = await t.api.get('/admin/login').set('X-Forwarded-For', from).expect(200);
      return t.api
        .post('/admin/login')
        .set('X-Forwarded-For', from)
        .set('Cookie', cookieOf(form))
        .type('form')
        .send({ csrf_token: form.headers['x-csrf-token'], email, password });
    };

    it('shares the login limit with the API', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await login(admin.email, 'a-wrong-guess', '198.51.100.7')).status, 401);
      const limited = await login(admin.email, admin.password, '198.51.100.7');
      assert.equal(limited.status, 429);
      assert.match(limited.headers['retry-after'], /^[1-9]\d*$/);
      assert.equal(limited.headers['set-cookie'], undefined);
      const api = await t.api
        .post('/api/users/login')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({ user: admin })
        .expect(429);
      assert.ok(api.headers['retry-after']);
      assert.equal((await login(admin.email, admin.password, '203.0.113.9')).status, 303);
    });

    const signIn = async (email, password) => {
      const res = await login(email, password);
      assert.equal(res.status, 303, res.text);
      return cookieOf(res);
    };

    it('ends the sessions of a user who changes the password', async () => {
      const session = await signIn(admin.email, admin.password);
      await t.api.get('/admin').set('Cookie', session).expect(200);
      const token = (await t.api.post('/api/users/login').send({ user: admin }).expect(200)).body.user.token;
      await t.api
        .put('/api/user')
        .set('Authorization', `Token ${token}`)
        .send({ user: { password: 'a-new-admin-password', currentPassword: admin.password } })
        .expect(200);
      const after = await t.api.get('/admin').set('Cookie', session).expect(303);
      assert.equal(after.headers.location, '/admin/login');
      admin.password = 'a-new-admin-password';
    });

    it('ends the session of a deleted admin', async () => {
      await t.api
        .post('/api/users')
        .send({ user: { username: 'second', email: 'second@blog.test', password: 'correct-horse-42' } })
        .expect(201);
      await t.db.run("UPDATE users SET role = 'admin' WHERE username = 'second'");
      const session = await signIn('second@blog.test', 'correct-horse-42');
      await t.api.get('/admin').set('Cookie', session).expect(200);
      await t.db.run("DELETE FROM users WHERE username = 'second'");
      await t.api.get('/admin').set('Cookie', session).expect(303);
    });
  });
}
