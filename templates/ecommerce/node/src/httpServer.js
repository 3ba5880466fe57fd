import http from 'node:http';

/**
 * The HTTP server's timeouts, chosen rather than inherited. Node's defaults
 * give a client a minute to send its headers and five to send its request,
 * checked only every 30 s, so a few hundred connections that trickle bytes
 * (Slowloris) can hold the server's sockets indefinitely.
 */
export const TIMEOUTS = Object.freeze({
  headersTimeout: 5_000, // the request line and headers must be in within 5 s
  requestTimeout: 15_000, // the whole request, body included, within 15 s
  // An idle kept-alive connection is closed after 10 s. A proxy in front must
  // give up its idle connections sooner (deploy/nginx.conf: 5 s), or it may
  // send a request on one the server is just closing.
  keepAliveTimeout: 10_000,
  connectionsCheckingInterval: 1_000, // how often the two request limits are enforced
});

/** createHttpServer returns an http.Server for handler (the Express app) with these timeouts. */
export function createHttpServer(handler, timeouts = TIMEOUTS) {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeout,
      requestTimeout: timeouts.requestTimeout,
      keepAliveTimeout: timeouts.keepAliveTimeout,
      connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
    },
    handler,
  );
  // Set again as properties: older Node versions read some only from here.
  server.headersTimeout = timeouts.headersTimeout;
  server.requestTimeout = timeouts.requestTimeout;
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  return server;
}
