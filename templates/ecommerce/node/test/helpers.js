// Shared by the tests: an app on a fresh database, on SQLite and, when
// TEST_DATABASE_URL is set, on PostgreSQL too (each in its own schema).
import crypto from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';
export const WEBHOOK_SECRET = 'test-webhook-secret';

/** dialects: always SQLite, PostgreSQL too when TEST_DATABASE_URL is set. */
export const dialects = () => (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']);

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

/** A clock the tests can move: now() is a Date, now.advance(ms) moves it. */
export function testClock(start = new Date()) {
  let t = start.getTime();
  const now = () => new Date(t);
  now.advance = (ms) => {
    t += ms;
  };
  return now;
}

/**
 * testApp starts an app on a fresh database of dialect: { api, db, now, close }.
 * Pass setup(db) to fill the database before the app starts, config to
 * override settings and now (a testClock) to control time.
 */
export async function testApp(dialect, { setup, config: overrides, now = () => new Date() } = {}) {
  const { db, close } = await openTestDatabase(dialect);
  if (setup) await setup(db);
  const config = {
    jwtSecret: TEST_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    tokenTtl: 900,
    currency: 'EUR',
    bcryptCost: 4, // fast tests
    trustProxy: false,
    ...overrides,
  };
  return { api: request(createApp({ config, db, now })), db, now, close };
}

let counter = 0;
export const uniqueEmail = (name = 'user') => `${name}-${process.pid}-${++counter}@example.com`;
