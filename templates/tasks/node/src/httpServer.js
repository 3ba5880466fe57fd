import http from 'node:http';

/**
 * The HTTP server's timeouts, in milliseconds. Node's defaults let a client
 * hold a connection for a minute by sending its headers slowly (and up to
 * five minutes with a body), and enforce them only every 30 seconds: a few
 * hundred slow clients are enough to use up the server. These match the Go
 * version of this project.
 */
export const SERVER_TIMEOUTS = Object.freeze({
  // The request line and headers, from the connection's first byte: the
  // defence against Slowloris (Go: ReadHeaderTimeout).
  headersTimeout: 5_000,
  // The whole request, body included (Go: ReadTimeout).
  requestTimeout: 15_000,
  // An idle kept-alive connection between two requests. Longer than nginx's
  // 60-second upstream keepalive (deploy/nginx.conf), so that nginx always
  // closes first and never sends a request on a connection being closed.
  keepAliveTimeout: 65_000,
  // How often the first two are enforced (Node's default is 30 seconds).
  connectionsCheckingInterval: 1_000,
});

/**
 * createServer returns an HTTP server for handler (the Express app) with
 * timeouts (tests pass short ones). It does not listen yet.
 */
export function createServer(handler, timeouts = SERVER_TIMEOUTS) {
  const server = http.createServer({ connectionsCheckingInterval: timeouts.connectionsCheckingInterval }, handler);
  server.headersTimeout = timeouts.headersTimeout;
  server.requestTimeout = timeouts.requestTimeout;
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  return server;
}
