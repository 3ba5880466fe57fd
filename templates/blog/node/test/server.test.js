// The HTTP server's timeouts, over real loopback connections: a client that
// stalls is dropped, whatever it stalls on.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { createServer, SERVER_TIMEOUTS } from '../src/http-server.js';

// Short timeouts of the same shape as SERVER_TIMEOUTS, so that the test takes
// a second, not a minute.
const SHORT = { headersTimeout: 300, requestTimeout: 600, keepAliveTimeout: 300, connectionsCheckingInterval: 50 };

/** serve starts a server with timeouts on 127.0.0.1 and returns it with its port. */
async function serve(timeouts) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  }, timeouts);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port };
}

/**
 * stall opens a connection, writes what, and resolves with the time (ms) it
 * took the server to close it, or Infinity if it is still open after limitMs.
 */
function stall(port, what, limitMs) {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(what));
    socket.on('data', () => {}); // a 408, if the server sends one
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Infinity);
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(performance.now() - start);
    });
  });
}

describe('HTTP server timeouts', () => {
  it('are set deliberately, in a sensible order', () => {
    const server = createServer(() => {});
    assert.equal(server.headersTimeout, SERVER_TIMEOUTS.headersTimeout);
    assert.equal(server.requestTimeout, SERVER_TIMEOUTS.requestTimeout);
    assert.equal(server.keepAliveTimeout, SERVER_TIMEOUTS.keepAliveTimeout);
    assert.ok(SERVER_TIMEOUTS.headersTimeout <= SERVER_TIMEOUTS.requestTimeout);
    assert.ok(SERVER_TIMEOUTS.headersTimeout <= 10_000, 'a request head gets at most 10 s');
    assert.ok(SERVER_TIMEOUTS.keepAliveTimeout > 60_000, "longer than nginx's idle upstream connections");
    assert.ok(SERVER_TIMEOUTS.connectionsCheckingInterval <= 1_000);
  });

  it('drops connections that never finish their headers', async () => {
    const { server, port } = await serve(SHORT);
    try {
      const waits = await Promise.all(
        Array.from({ length: 10 }, () => stall(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n', 3_000)),
      );
      for (const ms of waits) assert.ok(ms < 3_000, `a stalled connection was still open after 3 s`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('drops a connection whose body never arrives', async () => {
    const { server, port } = await serve(SHORT);
    try {
      const head = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789';
      assert.ok((await stall(port, head, 3_000)) < 3_000, 'the connection was still open after 3 s');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('closes an idle keep-alive connection', async () => {
    const { server, port } = await serve(SHORT);
    try {
      const ms = await stall(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 3_000);
      assert.ok(ms < 3_000, 'the idle connection was still open after 3 s');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
