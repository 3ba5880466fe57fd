// npm run seed: fill an empty catalog with the sample data on demand (the
// server does it by itself on first start in development).
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { seedCatalog } from './store/seed.js';

const config = loadConfig();
const db = await openDatabase(config.databaseUrl);
await migrate(db);
console.log(
  (await seedCatalog(db, { currency: config.currency }))
    ? 'seeded the catalog'
    : 'the catalog is not empty: left alone',
);
await db.close();
