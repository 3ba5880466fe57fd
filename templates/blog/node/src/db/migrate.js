import fs from 'node:fs/promises';

const dir = (dialect) => new URL(`./migrations/${dialect}/`, import.meta.url);

/**
 * migrate applies, in name order and in one transaction, every
 * migrations/<dialect>/*.sql file that schema_migrations does not list yet.
 * A released migration is never edited: a schema change is a new file.
 * @returns {Promise<string[]>} the names it applied
 */
export async function migrate(db) {
  const names = (await fs.readdir(dir(db.dialect))).filter((n) => n.endsWith('.sql')).sort();
  return db.transaction(async (tx) => {
    // Two servers starting at once must not both apply the same file.
    if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(6207)');
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await tx.all('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied = [];
    for (const name of names.filter((n) => !done.has(n))) {
      await tx.exec(await fs.readFile(new URL(name, dir(db.dialect)), 'utf8'));
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
        name,
        new Date().toISOString(),
      ]);
      applied.push(name);
    }
    return applied;
  });
}
