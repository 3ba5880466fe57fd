// The entry point: configuration, database, first-start data, HTTP server,
// graceful shutdown.
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { createHttpServer } from './httpServer.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './log.js';
// waymark:begin solution catalog
import { seedCatalog } from './store/seed.js';
// waymark:stub
// waymark:end
// waymark:begin solution accounts
import { Passwords } from './auth/passwords.js';
import { ensureAdmin } from './store/users.js';
// waymark:stub
// waymark:end

async function main() {
  const config = loadConfig();
  const log = createLogger({ format: config.logFormat, level: config.logLevel });
  for (const key of config.generated) {
    log.warn(`${key} was not set: generated a development value into .env (never commit .env)`);
  }

  const db = await openDatabase(config.databaseUrl);
  const applied = await migrate(db);
  log.info('database ready', { dialect: db.dialect, migrations_applied: applied.length });

  // waymark:begin solution catalog
  // Development only: production data is never invented.
  if (config.env === 'development' && (await seedCatalog(db, { currency: config.currency }))) {
    log.info('seeded the empty catalog with sample data');
  }
  // waymark:stub
  // // TODO(catalog): in development, seed an empty catalog with the sample data (checks/README.md).
  // waymark:end
  // waymark:begin solution accounts
  if (config.adminEmail) {
    const hash = await new Passwords(config.bcryptCost).hash(config.adminPassword);
    const outcome = await ensureAdmin(db, config.adminEmail, hash);
    log.info('admin account', { email: config.adminEmail, outcome });
  }
  // waymark:stub
  // // TODO(accounts): create the admin from ADMIN_EMAIL / ADMIN_PASSWORD if it does not exist.
  // waymark:end

  const app = createApp({ config, db, log });
  const server = createHttpServer(app).listen(config.port);
  server.on('listening', () => log.info('listening', { port: config.port, env: config.env }));
  server.on('error', (err) => {
    log.error('cannot listen', { port: config.port, err: err.message });
    process.exit(1);
  });

  // SIGINT (Ctrl-C) or SIGTERM (docker stop, waymark check): stop accepting
  // connections, let requests in flight finish, close the database, exit.
  // Connections still open after SHUTDOWN_TIMEOUT are cut.
  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    setTimeout(() => server.closeAllConnections(), config.shutdownTimeout * 1000).unref();
    server.close(async () => {
      await db.close();
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(`shop: ${err.message}`);
  process.exit(1);
});
