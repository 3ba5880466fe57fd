import crypto from 'node:crypto';

/**
 * namespace returns a random name made once per database and shared by
 * every instance that uses it. Instances put it in their Redis channel
 * names, so that two deployments (or two test runs) sharing one Redis never
 * hear each other's rooms. Pub/sub ignores the database number of REDIS_URL.
 */
export async function namespace(db) {
  await db.run("INSERT INTO settings (key, value) VALUES ('namespace', ?) ON CONFLICT (key) DO NOTHING", [
    crypto.randomBytes(10).toString('hex'),
  ]);
  const row = await db.get("SELECT value FROM settings WHERE key = 'namespace'");
  return row.value;
}
