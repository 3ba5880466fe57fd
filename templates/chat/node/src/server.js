// The entry point: configuration, database, HTTP and WebSocket server,
// graceful shutdown.
import { createChat } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './log.js';

async function main() {
  const config = loadConfig();
  const log = createLogger({ format: config.logFormat, level: config.logLevel });

  const db = await openDatabase(config.databaseUrl);
  const applied = await migrate(db);
  log.info('database ready', { dialect: db.dialect, migrations_applied: applied.length });

  const chat = await createChat({ config, db, log });
  const { server } = chat;
  // Bound ordinary requests; upgraded WebSockets leave these timeouts behind.
  server.headersTimeout = 5_000; // Slowloris
  server.requestTimeout = 15_000;
  server.listen(config.port);
  server.on('listening', () => log.info('listening', { port: config.port, env: config.env, pubsub: chat.pubsub }));
  server.on('error', (err) => {
    log.error('cannot listen', { port: config.port, err: err.message });
    process.exit(1);
  });

  // On SIGINT (Ctrl-C) or SIGTERM (docker stop, waymark check): stop
  // accepting connections, close the WebSockets with "going away", let
  // requests in flight finish, close Redis and the database, exit. After
  // SHUTDOWN_TIMEOUT, open connections are cut.
  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const timer = setTimeout(() => {
      log.warn('shutdown timeout: closing open connections');
      server.closeAllConnections();
      process.exit(1);
    }, config.shutdownTimeout * 1000);
    timer.unref();
    server.close(async () => {
      clearTimeout(timer);
      await chat.close();
      await db.close();
      log.info('stopped');
      process.exit(0);
    });
    chat.close().catch((err) => log.warn('close', { err: err.message }));
    server.closeIdleConnections();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(`chat: ${err.message}`);
  process.exit(1);
});
