// The hub routes chat frames to the WebSocket clients of each room.
//
// A frame is published to a room; the hub hands it to every local client in
// that room. A client that cannot keep up is disconnected rather than
// waited for, so one slow reader never delays the others. With a broker
// (Redis pub/sub), a published frame travels through the broker and every
// instance delivers it to its own clients.
//
// Order: every member of a room receives the room's frames in one order,
// the order publish was called on this instance (the broker keeps it: one
// Redis connection sends the commands in that order, and Redis relays a
// channel in the order it got them). A membership change and its join or
// leave event happen without an await between them, so no other change
// comes between them; a message's insert (its id) and its publication
// happen in one turn of the room (inOrder), so messages arrive in the
// order of the history.

import { silentLogger } from '../log.js';

/** Close reasons; each goes with status 1008 (policy violation). */
export const CLOSE_SLOW = 'too slow: send queue full';
export const CLOSE_LOGGED_OUT = 'session ended: logged out';
export const CLOSE_SESSION_GONE = 'session ended: expired or revoked';

/**
 * Client is one WebSocket connection as the hub sees it: its user, and a
 * bounded send queue. ws queues what it cannot write yet in memory; its
 * bufferedAmount tells how much is waiting. Past maxBuffered bytes the
 * client is kicked with 1008 instead of letting the queue grow.
 */
export class Client {
  #ws;
  #maxBuffered;
  kicked = false;

  /** session is the SHA-256 of the connection's token, which endSession names. */
  constructor(ws, user, { session = '', maxBuffered = 256 * 1024 } = {}) {
    this.#ws = ws;
    this.user = { id: user.id, username: user.username };
    this.session = session;
    this.#maxBuffered = maxBuffered;
  }

  /** send queues a frame (a JSON string) for this client alone; it never waits. */
  send(frame) {
    if (this.kicked || this.#ws.readyState !== this.#ws.OPEN) return;
    if (this.#ws.bufferedAmount > this.#maxBuffered) {
      this.kick(CLOSE_SLOW);
      return;
    }
    this.#ws.send(frame);
  }

  /**
   * kick closes the connection with 1008 and a reason. The close frame
   * queues behind the unread data, so a client that does not read at all is
   * cut off after a grace period.
   */
  kick(reason) {
    if (this.kicked) return;
    this.kicked = true;
    this.#ws.close(1008, reason);
    setTimeout(() => this.#ws.terminate(), 2000).unref();
  }
}

export class Hub {
  /** room id -> Set of Clients, on this instance */
  #rooms = new Map();
  /** session -> Set of Clients */
  #sessions = new Map();
  /** room id -> the promise its last turn (inOrder) settles */
  #turns = new Map();
  #broker = null;
  #log;

  constructor({ log = silentLogger } = {}) {
    this.#log = log;
  }

  /** useBroker routes every publication, and every ended session, through broker (see broker.js). */
  useBroker(broker) {
    this.#broker = broker;
    broker.onFrame((room, frame) => this.deliver(room, frame));
    broker.onSessionEnded((session) => this.#kickSession(session, CLOSE_LOGGED_OUT));
  }

  /**
   * inOrder runs fn (async) once the room's earlier turns have settled, so
   * that what it changes and publishes reaches every member in the order of
   * the calls. It returns fn's promise.
   */
  inOrder(room, fn) {
    const run = (this.#turns.get(room) ?? Promise.resolve()).then(fn);
    const settled = run.then(
      () => {},
      () => {},
    );
    this.#turns.set(room, settled);
    settled.then(() => {
      if (this.#turns.get(room) === settled) this.#turns.delete(room);
    });
    return run;
  }

  /** connect makes client findable by its session, for endSession; disconnect when it ends. */
  connect(client) {
    let conns = this.#sessions.get(client.session);
    if (!conns) this.#sessions.set(client.session, (conns = new Set()));
    conns.add(client);
  }

  disconnect(client) {
    const conns = this.#sessions.get(client.session);
    conns?.delete(client);
    if (conns?.size === 0) this.#sessions.delete(client.session);
  }

  /**
   * endSession closes every connection of a session, on every instance,
   * with CLOSE_LOGGED_OUT. This instance's close at once; if the broker
   * fails, it is logged, and the other instances notice at their next ping.
   */
  async endSession(session) {
    this.#kickSession(session, CLOSE_LOGGED_OUT);
    try {
      await this.#broker?.endSession(session);
    } catch (err) {
      this.#log.warn('logout: tell the other instances', { err: err.message });
    }
  }

  #kickSession(session, reason) {
    for (const c of this.#sessions.get(session) ?? []) c.kick(reason);
  }

  /** publish sends a frame to every member of a room, on every instance. */
  async publish(room, frame) {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    if (this.#broker) await this.#broker.publish(room, text);
    else this.deliver(room, text);
  }

  /** deliver hands a frame to this instance's members of a room. */
  deliver(room, text) {
    for (const client of this.#rooms.get(room) ?? []) client.send(text);
  }

  /** join puts client in a room; true when no other connection of its user was there (a join is news). */
  join(client, room) {
    let members = this.#rooms.get(room);
    if (!members) this.#rooms.set(room, (members = new Set()));
    if (members.has(client)) return false;
    const first = !this.#userIn(room, client.user.id);
    members.add(client);
    return first;
  }

  /**
   * leave takes client out of a room. was: it was in; last: no other
   * connection of its user stays (a leave is news).
   */
  leave(client, room) {
    const members = this.#rooms.get(room);
    if (!members?.delete(client)) return { was: false, last: false };
    if (members.size === 0) this.#rooms.delete(room);
    return { was: true, last: !this.#userIn(room, client.user.id) };
  }

  /**
   * leaveAll takes client out of every room; returns the rooms where it was
   * its user's last connection. Announce them without an await in between,
   * or another change to a room could come before its leave.
   */
  leaveAll(client) {
    const gone = [];
    for (const room of [...this.#rooms.keys()]) {
      const { was, last } = this.leave(client, room);
      if (was && last) gone.push(room);
    }
    return gone.sort((a, b) => a - b);
  }

  has(client, room) {
    return this.#rooms.get(room)?.has(client) ?? false;
  }

  /** members lists the users connected to a room on this instance, once each, by username. */
  members(room) {
    const users = new Map();
    for (const c of this.#rooms.get(room) ?? []) users.set(c.user.id, c.user);
    return [...users.values()].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  }

  async close() {
    await this.#broker?.close();
  }

  #userIn(room, userId) {
    for (const c of this.#rooms.get(room) ?? []) if (c.user.id === userId) return true;
    return false;
  }
}
