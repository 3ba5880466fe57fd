import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CLOSE_SLOW, Client, Hub } from '../src/realtime/hub.js';
import { originAllowed, tokenBucket } from '../src/realtime/socket.js';
import { connect, dialects, makeRoom, ofType, signUp, testServer } from './helpers.js';

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
