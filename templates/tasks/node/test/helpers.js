// Shared by the tests: an app on a fresh database, on SQLite and, when
// TEST_DATABASE_URL is set, on PostgreSQL too (each run in its own schema).
import crypto from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** The databases to run each suite on: always SQLite, PostgreSQL when TEST_DATABASE_URL is set. */
export function dialects() {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * openTestDatabase opens a fresh, migrated database of dialect and returns
 * it with a close function that also removes it.
 */
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

/** A clock the tests can move. */
export function testClock(start = new Date()) {
  let t = start.getTime();
  const now = () => new Date(t);
  now.advance = (ms) => {
    t += ms;
  };
  return now;
}

/**
 * testApp starts an app on a fresh database of dialect. It returns
 * { api: supertest agent, db, now, close }.
 */
export async function testApp(dialect, overrides = {}) {
  const { db, close } = await openTestDatabase(dialect);
  const now = overrides.now ?? testClock();
  const config = {
    jwtSecret: TEST_SECRET,
    accessTokenTtl: 15 * 60,
    refreshTokenTtl: 7 * 24 * 3600,
    bcryptCost: 4, // fast tests; the server uses BCRYPT_COST (10)
    ...overrides.config,
  };
  const app = createApp({ config, db, now });
  return { api: request(app), db, now, close };
}

let counter = 0;

/** uniqueEmail returns an email no other test uses. */
export function uniqueEmail(name = 'user') {
  return `${name}-${process.pid}-${++counter}@example.com`;
}

/** signUp registers a new user and returns { user, token, refresh, auth } (auth: the header value). */
export async function signUp(api, email = uniqueEmail()) {
  const res = await api.post('/api/auth/register').send({ email, password: 'correct-horse-42' }).expect(201);
  return {
    user: res.body.user,
    token: res.body.access_token,
    refresh: res.body.refresh_token,
    auth: `Bearer ${res.body.access_token}`,
  };
}
