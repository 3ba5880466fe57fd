import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { createServer, SERVER_TIMEOUTS } from '../src/httpServer.js';

// Answers once the whole body has arrived, as an Express JSON route does.
const ok = (req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
};

/** listening starts server on a free loopback port and returns the port. */
function listening(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/**
 * closedWithin opens a connection, sends what `send` writes, and resolves
 * with { ms, data } once the server closes it; after `limitMs` it gives up
 * and resolves with { open: true }.
 */
function closedWithin(port, limitMs, send) {
  return new Promise((resolve) => {
    const start = Date.now();
    let data = '';
    const socket = net.connect(port, '127.0.0.1', () => send(socket));
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ open: true, data });
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - start, data });
    });
  });
}

describe('HTTP server timeouts', () => {
  test('are set deliberately, not left at Node defaults', () => {
    const server = createServer(ok);
    assert.equal(server.headersTimeout, SERVER_TIMEOUTS.headersTimeout);
    assert.equal(server.requestTimeout, SERVER_TIMEOUTS.requestTimeout);
    assert.equal(server.keepAliveTimeout, SERVER_TIMEOUTS.keepAliveTimeout);
    // Node's defaults: 60 s for headers, 300 s for a request, checked every 30 s.
    assert.ok(SERVER_TIMEOUTS.headersTimeout <= 10_000);
    assert.ok(SERVER_TIMEOUTS.requestTimeout <= 30_000);
    assert.ok(SERVER_TIMEOUTS.headersTimeout <= SERVER_TIMEOUTS.requestTimeout);
    assert.ok(SERVER_TIMEOUTS.connectionsCheckingInterval <= 2_000);
  });

  // The same server with short timeouts, on loopback: each case must be
  // closed by the server (in well under a second) before the test gives up,
  // which is generous for a busy machine yet sooner than Node's defaults
  // would close it (60 s for headers, 300 s for a request, 5 s idle).
  const short = { headersTimeout: 200, requestTimeout: 400, keepAliveTimeout: 200, connectionsCheckingInterval: 50 };
  const cases = [
    ['a connection that never sends anything', 10_000, () => {}],
    ['headers that stall halfway', 10_000, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n')],
    ['a body that stalls', 10_000, (s) => s.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc')],
    ['an idle kept-alive connection', 4_500, (s) => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ];
  for (const [name, limitMs, send] of cases) {
    test(`closes ${name}`, async () => {
      const server = createServer(ok, short);
      const port = await listening(server);
      try {
        const result = await closedWithin(port, limitMs, send);
        assert.ok(!result.open, `still open after ${limitMs} ms; received ${JSON.stringify(result.data)}`);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }

  test('answers 408 to headers that never finish', async () => {
    const server = createServer(ok, short);
    const port = await listening(server);
    try {
      const result = await closedWithin(port, 10_000, (s) => s.write('GET / HTTP/1.1\r\n'));
      assert.match(result.data, /^HTTP\/1\.1 408 /);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
