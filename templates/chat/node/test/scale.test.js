// Two instances sharing one database and one Redis. Runs when
// TEST_REDIS_URL is set (make test-services), and is skipped otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CLOSE_LOGGED_OUT } from '../src/realtime/hub.js';
import { connect, makeRoom, ofType, openTestDatabase, signUp, sleep, startServer } from './helpers.js';

const redisUrl = process.env.TEST_REDIS_URL;

describe('scale', { skip: redisUrl ? false : 'set TEST_REDIS_URL to run the Redis tests' }, () => {
  let store;
  const dbs = [];
  const servers = [];
  const sockets = [];
  before(async () => {
    store = await openTestDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
    for (let i = 0; i < 2; i++) {
      const db = await store.open();
      dbs.push(db);
      // Sessions are rarely looked at: only the news from the other instance may close a socket.
      servers.push(await startServer(db, { config: { redisUrl }, limits: { sessionCheckEvery: 3_600_000 } }));
    }
  });
  after(async () => {
    for (const ws of sockets) ws.terminate();
    for (const s of servers) await s.close();
    for (const db of dbs) await db.close();
    await store?.drop();
  });
  const open = async (i, path) => {
    const ws = await connect(servers[i].wsUrl, path);
    sockets.push(ws);
    return ws;
  };

  test('both instances say redis', async () => {
    for (const s of servers) assert.equal((await s.api.get('/healthz').expect(200)).body.pubsub, 'redis');
  });

  test('frames cross instances, exactly once, to the room only', async () => {
    const [A, B] = servers;
    const alice = await signUp(A.api);
    const bob = await signUp(B.api);
    const room = await makeRoom(A.api, alice.auth);
    const other = await makeRoom(A.api, alice.auth);
    const eve = await open(1, `/ws?token=${alice.token}&room=${other}`);
    await eve.next(ofType('joined'));
    const a = await open(0, `/ws?token=${alice.token}&room=${room}`);
    await a.next(ofType('joined'));
    const b = await open(1, `/ws?token=${bob.token}&room=${room}`);
    await b.next(ofType('joined'));
    await a.next((f) => f.type === 'join' && f.user.id === bob.user.id);

    a.sendJSON({ type: 'message', room, text: 'from A' });
    assert.equal((await b.next(ofType('message'))).text, 'from A');
    b.sendJSON({ type: 'message', room, text: 'from B' });
    await a.next((f) => f.type === 'message' && f.text === 'from A');
    assert.equal((await a.next(ofType('message'))).text, 'from B');
    // Exactly once: no second copy arrives.
    assert.ok(await a.none(ofType('message')));
    assert.ok(await b.none((f) => f.type === 'message' && f.text === 'from A', 50));
    assert.ok(await eve.none(ofType('message')));
  });

  test("a logout on one instance closes the session's sockets on the other, at once", async () => {
    const [A, B] = servers;
    const ann = await signUp(A.api);
    const bob = await signUp(A.api);
    const room = await makeRoom(A.api, ann.auth);
    const a = await open(1, `/ws?token=${ann.token}&room=${room}`);
    await a.next(ofType('joined'));
    const b = await open(1, `/ws?token=${bob.token}&room=${room}`);
    await b.next(ofType('joined'));
    await A.api.post('/api/auth/logout').set('Authorization', ann.auth).expect(204);
    const closed = await Promise.race([a.closed, sleep(2000).then(() => 'still open after 2 s')]);
    assert.deepEqual(closed, { code: 1008, reason: CLOSE_LOGGED_OUT });
    await b.next((f) => f.type === 'leave' && f.user.id === ann.user.id);
    await assert.rejects(connect(B.wsUrl, `/ws?token=${ann.token}`), { status: 401 });
  });
});
