// RedisBroker shares rooms between chat instances through Redis pub/sub.
// Each room has a channel chat:<namespace>:room:<id>; every instance
// subscribes to chat:<namespace>:room:* and delivers what it hears to its
// own clients, its own publications included. Logouts go on
// chat:<namespace>:session-ended, so every instance closes that session's
// sockets. Redis forgets a frame once
// published: persistence is the database's job.
import { createClient } from 'redis';

export class RedisBroker {
  #pub;
  #sub;
  #prefix;
  #ended;
  #listeners = [];
  #endedListeners = [];

  constructor(pub, sub, namespace) {
    this.#pub = pub;
    this.#sub = sub;
    this.#prefix = `chat:${namespace}:room:`;
    this.#ended = `chat:${namespace}:session-ended`;
  }

  /**
   * connect connects to url (redis://host:port/db) and subscribes before
   * it returns, so that no frame published afterwards is missed. A
   * subscribed connection can do nothing else, hence two connections. The
   * client reconnects and resubscribes by itself after a network error.
   */
  static async connect(url, namespace, log) {
    const pub = createClient({ url });
    const sub = pub.duplicate();
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ]) {
      client.on('error', (err) => log.warn('redis', { connection: name, err: err.message }));
    }
    await Promise.all([pub.connect(), sub.connect()]);
    const broker = new RedisBroker(pub, sub, namespace);
    await sub.pSubscribe(`${broker.#prefix}*`, (message, channel) => broker.#deliver(message, channel));
    await sub.subscribe(broker.#ended, (session) => {
      for (const fn of broker.#endedListeners) fn(session);
    });
    return broker;
  }

  /** onFrame registers fn(room, frame) for every frame of every room. */
  onFrame(fn) {
    this.#listeners.push(fn);
  }

  /** onSessionEnded registers fn(session) for every session that ends (logout) on any instance. */
  onSessionEnded(fn) {
    this.#endedListeners.push(fn);
  }

  /**
   * publish sends a frame (a JSON string) to the room's channel. The
   * command is queued on the one publishing connection when publish is
   * called, so frames go out, and are relayed, in the order of the calls.
   */
  async publish(room, frame) {
    await this.#pub.publish(this.#prefix + room, frame);
  }

  /** endSession tells every instance, this one included, that a session ended. */
  async endSession(session) {
    await this.#pub.publish(this.#ended, session);
  }

  async close() {
    await Promise.allSettled([this.#sub.close(), this.#pub.close()]);
  }

  #deliver(message, channel) {
    const room = Number(channel.slice(this.#prefix.length));
    if (!Number.isSafeInteger(room)) return;
    for (const fn of this.#listeners) fn(room, message);
  }
}
