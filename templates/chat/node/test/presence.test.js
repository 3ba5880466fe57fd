import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, dialects, makeRoom, ofType, signUp, slowBroker, testServer } from './helpers.js';

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

    // Order, however slow the broker is to answer any one publication.
    const withSlowBroker = async (slow, fn) => {
      const own = await testServer(dialect, { broker: slowBroker(300, slow) });
      const conns = [];
      const openOwn = async (path) => {
        const ws = await connect(own.wsUrl, path);
        conns.push(ws);
        return ws;
      };
      try {
        await fn(own, openOwn);
      } finally {
        for (const ws of conns) ws.terminate();
        await own.close();
      }
    };
    const named = (f) => f.user?.username;

    test('join events come in the order the users joined, as the presence lists tell', () =>
      withSlowBroker(
        (frame) => frame.includes('"type":"join"'),
        async (own, openOwn) => {
          const [zed, ann, bob] = [await signUp(own.api), await signUp(own.api), await signUp(own.api)];
          const room = await makeRoom(own.api, zed.auth);
          const z = await openOwn(`/ws?token=${zed.token}&room=${room}`);
          await z.next(ofType('joined'));
          await (await openOwn(`/ws?token=${ann.token}&room=${room}`)).next(ofType('joined'));
          const b = await openOwn(`/ws?token=${bob.token}&room=${room}`);
          const list = await b.next(ofType('presence'));
          assert.equal(list.users.length, 3);
          const heard = [];
          while (heard.length < 2) {
            const f = await z.next(ofType('join'));
            if (f.user.id !== zed.user.id) heard.push(named(f));
          }
          assert.deepEqual(heard, [ann.user.username, bob.user.username]);
        },
      ));

    test("a disconnect announces every room's leave before anything else happens to them", () =>
      withSlowBroker(
        (frame) => frame.includes('"type":"leave"'),
        async (own, openOwn) => {
          const [xan, o1, o2] = [await signUp(own.api), await signUp(own.api), await signUp(own.api)];
          const [r1, r2] = [await makeRoom(own.api, xan.auth), await makeRoom(own.api, xan.auth)];
          const w1 = await openOwn(`/ws?token=${o1.token}&room=${r1}`);
          const w2 = await openOwn(`/ws?token=${o2.token}&room=${r2}`);
          await w1.next(ofType('joined'));
          await w2.next(ofType('joined'));
          const x = await openOwn(`/ws?token=${xan.token}`);
          x.sendJSON({ type: 'join', room: r1 });
          x.sendJSON({ type: 'join', room: r2 });
          await w2.next((f) => f.type === 'join' && f.user.id === xan.user.id);

          x.close(); // its leave of r1 is slow to publish
          await w1.next((f) => f.type === 'leave' && f.user.id === xan.user.id);
          const again = await openOwn(`/ws?token=${xan.token}&room=${r2}`);
          await again.next(ofType('joined'));
          // xan is in r2: r2 must hear the leave, then the join, never the reverse.
          const events = [];
          while (events.length < 2) {
            const f = await w2.next((g) => ['join', 'leave'].includes(g.type) && g.user.id === xan.user.id);
            events.push(f.type);
          }
          assert.deepEqual(events, ['leave', 'join']);
        },
      ));
  });
}
