import fs from 'node:fs/promises';

const LOCK_ID = 7366_0001; // PostgreSQL advisory lock: two servers starting at once migrate once

/**
 * migrate applies every migrations/<dialect>/*.sql file not yet listed in
 * schema_migrations, in name order, in one transaction. A released file is
 * never edited: a schema change is a new file. Returns the names applied.
 */
export async function migrate(db) {
  const dir = new URL(`./migrations/${db.dialect}/`, import.meta.url);
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files = await Promise.all(names.map(async (n) => [n, await fs.readFile(new URL(n, dir), 'utf8')]));
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [LOCK_ID]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await tx.all('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied = [];
    for (const [name, sql] of files) {
      if (done.has(name)) continue;
      await tx.exec(sql);
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
        name,
        new Date().toISOString(),
      ]);
      applied.push(name);
    }
    return applied;
  });
}
