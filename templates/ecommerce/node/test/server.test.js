import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createHttpServer, TIMEOUTS } from '../src/httpServer.js';

const ok = (req, res) => res.end('ok');

/** listen starts server on a free loopback port and answers the port. */
const listen = (server) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });

/**
 * stall opens a connection that sends part of a request and then nothing.
 * It answers a promise of what the server sent before closing it, or
 * rejects when the connection is still open after withinMs.
 */
function stall(port, partial, withinMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`a stalled connection was still open after ${withinMs} ms`));
    }, withinMs);
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', () => {}); // a reset counts as closed
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(partial);
  });
}

// The slow real-timeouts test runs beside the others.
describe('the HTTP server', { concurrency: true }, () => {
  test('sets its timeouts deliberately, not to the defaults', () => {
    const server = createHttpServer(ok);
    assert.equal(server.headersTimeout, TIMEOUTS.headersTimeout);
    assert.equal(server.requestTimeout, TIMEOUTS.requestTimeout);
    assert.equal(server.keepAliveTimeout, TIMEOUTS.keepAliveTimeout);
    assert.ok(TIMEOUTS.headersTimeout <= 10_000 && TIMEOUTS.requestTimeout <= 30_000);
    assert.ok(TIMEOUTS.connectionsCheckingInterval <= 1_000, 'the limits are enforced at least every second');
  });

  describe('with short timeouts', () => {
    const short = { headersTimeout: 300, requestTimeout: 600, keepAliveTimeout: 300, connectionsCheckingInterval: 50 };
    let server;
    let port;
    before(async () => {
      server = createHttpServer(ok, short);
      port = await listen(server);
    });
    after(() => new Promise((resolve) => server.close(resolve)));

    test('closes connections whose headers never finish (408)', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => stall(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 5_000)),
      );
      for (const answer of answers) assert.match(answer, /^HTTP\/1\.1 408/);
    });

    test('closes a request whose body never finishes', async () => {
      const request = 'POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{"a":';
      await stall(port, request, 5_000);
    });

    test('closes an idle kept-alive connection', async () => {
      const answer = await stall(port, 'GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n', 5_000);
      assert.match(answer, /^HTTP\/1\.1 200/);
    });
  });

  test('with the real timeouts, 20 stalled connections are all closed', async () => {
    const server = createHttpServer(ok);
    const port = await listen(server);
    try {
      const bound = TIMEOUTS.headersTimeout + TIMEOUTS.connectionsCheckingInterval + 3_000;
      await Promise.all(Array.from({ length: 20 }, () => stall(port, 'GET / HTTP/1.1\r\nHost: x\r\n', bound)));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
