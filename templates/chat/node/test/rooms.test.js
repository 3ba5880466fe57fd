import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addMessage } from '../src/store/messages.js';
import { dialects, makeRoom, signUp, testServer, uniqueName } from './helpers.js';

for (const dialect of dialects()) {
  describe(`rooms (${dialect})`, () => {
    let srv;
    let ann;
    before(async () => {
      srv = await testServer(dialect);
      ann = await signUp(srv.api);
    });
    after(() => srv.close());

    test('create, get and list rooms', async () => {
      const name = uniqueName('lobby');
      const res = await srv.api.post('/api/rooms').set('Authorization', ann.auth).send({ name }).expect(201);
      assert.equal(res.body.name, name);
      assert.equal(res.body.created_by, ann.user.id);
      assert.equal(typeof res.body.created_at, 'string');
      const one = await srv.api.get(`/api/rooms/${res.body.id}`).set('Authorization', ann.auth).expect(200);
      assert.deepEqual(one.body, res.body);
      const list = await srv.api.get('/api/rooms').set('Authorization', ann.auth).expect(200);
      assert.ok(list.body.data.some((r) => r.id === res.body.id));
    });

    test('names are unique and 1 to 64 characters', async () => {
      const name = uniqueName('dup');
      await makeRoom(srv.api, ann.auth, name);
      await srv.api.post('/api/rooms').set('Authorization', ann.auth).send({ name }).expect(409);
      await srv.api.post('/api/rooms').set('Authorization', ann.auth).send({ name: '  ' }).expect(422);
      await srv.api
        .post('/api/rooms')
        .set('Authorization', ann.auth)
        .send({ name: 'x'.repeat(65) })
        .expect(422);
    });

    test('rooms need a token; an unknown room is 404', async () => {
      await srv.api.get('/api/rooms').expect(401);
      await srv.api.get('/api/rooms/987654321').set('Authorization', ann.auth).expect(404);
      await srv.api.get('/api/rooms/abc/messages').set('Authorization', ann.auth).expect(404);
    });

    test('a new room has an empty history', async () => {
      const room = await makeRoom(srv.api, ann.auth);
      const res = await srv.api.get(`/api/rooms/${room}/messages`).set('Authorization', ann.auth).expect(200);
      assert.deepEqual(res.body, { data: [], has_more: false, next_before: null });
    });

    test('history pages walk backwards, each page oldest first', async () => {
      const room = await makeRoom(srv.api, ann.auth);
      for (let i = 1; i <= 5; i++) {
        await addMessage(srv.db, { room, user: ann.user, text: `m${i}`, now: new Date() });
      }
      const get = (q) => srv.api.get(`/api/rooms/${room}/messages${q}`).set('Authorization', ann.auth);
      const first = (await get('?limit=2').expect(200)).body;
      assert.deepEqual(
        first.data.map((m) => m.text),
        ['m4', 'm5'],
      );
      assert.equal(first.has_more, true);
      assert.equal(first.next_before, first.data[0].id);
      assert.deepEqual(first.data[0].user, { id: ann.user.id, username: ann.user.username });
      const second = (await get(`?limit=2&before=${first.next_before}`).expect(200)).body;
      assert.deepEqual(
        second.data.map((m) => m.text),
        ['m2', 'm3'],
      );
      const last = (await get(`?limit=2&before=${second.next_before}`).expect(200)).body;
      assert.deepEqual(
        last.data.map((m) => m.text),
        ['m1'],
      );
      assert.equal(last.has_more, false);
      assert.equal(last.next_before, null);
    });

    test('bad limit and before answer 400', async () => {
      const room = await makeRoom(srv.api, ann.auth);
      for (const q of ['?limit=0', '?limit=101', '?limit=x', '?before=-1', '?before=x']) {
        await srv.api.get(`/api/rooms/${room}/messages${q}`).set('Authorization', ann.auth).expect(400);
      }
    });
  });
}
