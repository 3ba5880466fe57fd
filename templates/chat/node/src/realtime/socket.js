// The WebSocket endpoint /ws and its JSON protocol (checks/README.md in the
// waymark project has the full table of frames).
import { STATUS_CODES } from 'node:http';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { bearerToken, hashToken, userForToken } from '../auth/sessions.js';
import { addMessage } from '../store/messages.js';
import { findRoom } from '../store/rooms.js';
import { userBySession } from '../store/users.js';
import { Client, CLOSE_LOGGED_OUT, CLOSE_SESSION_GONE } from './hub.js';

/** What one connection may cost the server. */
export const DEFAULT_LIMITS = {
  maxFrame: 16 * 1024, // bytes in one incoming frame; more closes the connection (1009)
  maxText: 2000, // characters in a message's text; more answers an error frame
  maxBuffered: 256 * 1024, // bytes waiting to be written; more disconnects (1008)
  ratePerSec: 5, // frames a client may send per second, on average
  burst: 20, // ... and at once
  pingEvery: 30_000, // ms between keep-alive pings, which also find dead peers
  sessionCheckEvery: 30_000, // ms between looks at the connection's session (expired, revoked, user gone)
};

const roomId = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .transform(Number),
]);
const inbound = z.object({
  type: z.string(),
  room: roomId.optional(),
  text: z.string().optional(),
});

/**
 * realtime builds the 'upgrade' handler of the HTTP server. The token
 * (?token=, since browsers cannot set headers on a WebSocket, or
 * "Authorization: Bearer") is checked before the upgrade completes: without
 * a valid one the answer is 401 and the protocol never switches. A browser
 * page from another origin gets 403.
 *
 * @returns {{ onUpgrade: Function, closeAll: Function }}
 */
export function realtime({ db, hub, log, now, allowedOrigins = [], limits: overrides = {} }) {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  // noServer: we decide whether to upgrade; maxPayload closes oversized frames with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrame });
  const origins = allowedOrigins.map(globToRegExp);

  const onUpgrade = async (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'not found');
    const token = url.searchParams.get('token') || bearerToken(req.headers.authorization);
    let user;
    try {
      user = await userForToken(db, token, now);
    } catch (err) {
      log.error('websocket: find session', { err: err.message });
      return refuse(socket, 500, 'internal server error');
    }
    if (!user) return refuse(socket, 401, 'missing or invalid token');
    if (!originAllowed(req.headers.origin, req.headers.host, origins)) {
      return refuse(socket, 403, 'origin not allowed');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const room = url.searchParams.get('room');
      serve(ws, user, hashToken(token), room).catch((err) => log.error('websocket', { err: err.stack ?? String(err) }));
    });
  };

  // sessionLives: the session still exists, has not expired, and so its
  // user still exists. When the database cannot tell, the connection gets
  // the benefit of the doubt until the next look.
  const sessionLives = async (session) => {
    try {
      return (await userBySession(db, session, now())) !== undefined;
    } catch (err) {
      log.warn('websocket: look up session', { err: err.message });
      return true;
    }
  };

  // serve runs one client until it leaves.
  const serve = async (ws, user, session, firstRoom) => {
    const client = new Client(ws, user, { session, maxBuffered: limits.maxBuffered });
    hub.connect(client);
    const bucket = tokenBucket(limits.ratePerSec, limits.burst);
    const send = (frame) => client.send(JSON.stringify(frame));
    const sendError = (code, message, milestone) =>
      send({ type: 'error', code, message, ...(milestone ? { milestone } : {}) });

    // A protocol error (such as a frame over maxPayload: ws then closes with
    // 1009) is an 'error' event; unhandled, it would crash the process.
    ws.on('error', (err) => log.debug('websocket error', { err: err.message }));

    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, limits.pingEvery);
    // The session is looked at again and again, so a socket ends (1008)
    // soon after its session expires or is deleted, even if the news of a
    // logout on another instance never arrived.
    const sessionCheck = setInterval(() => {
      sessionLives(session).then((ok) => ok || client.kick(CLOSE_SESSION_GONE));
    }, limits.sessionCheckEvery);

    // A room frame for the whole room; a broker failure is this client's error frame.
    const publish = async (room, frame) => {
      try {
        await hub.publish(room, frame);
      } catch (err) {
        log.error('publish', { room, err: err.message });
        sendError('unavailable', 'the message could not be delivered; try again');
      }
    };

    const join = async (room) => {
      if (!(await findRoom(db, room))) return sendError('room_not_found', 'no such room');
      const first = hub.join(client, room);
      send({ type: 'joined', room });
      // waymark:begin solution presence
      send({ type: 'presence', room, users: hub.members(room) });
      if (first) await publish(room, { type: 'join', room, user: client.user });
      // waymark:stub
      // void first; // the presence milestone announces the join to the room
      // waymark:end
    };

    const announceLeave = async (room) => {
      // waymark:begin solution presence
      await publish(room, { type: 'leave', room, user: client.user });
      // waymark:stub
      // void room; // the presence milestone tells the room
      // waymark:end
    };

    const postMessage = async (room, rawText) => {
      const text = (rawText ?? '').trim();
      if (!hub.has(client, room)) return sendError('not_in_room', 'join the room first');
      if (text === '') return sendError('empty_message', 'text must not be empty');
      if ([...text].length > limits.maxText) {
        return sendError('message_too_large', `text is limited to ${limits.maxText} characters`);
      }
      // Stored and published in one turn of the room: members receive the
      // room's messages in the order of their ids, as the history lists them.
      return hub.inOrder(room, async () => {
        let message;
        try {
          message = await addMessage(db, { room, user: client.user, text, now: now() });
        } catch (err) {
          log.error('store message', { err: err.message });
          return sendError('unavailable', 'the message could not be saved; try again');
        }
        await publish(room, { type: 'message', ...message });
      });
    };

    const handle = async (frame) => {
      const { type, room, text } = frame;
      const needsRoom = ['join', 'leave', 'message', 'typing', 'presence'].includes(type);
      if (needsRoom && room === undefined) return sendError('bad_frame', `a ${type} frame needs a room`);
      switch (type) {
        case 'join':
          return join(room);
        case 'leave': {
          const { was, last } = hub.leave(client, room);
          if (!was) return sendError('not_in_room', 'you are not in this room');
          send({ type: 'left', room });
          if (last) await announceLeave(room);
          return;
        }
        case 'message':
          return postMessage(room, text);
        case 'typing':
          // waymark:begin solution presence
          if (!hub.has(client, room)) return sendError('not_in_room', 'join the room first');
          return publish(room, { type: 'typing', room, user: client.user });
        // waymark:stub
        // return sendError('not_implemented', 'typing indicators are not implemented yet', 'presence');
        // waymark:end
        case 'presence':
          // waymark:begin solution presence
          return send({ type: 'presence', room, users: hub.members(room) });
        // waymark:stub
        // return sendError('not_implemented', 'the presence list is not implemented yet', 'presence');
        // waymark:end
        default:
          return sendError('unknown_type', 'type must be join, leave, message, typing or presence');
      }
    };

    // Frames are handled one at a time, in order: each waits for the one before.
    let queue = Promise.resolve();
    ws.on('message', (data, isBinary) => {
      if (!bucket()) return sendError('rate_limited', 'slow down: too many frames');
      let frame;
      try {
        frame = isBinary ? undefined : inbound.parse(JSON.parse(data.toString('utf8')));
      } catch {
        frame = undefined;
      }
      if (!frame) return sendError('bad_frame', 'send JSON text frames: {"type": ..., ...}');
      queue = queue.then(() => handle(frame)).catch((err) => log.error('websocket frame', { err: err.message }));
    });

    ws.on('close', () => {
      clearInterval(ping);
      clearInterval(sessionCheck);
      hub.disconnect(client);
      // Every leave is published before anything else can happen to these
      // rooms: no await between leaving and announcing.
      queue = queue.then(() => Promise.all(hub.leaveAll(client).map(announceLeave)));
    });

    // A logout between the token check of the upgrade and hub.connect
    // could not find this connection: look at the session again now.
    queue = queue.then(async () => {
      if (!(await sessionLives(session))) return client.kick(CLOSE_LOGGED_OUT);
      if (firstRoom === null) return;
      const parsed = roomId.safeParse(firstRoom);
      if (parsed.success) await join(parsed.data);
      else sendError('room_not_found', 'no such room');
    });
  };

  /** closeAll tells every client the server is going away (shutdown). */
  const closeAll = () => {
    for (const ws of wss.clients) ws.close(1001, 'server closing');
  };
  return { onUpgrade, closeAll };
}

/** refuse answers an upgrade request with an HTTP error instead of switching protocols. */
function refuse(socket, status, message) {
  if (!socket.writable) return socket.destroy();
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/**
 * originAllowed: clients that send no Origin (not a browser) pass, a page
 * from the server's own host passes, and so does one whose host matches an
 * ALLOWED_ORIGINS pattern (such as chat.example.com or *.example.com).
 */
export function originAllowed(origin, host, patterns) {
  if (!origin) return true;
  let originHost;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  if (originHost === (host ?? '').toLowerCase()) return true;
  return patterns.some((re) => re.test(originHost));
}

function globToRegExp(pattern) {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** tokenBucket: rate tokens a second, at most burst saved up, one per frame. */
export function tokenBucket(rate, burst, clock = () => performance.now()) {
  let tokens = burst;
  let last = clock();
  return () => {
    const t = clock();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
