// Odd input aimed at every endpoint: NUL bytes (PostgreSQL refuses them in
// text with SQLSTATE 22021), broken percent-encoding, paging out of range,
// and a bounded, seeded fuzz loop. Whatever comes in, the answer is the
// client's problem (4xx), never a 500, on SQLite and PostgreSQL alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { ensureAdmin } from '../src/store/roles.js';
import { dialects, signUp, testApp } from './helpers.js';

const NUL = '\u0000';

for (const dialect of dialects()) {
  describe(`hostile input (${dialect})`, () => {
    let t, admin, ann, slug, commentId;
    before(async () => {
      t = await testApp(dialect, { config: { trustProxy: true } });
      await ensureAdmin(t.db, {
        email: 'admin@blog.test',
        username: 'admin',
        passwordHash: () => bcrypt.hash('admin-password-1', 4),
      });
      const login = await t.api
        .post('/api/users/login')
        .send({ user: { email: 'admin@blog.test', password: 'admin-password-1' } })
        .expect(200);
      admin = `Token ${login.body.user.token}`;
      ann = await signUp(t.api, 'ann');
      const a = await t.api
        .post('/api/articles')
        .set('Authorization', ann.auth)
        .send({ article: { title: 'Target', description: 'd', body: 'b', tagList: ['go'] } })
        .expect(201);
      slug = a.body.article.slug;
      const c = await t.api
        .post(`/api/articles/${slug}/comments`)
        .set('Authorization', ann.auth)
        .send({ comment: { body: 'hi' } })
        .expect(200);
      commentId = c.body.comment.id;
    });
    after(() => t.close());

    /** send makes one request: [method, path, body?, authorization?, contentType?]. */
    const send = ([method, path, body, auth, type]) => {
      let req = t.api[method.toLowerCase()](path);
      if (auth) req = req.set('Authorization', auth);
      if (type) req = req.type(type);
      return body === undefined ? req : req.send(body);
    };

    it('answers 422, never 500, to a NUL byte in any string, query value or path', async () => {
      const article = `/api/articles/${slug}`;
      const cases = [
        [
          'POST',
          '/api/users',
          { user: { username: 'nul', email: `n${NUL}@example.com`, password: 'correct-horse-42' } },
        ],
        ['POST', '/api/users', { user: { username: 'nul', email: 'nul@example.com', password: `correct${NUL}horse` } }],
        ['POST', '/api/users/login', { user: { email: `ann${NUL}@example.com`, password: 'correct-horse-42' } }],
        ['POST', '/api/users/login', { user: { email: ann.user.email, password: NUL } }],
        ['PUT', '/api/user', { user: { bio: `a${NUL}b` } }, ann.auth],
        ['PUT', '/api/user', { user: { email: `ann${NUL}@example.com` } }, ann.auth],
        ['PUT', '/api/user', { user: { image: `https://example.com/${NUL}` } }, ann.auth],
        ['POST', '/api/articles', { article: { title: `t${NUL}`, description: 'd', body: 'b' } }, ann.auth],
        ['POST', '/api/articles', { article: { title: 't', description: `d${NUL}`, body: 'b' } }, ann.auth],
        ['POST', '/api/articles', { article: { title: 't', description: 'd', body: NUL } }, ann.auth],
        [
          'POST',
          '/api/articles',
          { article: { title: 't', description: 'd', body: 'b', tagList: [`a${NUL}`] } },
          ann.auth,
        ],
        ['PUT', article, { article: { body: NUL } }, ann.auth],
        ['POST', `${article}/comments`, { comment: { body: NUL } }, ann.auth],
        ['PUT', '/api/admin/users/ann/role', { role: `admin${NUL}` }, admin],
        ['GET', '/api/articles?tag=go%00'],
        ['GET', '/api/articles?author=ann%00'],
        ['GET', '/api/articles?favorited=%00'],
        ['GET', '/api/articles?limit=1%00'],
        ['GET', '/api/articles/a%00b'],
        ['PUT', '/api/articles/a%00b', { article: { body: 'b' } }, ann.auth],
        ['POST', '/api/articles/a%00b/favorite', undefined, ann.auth],
        ['GET', '/api/articles/a%00b/comments'],
        ['DELETE', `${article}/comments/${commentId}%00`, undefined, ann.auth],
        ['GET', `/api/profiles/${ann.user.username}%00`],
        ['PUT', '/api/admin/users/ann%00/role', { role: 'editor' }, admin],
        ['POST', '/admin/login', `email=admin%00%40blog.test&password=x&csrf_token=x`, undefined, 'form'],
        ['POST', '/admin/users/ann%00/role', 'role=admin', undefined, 'form'],
      ];
      for (const c of cases) {
        const res = await send(c);
        assert.equal(res.status, 422, `${c[0]} ${c[1]} ${JSON.stringify(c[2])}: ${res.status} ${res.text}`);
        assert.ok(res.body.errors, `${c[0]} ${c[1]}: ${res.text}`);
      }
      const me = await t.api.get('/api/user').set('Authorization', ann.auth).expect(200);
      assert.equal(me.body.user.bio, '');
      assert.equal(me.body.user.email, ann.user.email);
    });

    it('answers 4xx to broken percent-encoding in the path', async () => {
      for (const path of [
        '/api/articles/%ff%fe',
        '/api/profiles/%c3%28',
        '/api/articles/%',
        '/api/articles/%zz/comments',
      ]) {
        const res = await t.api.get(path);
        assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status} ${res.text}`);
      }
    });

    it('bounds limit and offset', async () => {
      for (const q of [
        'limit=0',
        'limit=101',
        'limit=-1',
        'limit=abc',
        'limit=9223372036854775807',
        'limit=1&limit=2',
        'offset=-1',
        'offset=1000001',
        'offset=9223372036854775807',
        'offset=1e3',
      ]) {
        for (const path of ['/api/articles?', '/api/articles/feed?']) {
          const res = await t.api.get(path + q).set('Authorization', ann.auth);
          assert.equal(res.status, 422, `${path}${q}: ${res.status} ${res.text}`);
          assert.ok(res.body.errors, `${path}${q}`);
        }
      }
      for (const q of ['limit=1&offset=1000000', 'limit=100', 'offset=0'])
        await t.api.get(`/api/articles?${q}`).expect(200);
    });

    it('never answers 500, whatever the text (seeded fuzz)', async () => {
      const random = mulberry32(20261201);
      const alphabet = [
        'a',
        'Z',
        '0',
        ' ',
        '-',
        '%',
        '/',
        '?',
        '&',
        '=',
        '"',
        "'",
        '\\',
        NUL,
        '\u0001',
        '\u007f',
        '\u00e9',
        '\ud83d\ude00',
        '\ud800',
        '\uffff',
        '<',
        '>',
      ];
      const seeds = [
        '',
        NUL,
        `a${NUL}b`,
        '%00',
        '%ff',
        '\\u0000',
        "' OR 1=1 --",
        '../../etc/passwd',
        'javascript:alert(1)',
        'x'.repeat(600),
        '9223372036854775807',
      ];
      for (let i = 0; i < 40; i++) {
        const length = Math.floor(random() * 12);
        seeds.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
      }
      for (const [n, s] of seeds.entries()) {
        const from = `10.0.${n >> 8}.${n & 255}`; // an address of its own: no limit turns an answer into a 429
        const q = encodeURIComponent(s.toWellFormed()); // a lone surrogate cannot be percent-encoded
        const calls = [
          ['POST', '/api/users', { user: { username: s, email: `${s}@example.com`, password: s } }],
          ['POST', '/api/users/login', { user: { email: s, password: s } }],
          ['PUT', '/api/user', { user: { bio: s } }, ann.auth],
          ['PUT', '/api/user', { user: { image: s } }, ann.auth],
          ['POST', '/api/articles', { article: { title: s, description: s, body: s, tagList: [s] } }, ann.auth],
          ['POST', `/api/articles/${slug}/comments`, { comment: { body: s } }, ann.auth],
          ['PUT', '/api/admin/users/ann/role', { role: s }, admin],
          ['GET', `/api/articles?tag=${q}&author=${q}&favorited=${q}`],
          ['GET', `/api/articles?limit=${q}&offset=${q}`],
          ['GET', `/api/articles/${q}`],
          ['GET', `/api/articles/${q}/comments`],
          ['GET', `/api/profiles/${q}`],
          ['DELETE', `/api/articles/${slug}/comments/${q}`, undefined, ann.auth],
        ];
        for (const c of calls) {
          const res = await send(c).set('X-Forwarded-For', from);
          assert.ok(res.status < 500, `input ${JSON.stringify(s)}: ${c[0]} ${c[1]} answered ${res.status} ${res.text}`);
        }
      }
    });
  });
}

/** mulberry32 is a small seeded random number generator, so that a failure replays. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
