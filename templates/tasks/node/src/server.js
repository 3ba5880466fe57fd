// The entry point: configuration, database, HTTP server, graceful shutdown.
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { createServer } from './httpServer.js';
import { createLogger } from './log.js';

async function main() {
  const config = loadConfig();
  const log = createLogger({ format: config.logFormat, level: config.logLevel });
  if (config.generatedSecret) {
    log.warn('JWT_SECRET was not set: generated a development secret into .env (never commit .env)');
  }

  const db = await openDatabase(config.databaseUrl);
  const applied = await migrate(db);
  log.info('database ready', { dialect: db.dialect, migrations_applied: applied.length });

  const app = createApp({ config, db, log });
  const server = createServer(app).listen(config.port);
  server.on('listening', () => log.info('listening', { port: config.port, env: config.env }));
  server.on('error', (err) => {
    log.error('cannot listen', { port: config.port, err: err.message });
    process.exit(1);
  });

  // On SIGINT (Ctrl-C) or SIGTERM (docker stop, waymark check): stop
  // accepting connections, let requests in flight finish, close the
  // database, exit. After SHUTDOWN_TIMEOUT, open connections are cut.
  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const timer = setTimeout(() => {
      log.warn('shutdown timeout: closing open connections');
      server.closeAllConnections();
    }, config.shutdownTimeout * 1000);
    timer.unref();
    server.close(async () => {
      clearTimeout(timer);
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
  console.error(`tasks: ${err.message}`);
  process.exit(1);
});
