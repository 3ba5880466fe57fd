// Shared by the tests: an app on a fresh database, on SQLite and, when
// TEST_DATABASE_URL is set, on PostgreSQL too (each app in its own schema).
import crypto from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

/** dialects: always SQLite, PostgreSQL when TEST_DATABASE_URL is set. */
/**
 * errorFields names the fields of an error body in the GenericErrorModel
 * shape ({"errors":{"body":["email can't be blank"]}}): each message starts
 * with its field's name. Throws when the body has another shape.
 */
export function errorFields(body) {
  if (!body?.errors || Object.keys(body.errors).join() !== 'body' || !Array.isArray(body.errors.body)) {
    throw new Error(`not a GenericErrorModel body: ${JSON.stringify(body)}`);
  }
  return [...new Set(body.errors.body.map((m) => m.split(' ')[0]))];
}

export function dialects() {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** openTestDatabase opens a fresh, migrated database; close() also drops it. */
export async function openTestDatabase(dialect) {
  if (dialect === 'sqlite') {
    const db = await openDatabase('sqlite::memory:');
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase(url, { searchPath: schema });
  await migrate(db);
  return {
    db,
    close: async () => {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** testClock is a clock the tests move by hand: now.advance(ms). */
export function testClock(start = new Date()) {
  let t = start.getTime();
  const now = () => new Date(t);
  now.advance = (ms) => {
    t += ms;
  };
  return now;
}

/**
 * testApp returns { api: a supertest agent, db, now, close } on a fresh
 * database; overrides.config is merged into the test configuration and
 * overrides.now replaces the clock.
 */
export async function testApp(dialect, overrides = {}) {
  const { db, close } = await openTestDatabase(dialect);
  const now = overrides.now ?? testClock();
  const config = {
    jwtSecret: TEST_SECRET,
    tokenTtl: 3600,
    sessionTtl: 3600,
    bcryptCost: 4,
    trustProxy: false,
    ...overrides.config,
  };
  return { api: request(createApp({ config, db, now })), db, now, close };
}

let counter = 0;

/** signUp registers a fresh user and returns { user, token, auth } (auth: the header value). */
export async function signUp(api, name = 'user') {
  const username = `${name}${process.pid}x${++counter}`;
  const res = await api
    .post('/api/users')
    .send({ user: { username, email: `${username}@example.com`, password: 'correct-horse-42' } })
    .expect(201);
  return { user: res.body.user, token: res.body.user.token, auth: `Token ${res.body.user.token}` };
}
