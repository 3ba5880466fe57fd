import express from 'express';
import { z } from 'zod';
import { isObject, sendError } from '../http.js';
// waymark:begin solution presence
// waymark:stub
// import { notImplemented } from '../http.js';
// waymark:end
import { history } from '../store/messages.js';
import { createRoom, findRoom, listRooms, RoomNameTakenError } from '../store/rooms.js';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

const roomBody = z.object({ name: z.string().trim().min(1).max(64) });
const idParam = /^[1-9]\d{0,15}$/;

/**
 * roomsRouter: the rooms and their history under /api/rooms. The caller
 * puts requireUser in front. With a hub, it also answers who is online.
 */
export function roomsRouter({ db, now, hub }) {
  const router = express.Router();

  router.get('/', async (req, res) => {
    res.json({ data: await listRooms(db) });
  });

  router.post('/', async (req, res) => {
    if (!isObject(req.body)) return sendError(res, 400, 'request body must be a JSON object');
    const parsed = roomBody.safeParse(req.body);
    // Count characters, not UTF-16 units: an emoji is one.
    if (!parsed.success || [...parsed.data.name].length > 64) return sendError(res, 422, 'name: 1 to 64 characters');
    try {
      res.status(201).json(await createRoom(db, { name: parsed.data.name, createdBy: req.user.id, now: now() }));
    } catch (err) {
      if (err instanceof RoomNameTakenError) return sendError(res, 409, err.message);
      throw err;
    }
  });

  // Loads the room of :id into req.room, or answers 404.
  router.param('id', async (req, res, next, id) => {
    const room = idParam.test(id) ? await findRoom(db, Number(id)) : undefined;
    if (!room) return sendError(res, 404, 'room not found');
    req.room = room;
    next();
  });

  router.get('/:id', (req, res) => res.json(req.room));

  // A page of history, oldest first: ?limit=1..100 (default 50) and
  // ?before=<message id> for older pages. next_before is the cursor of the
  // next older page, null when there is none.
  router.get('/:id/messages', async (req, res) => {
    let limit = DEFAULT_PAGE;
    let before = null;
    if (req.query.limit !== undefined) {
      limit = Number(req.query.limit);
      if (!/^\d+$/.test(String(req.query.limit)) || limit < 1 || limit > MAX_PAGE) {
        return sendError(res, 400, 'limit: a number from 1 to 100');
      }
    }
    if (req.query.before !== undefined) {
      if (!idParam.test(String(req.query.before))) return sendError(res, 400, 'before: a message id');
      before = Number(req.query.before);
    }
    const { messages, hasMore } = await history(db, { room: req.room.id, before, limit });
    res.json({ data: messages, has_more: hasMore, next_before: hasMore ? messages[0].id : null });
  });

  // waymark:begin solution presence
  router.get('/:id/presence', (req, res) => {
    res.json({ type: 'presence', room: req.room.id, users: hub.members(req.room.id) });
  });
  // waymark:stub
  // router.get('/:id/presence', notImplemented('presence'));
  // waymark:end
  return router;
}
