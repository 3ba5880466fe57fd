import http from 'node:http';

/**
 * SERVER_TIMEOUTS are chosen, not inherited: Node's defaults let a client
 * keep a connection for a minute without finishing its headers (and check
 * only every 30 s), which a few hundred slow clients turn into an outage.
 *
 * - headersTimeout: the whole request head must arrive within 10 s.
 * - requestTimeout: the whole request, body included, within 30 s.
 * - keepAliveTimeout: an idle connection between requests lives 65 s, a
 *   little longer than nginx keeps its idle upstream connections (60 s),
 *   so that the proxy, not the app, closes them and never reuses a
 *   connection the app has just closed.
 * - connectionsCheckingInterval: how often Node looks for connections over
 *   headersTimeout or requestTimeout.
 * All in milliseconds.
 */
export const SERVER_TIMEOUTS = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 65_000,
  connectionsCheckingInterval: 1_000,
});

/** createServer returns an HTTP server for handler (the Express app) with timeouts. */
export function createServer(handler, timeouts = SERVER_TIMEOUTS) {
  const { headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval } = timeouts;
  const server = http.createServer({ connectionsCheckingInterval, headersTimeout, requestTimeout }, handler);
  server.keepAliveTimeout = keepAliveTimeout;
  return server;
}
