import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// An arbitrary constant: PostgreSQL's advisory lock keeps two servers that
// start at once from applying the same migration.
const MIGRATE_LOCK_ID = 72616761;

/**
 * Applies every migrations/<dialect>/*.sql file that schema_migrations does
 * not list yet, in name order, all in one transaction: either the schema
 * moves to the newest version or it stays as it was. A released file is
 * never edited; a change to the schema is a new file.
 *
 * @returns {Promise<string[]>} the names it applied
 */
export async function migrate(db) {
  const dir = path.join(migrationsDir, db.dialect);
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files = await Promise.all(names.map(async (n) => [n, await fs.readFile(path.join(dir, n), 'utf8')]));

  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATE_LOCK_ID]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    TEXT PRIMARY KEY,
      applied_at TEXT NOT NULL
    )`);
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
