import { UniqueViolationError } from '../db/index.js';
import { iso } from './users.js';

export class RoomNameTakenError extends Error {}

/** createRoom adds a room; throws RoomNameTakenError when the name is taken. */
export async function createRoom(db, { name, createdBy, now }) {
  const createdAt = now.toISOString();
  try {
    const { rows } = await db.run('INSERT INTO rooms (name, created_by, created_at) VALUES (?, ?, ?) RETURNING id', [
      name,
      createdBy,
      createdAt,
    ]);
    return { id: Number(rows[0].id), name, created_by: createdBy, created_at: createdAt };
  } catch (err) {
    if (err instanceof UniqueViolationError) throw new RoomNameTakenError('a room with this name exists');
    throw err;
  }
}

/** listRooms lists every room by name. */
export async function listRooms(db) {
  const rows = await db.all('SELECT id, name, created_by, created_at FROM rooms ORDER BY name, id');
  return rows.map(toRoom);
}

/** findRoom returns one room, or undefined. */
export async function findRoom(db, id) {
  const row = await db.get('SELECT id, name, created_by, created_at FROM rooms WHERE id = ?', [id]);
  return row && toRoom(row);
}

function toRoom(row) {
  return { id: Number(row.id), name: row.name, created_by: Number(row.created_by), created_at: iso(row.created_at) };
}
