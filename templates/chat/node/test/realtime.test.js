import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../src/auth/sessions.js';
import { CLOSE_LOGGED_OUT, CLOSE_SESSION_GONE, CLOSE_SLOW, Client, Hub } from '../src/realtime/hub.js';
import { originAllowed, tokenBucket } from '../src/realtime/socket.js';
import { connect, dialects, makeRoom, ofType, signUp, sleep, testServer } from './helpers.js';

for (const dialect of dialects()) {
  describe(`realtime (${dialect})`, () => {
    let srv;
    let alice;
    let bob;
    let carol;
    let room;
    let other;
    const sockets = [];
    const open = async (...args) => {
      const ws = await connect(srv.wsUrl, ...args);
      sockets.push(ws);
      return ws;
    };
    before(async () => {
      srv = await testServer(dialect, { config: { allowedOrigins: ['*.friends.example'] } });
      [alice, bob, carol] = [await signUp(srv.api), await signUp(srv.api), await signUp(srv.api)];
      room = await makeRoom(srv.api, alice.auth);
      other = await makeRoom(srv.api, carol.auth);
    });
    after(async () => {
      for (const ws of sockets) ws.terminate();
      await srv.close();
    });

    test('the token is checked before the upgrade', async () => {
      await assert.rejects(connect(srv.wsUrl, '/ws'), { status: 401 });
      await assert.rejects(connect(srv.wsUrl, '/ws?token=forged-token'), { status: 401 });
      const ws = await open('/ws', { headers: { Authorization: bob.auth } });
      assert.equal(ws.readyState, ws.OPEN);
    });

    test('a page from another origin is refused', async () => {
      await assert.rejects(connect(srv.wsUrl, `/ws?token=${alice.token}`, { origin: 'http://evil.example' }), {
        status: 403,
      });
      await open(`/ws?token=${alice.token}`, { origin: srv.url });
      await open(`/ws?token=${alice.token}`, { origin: 'https://chat.friends.example' });
    });

    test('a message reaches the room and only the room, and is stored first', async () => {
      const a = await open(`/ws?token=${alice.token}&room=${room}`);
      const b = await open(`/ws?room=${room}`, { headers: { Authorization: bob.auth } });
      const c = await open(`/ws?token=${carol.token}&room=${other}`);
      for (const ws of [a, b, c]) assert.equal((await ws.next(ofType('joined'))).type, 'joined');
      a.sendJSON({ type: 'message', room, text: '  hello  ' });
      const got = await b.next(ofType('message'));
      assert.equal(got.text, 'hello');
      assert.equal(got.room, room);
      assert.deepEqual(got.user, { id: alice.user.id, username: alice.user.username });
      assert.equal(typeof got.created_at, 'string');
      assert.equal((await a.next(ofType('message'))).id, got.id);
      assert.ok(await c.none(ofType('message')));
      const hist = await srv.api.get(`/api/rooms/${room}/messages`).set('Authorization', bob.auth).expect(200);
      assert.equal(hist.body.data.at(-1).id, got.id);
    });

    test('error frames keep the connection open', async () => {
      const ws = await open(`/ws?token=${alice.token}`);
      const err = () => ws.next(ofType('error'));
      ws.send('not json');
      assert.equal((await err()).code, 'bad_frame');
      ws.sendJSON({ type: 'dance', room });
      assert.equal((await err()).code, 'unknown_type');
      ws.sendJSON({ type: 'join', room: 987654321 });
      assert.equal((await err()).code, 'room_not_found');
      ws.sendJSON({ type: 'message', room, text: 'hi' });
      assert.equal((await err()).code, 'not_in_room');
      ws.sendJSON({ type: 'join', room });
      await ws.next(ofType('joined'));
      ws.sendJSON({ type: 'message', room, text: '   ' });
      assert.equal((await err()).code, 'empty_message');
      ws.sendJSON({ type: 'message', room, text: 'x'.repeat(2001) });
      assert.equal((await err()).code, 'message_too_large');
      ws.sendJSON({ type: 'leave', room });
      assert.deepEqual(await ws.next(ofType('left')), { type: 'left', room });
      assert.equal(ws.readyState, ws.OPEN);
    });

    test('a frame over 16 KiB closes the connection with 1009', async () => {
      const ws = await open(`/ws?token=${alice.token}`);
      ws.sendJSON({ type: 'message', room, text: 'x'.repeat(17 * 1024) });
      assert.equal((await ws.closed).code, 1009);
    });

    test('too many frames at once are rate limited', async () => {
      const ws = await open(`/ws?token=${alice.token}`);
      for (let i = 0; i < 25; i++) ws.sendJSON({ type: 'presence-ish' });
      assert.equal((await ws.next((f) => f.code === 'rate_limited')).type, 'error');
    });

    test("logout closes that session's sockets at once, not the user's other sessions'", async () => {
      const dora = await signUp(srv.api);
      const phone = (
        await srv.api.post('/api/auth/login').send({ username: dora.user.username, password: 'correct-horse-42' })
      ).body.token;
      const laptop = await open(`/ws?token=${dora.token}&room=${room}`);
      const laptop2 = await open(`/ws?token=${dora.token}&room=${room}`);
      const onPhone = await open(`/ws?token=${phone}&room=${room}`);
      const b = await open(`/ws?token=${bob.token}&room=${room}`);
      for (const ws of [laptop, laptop2, onPhone, b]) await ws.next(ofType('joined'));

      await srv.api.post('/api/auth/logout').set('Authorization', dora.auth).expect(204);
      const within = (p, what) =>
        Promise.race([p, sleep(2000).then(() => assert.fail(`${what}: still open after 2 s`))]);
      assert.deepEqual(await within(laptop.closed, 'laptop'), { code: 1008, reason: CLOSE_LOGGED_OUT });
      assert.deepEqual(await within(laptop2.closed, 'second laptop socket'), { code: 1008, reason: CLOSE_LOGGED_OUT });
      onPhone.sendJSON({ type: 'message', room, text: 'still here' });
      assert.equal((await b.next(ofType('message'))).text, 'still here');
      assert.ok(await b.none(ofType('message')), 'nothing else, nothing from the logged-out socket');
      await assert.rejects(connect(srv.wsUrl, `/ws?token=${dora.token}`), { status: 401 });
    });
  });

  // A session that ends without a logout here (it expired, its user was
  // deleted, or the news of a logout elsewhere was lost) ends its sockets
  // at the next look at it.
  describe(`a socket ends with its session (${dialect})`, () => {
    let srv;
    before(async () => (srv = await testServer(dialect, { limits: { sessionCheckEvery: 20 } })));
    after(() => srv.close());
    const cases = {
      expired: (db, u) =>
        db.run('UPDATE sessions SET expires_at = ? WHERE token_hash = ?', [
          '2000-01-01T00:00:00.000Z',
          hashToken(u.token),
        ]),
      revoked: (db, u) => db.run('DELETE FROM sessions WHERE token_hash = ?', [hashToken(u.token)]),
      'user deleted': (db, u) => db.run('DELETE FROM users WHERE id = ?', [u.user.id]),
    };
    for (const [name, end] of Object.entries(cases)) {
      test(name, async () => {
        const u = await signUp(srv.api);
        const ws = await connect(srv.wsUrl, `/ws?token=${u.token}`);
        try {
          await sleep(100); // a few looks go by while the session lives
          assert.equal(ws.readyState, ws.OPEN);
          await end(srv.db, u);
          const closed = await Promise.race([ws.closed, sleep(2000).then(() => 'still open after 2 s')]);
          assert.deepEqual(closed, { code: 1008, reason: CLOSE_SESSION_GONE });
          await assert.rejects(connect(srv.wsUrl, `/ws?token=${u.token}`), { status: 401 });
        } finally {
          ws.terminate();
        }
      });
    }
  });

  // Members receive a room's messages in the order of their ids, the order
  // of the history, however long any one insert takes to come back (as
  // with PostgreSQL, whose pool runs inserts side by side).
  test(`messages arrive in history order (${dialect})`, async () => {
    const slowInsert = (db) =>
      new Proxy(db, {
        get(target, key) {
          if (key !== 'run') return typeof target[key] === 'function' ? target[key].bind(target) : target[key];
          return async (sql, params) => {
            const result = await target.run(sql, params);
            if (params?.includes('slow')) await sleep(300);
            return result;
          };
        },
      });
    const srv = await testServer(dialect, { wrapDb: slowInsert });
    const sockets = [];
    try {
      const [ann, bob, cat] = [await signUp(srv.api), await signUp(srv.api), await signUp(srv.api)];
      const room = await makeRoom(srv.api, ann.auth);
      for (const u of [ann, bob, cat]) sockets.push(await connect(srv.wsUrl, `/ws?token=${u.token}&room=${room}`));
      for (const ws of sockets) await ws.next(ofType('joined'));
      const [a, b, c] = sockets;
      a.sendJSON({ type: 'message', room, text: 'slow' });
      for (let i = 0; i < 200; i++) {
        const hist = await srv.api.get(`/api/rooms/${room}/messages`).set('Authorization', ann.auth);
        if (hist.body.data.length > 0) break; // stored: its id is taken
        await sleep(5);
      }
      b.sendJSON({ type: 'message', room, text: 'fast' });
      const first = await c.next(ofType('message'));
      const second = await c.next(ofType('message'));
      assert.deepEqual([first.text, second.text], ['slow', 'fast']);
      assert.ok(first.id < second.id);
    } finally {
      for (const ws of sockets) ws.terminate();
      await srv.close();
    }
  });
}

test('a token bucket allows a burst, then the rate', () => {
  let t = 0;
  const take = tokenBucket(5, 20, () => t);
  for (let i = 0; i < 20; i++) assert.ok(take());
  assert.equal(take(), false);
  t += 200; // one token back at 5 a second
  assert.ok(take());
  assert.equal(take(), false);
});

test('origins: none, the own host and allowed patterns pass', () => {
  const patterns = [/^[^/]*\.friends\.example$/];
  assert.ok(originAllowed(undefined, 'localhost:8080', patterns));
  assert.ok(originAllowed('http://localhost:8080', 'localhost:8080', patterns));
  assert.ok(originAllowed('https://a.friends.example', 'localhost:8080', patterns));
  assert.equal(originAllowed('https://evil.example', 'localhost:8080', patterns), false);
  assert.equal(originAllowed('null', 'localhost:8080', patterns), false);
});

/** A stand-in for a ws WebSocket whose peer does not read. */
function fakeSocket() {
  return {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    sent: [],
    closed: null,
    send(frame) {
      this.sent.push(frame);
      this.bufferedAmount += frame.length; // nothing is ever read
    },
    close(code, reason) {
      this.closed = { code, reason };
      this.readyState = 2;
    },
    terminate() {},
  };
}

test('a slow client is kicked with 1008 and never delays the others', async () => {
  const hub = new Hub();
  const slowWs = fakeSocket();
  const fastWs = fakeSocket();
  const slow = new Client(slowWs, { id: 1, username: 'slow' }, { maxBuffered: 1000 });
  const fast = new Client(fastWs, { id: 2, username: 'fast' }, { maxBuffered: 1e9 });
  assert.equal(hub.join(slow, 7), true);
  assert.equal(hub.join(fast, 7), true);
  for (let i = 0; i < 50; i++) await hub.publish(7, { type: 'message', text: 'x'.repeat(100) });
  assert.deepEqual(slowWs.closed, { code: 1008, reason: CLOSE_SLOW });
  assert.ok(slowWs.sent.length < 50);
  assert.equal(fastWs.sent.length, 50);
});

test('the hub counts users, not connections', () => {
  const hub = new Hub();
  const a1 = new Client(fakeSocket(), { id: 1, username: 'ann' });
  const a2 = new Client(fakeSocket(), { id: 1, username: 'ann' });
  const b = new Client(fakeSocket(), { id: 2, username: 'bob' });
  assert.equal(hub.join(a1, 1), true);
  assert.equal(hub.join(a2, 1), false);
  assert.equal(hub.join(b, 1), true);
  assert.deepEqual(
    hub.members(1).map((m) => m.username),
    ['ann', 'bob'],
  );
  assert.deepEqual(hub.leave(a1, 1), { was: true, last: false });
  assert.deepEqual(hub.leaveAll(a2), [1]);
  assert.deepEqual(hub.leave(a2, 1), { was: false, last: false });
});
