import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, dialects, makeRoom, ofType, signUp, testServer } from './helpers.js';

for (const dialect of dialects()) {
  describe(`presence (${dialect})`, () => {
    let srv;
    let alice;
    let bob;
    const sockets = [];
    const open = async (path) => {
      const ws = await connect(srv.wsUrl, path);
      sockets.push(ws);
      return ws;
    };
    before(async () => {
      srv = await testServer(dialect);
      [alice, bob] = [await signUp(srv.api), await signUp(srv.api)];
    });
    after(async () => {
      for (const ws of sockets) ws.terminate();
      await srv.close();
    });
    const online = async (room) =>
      (await srv.api.get(`/api/rooms/${room}/presence`).set('Authorization', alice.auth).expect(200)).body;

    test('join, typing, leave and the presence list', async () => {
      const room = await makeRoom(srv.api, alice.auth);
      assert.deepEqual(await online(room), { type: 'presence', room, users: [] });
      const a = await open(`/ws?token=${alice.token}`);
      a.sendJSON({ type: 'join', room });
      assert.equal((await a.next(ofType('presence'))).users.length, 1);
      const b = await open(`/ws?token=${bob.token}`);
      b.sendJSON({ type: 'join', room });
      const list = await b.next(ofType('presence'));
      assert.deepEqual(list.users.map((u) => u.id).sort(), [alice.user.id, bob.user.id].sort());
      const joined = await a.next((f) => f.type === 'join' && f.user.id === bob.user.id);
      assert.deepEqual(joined.user, { id: bob.user.id, username: bob.user.username });
      b.sendJSON({ type: 'typing', room });
      assert.equal((await a.next(ofType('typing'))).user.id, bob.user.id);
      assert.equal((await online(room)).users.length, 2);
      b.sendJSON({ type: 'leave', room });
      assert.equal((await a.next(ofType('leave'))).user.id, bob.user.id);
      a.sendJSON({ type: 'presence', room });
      assert.deepEqual((await a.next(ofType('presence'))).users, [
        { id: alice.user.id, username: alice.user.username },
      ]);
    });

    test('a second connection of a user is no news; the last one leaving is', async () => {
      const room = await makeRoom(srv.api, alice.auth);
      const a = await open(`/ws?token=${alice.token}&room=${room}`);
      await a.next(ofType('joined'));
      const byBob = (type) => (f) => f.type === type && f.user.id === bob.user.id;
      const b1 = await open(`/ws?token=${bob.token}&room=${room}`);
      await a.next(byBob('join'));
      const b2 = await open(`/ws?token=${bob.token}&room=${room}`);
      await b2.next(ofType('joined'));
      assert.ok(await a.none(byBob('join')));
      b1.close();
      assert.ok(await a.none(byBob('leave')));
      b2.close();
      await a.next(byBob('leave'));
      assert.equal((await online(room)).users.length, 1);
    });

    test('typing outside a room is refused', async () => {
      const room = await makeRoom(srv.api, alice.auth);
      const a = await open(`/ws?token=${alice.token}`);
      a.sendJSON({ type: 'typing', room });
      assert.equal((await a.next(ofType('error'))).code, 'not_in_room');
    });
  });
}
