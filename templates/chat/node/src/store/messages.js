import { iso } from './users.js';

/** addMessage persists a message and returns it with its server id and time. */
export async function addMessage(db, { room, user, text, now }) {
  const createdAt = now.toISOString();
  const { rows } = await db.run(
    'INSERT INTO messages (room_id, user_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    [room, user.id, text, createdAt],
  );
  return { id: Number(rows[0].id), room, user: { id: user.id, username: user.username }, text, created_at: createdAt };
}

/**
 * history returns up to limit messages of a room older than the message id
 * before (null: the newest), oldest first, and whether older ones remain.
 * Paging by id (a keyset) stays fast and stable while messages arrive: ask
 * for one more row than the page holds to learn whether there is more.
 */
export async function history(db, { room, before, limit }) {
  const rows = await db.all(
    `SELECT m.id, m.room_id, m.user_id, u.username, m.body, m.created_at
     FROM messages m JOIN users u ON u.id = m.user_id
     WHERE m.room_id = ? AND m.id < ?
     ORDER BY m.id DESC
     LIMIT ?`,
    [room, before ?? Number.MAX_SAFE_INTEGER, limit + 1],
  );
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit).reverse();
  return {
    messages: page.map((r) => ({
      id: Number(r.id),
      room: Number(r.room_id),
      user: { id: Number(r.user_id), username: r.username },
      text: r.body,
      created_at: iso(r.created_at),
    })),
    hasMore,
  };
}
