// Shared by the tests: a chat server on a fresh database, listening on a
// free port, on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL too
// (each test in its own schema). WebSocket clients that collect frames.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import WebSocket from 'ws';
import { createChat } from '../src/app.js';
import { openDatabase } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

/** The databases to run each suite on: always SQLite, PostgreSQL when TEST_DATABASE_URL is set. */
export function dialects() {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * openTestDatabase makes a fresh, migrated database of dialect. It returns
 * { open, drop }: open() opens a connection to it (two servers may share
 * it), drop() removes it.
 */
export async function openTestDatabase(dialect) {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-test-'));
    const url = `sqlite://${path.join(dir, 'test.db')}`;
    const db = await openDatabase(url);
    await migrate(db);
    await db.close();
    return { open: () => openDatabase(url), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL;
  const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase(url, { searchPath: schema });
  await migrate(db);
  await db.close();
  return {
    open: () => openDatabase(url, { searchPath: schema }),
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** testClock is a clock the test moves by hand: now() and now.advance(ms). */
export function testClock(start = new Date()) {
  let t = start.getTime();
  const now = () => new Date(t);
  now.advance = (ms) => {
    t += ms;
  };
  return now;
}

export const testConfig = (overrides = {}) => ({
  bcryptCost: 4, // fast tests; the server uses BCRYPT_COST (10)
  sessionTtl: 3600,
  allowedOrigins: [],
  redisUrl: '',
  ...overrides,
});

/** startServer runs a chat server on db, on a free port: { api, url, wsUrl, close }. */
export async function startServer(db, { config, now, limits, broker } = {}) {
  const chat = await createChat({ config: testConfig(config), db, now, limits, broker });
  await new Promise((resolve) => chat.server.listen(0, '127.0.0.1', resolve));
  const { port } = chat.server.address();
  const url = `http://127.0.0.1:${port}`;
  return {
    api: request(url),
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: async () => {
      await chat.close();
      chat.server.closeAllConnections();
      await new Promise((resolve) => chat.server.close(resolve));
    },
  };
}

/**
 * testServer starts a server on a fresh database of dialect:
 * { api, url, wsUrl, db, close } (close also drops the database).
 * options.wrapDb(db), if given, is the database the server uses.
 */
export async function testServer(dialect, { wrapDb = (db) => db, ...options } = {}) {
  const store = await openTestDatabase(dialect);
  const db = await store.open();
  const srv = await startServer(wrapDb(db), options);
  return {
    ...srv,
    db,
    close: async () => {
      await srv.close();
      await db.close();
      await store.drop();
    },
  };
}

let counter = 0;

/** uniqueName returns a username no other test uses. */
export const uniqueName = (name = 'user') => `${name}-${process.pid}-${++counter}`;

/** signUp registers a user: { user, token, auth } (auth: the Authorization header). */
export async function signUp(api, username = uniqueName()) {
  const res = await api.post('/api/auth/register').send({ username, password: 'correct-horse-42' }).expect(201);
  return { user: res.body.user, token: res.body.token, auth: `Bearer ${res.body.token}` };
}

/** makeRoom creates a room and returns its id. */
export async function makeRoom(api, auth, name = uniqueName('room')) {
  const res = await api.post('/api/rooms').set('Authorization', auth).send({ name }).expect(201);
  return res.body.id;
}

/**
 * connect opens a WebSocket and resolves once it is open. The client keeps
 * every frame; next(pred) waits for the next frame that pred accepts.
 */
export function connect(wsUrl, pathAndQuery, options = {}) {
  const ws = new WebSocket(wsUrl + pathAndQuery, options);
  const frames = [];
  const waiters = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    const i = waiters.findIndex((w) => w.pred(frame));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(frame);
    else frames.push(frame);
  });
  ws.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  /** next resolves with the first unread frame that pred accepts, or rejects after ms. */
  ws.next = (pred = () => true, ms = 2000) => {
    const i = frames.findIndex(pred);
    if (i >= 0) return Promise.resolve(frames.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      waiters.push(w);
      setTimeout(() => {
        const at = waiters.indexOf(w);
        if (at >= 0) {
          waiters.splice(at, 1);
          reject(new Error(`no matching frame within ${ms} ms; unread: ${JSON.stringify(frames)}`));
        }
      }, ms).unref();
    });
  };
  /** none resolves true when no frame pred accepts arrives within ms. */
  ws.none = async (pred, ms = 300) => {
    await new Promise((r) => setTimeout(r, ms));
    return !frames.some(pred);
  };
  ws.sendJSON = (v) => ws.send(JSON.stringify(v));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (req, res) =>
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
    );
    ws.once('error', reject);
  });
}

export const ofType = (type) => (f) => f.type === type;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * slowBroker stands for a Redis that is slow to answer some publications:
 * like Redis it relays frames in the order publish is called, but the
 * publish of a frame that slow(frame) picks resolves only after ms.
 */
export function slowBroker(ms, slow) {
  const frames = [];
  const ended = [];
  return {
    onFrame: (fn) => frames.push(fn),
    onSessionEnded: (fn) => ended.push(fn),
    async publish(room, frame) {
      for (const fn of frames) fn(room, frame);
      if (slow(frame)) await sleep(ms);
    },
    async endSession(session) {
      for (const fn of ended) fn(session);
    },
    async close() {},
  };
}
