// The entry point: configuration, database, the first admin, HTTP server,
// graceful shutdown.
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { createServer } from './http-server.js';
import { createLogger } from './log.js';
// waymark:begin solution roles
import { ensureFirstAdmin } from './first-admin.js';
// waymark:stub
// waymark:end

async function main() {
  const config = loadConfig();
  const log = createLogger({ format: config.logFormat, level: config.logLevel });
  if (config.generatedSecret) {
    log.warn('JWT_SECRET was not set: generated a development secret into .env (never commit .env)');
  }

  const db = await openDatabase(config.databaseUrl);
  const applied = await migrate(db);
  log.info('database ready', { dialect: db.dialect, migrations_applied: applied.length });

  // waymark:begin solution roles
  await ensureFirstAdmin({ db, config, log });
  // waymark:stub
  // // TODO(roles): create the admin ADMIN_EMAIL with ADMIN_PASSWORD here, unless an account has that email.
  // waymark:end

  const app = createApp({ config, db, log });
  const server = createServer(app);
  server.listen(config.port);
  server.on('listening', () => log.info('listening', { port: config.port, env: config.env }));
  server.on('error', (err) => {
    log.error('cannot listen', { port: config.port, err: err.message });
    process.exit(1);
  });

  // SIGINT (Ctrl-C) or SIGTERM (docker stop, waymark check): stop accepting
  // connections, let requests in flight finish, close the database, exit.
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
  console.error(`blog: ${err.message}`);
  process.exit(1);
});
