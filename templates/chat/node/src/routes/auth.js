import bcrypt from 'bcryptjs';
import express from 'express';
import { z } from 'zod';
import { bearerToken, hashToken, newToken, requireUser } from '../auth/sessions.js';
import { isObject, sendError } from '../http.js';
import { createSession, createUser, deleteSession, userByUsername, UsernameTakenError } from '../store/users.js';

const credentials = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{3,32}$/, 'username: 3 to 32 characters among a-z, 0-9, _ and -'),
  password: z
    .string()
    .min(8, 'password: 8 characters to 72 bytes')
    .refine((p) => Buffer.byteLength(p) <= 72, 'password: 8 characters to 72 bytes'),
});

/** authRouter: register, login, logout and me under /api/auth. */
export function authRouter({ db, now, bcryptCost, sessionTtl }) {
  const router = express.Router();
  // Compared against when the username is unknown, so that the answer's
  // timing does not tell which usernames exist.
  const dummyHash = bcrypt.hashSync('not a real password', bcryptCost);

  // startSession makes a random token, stores its hash and answers it.
  const startSession = async (res, status, user) => {
    const token = newToken();
    const t = now();
    const expiresAt = new Date(t.getTime() + sessionTtl * 1000);
    await createSession(db, { userId: user.id, tokenHash: hashToken(token), expiresAt, now: t });
    res.status(status).json({ token, user });
  };

  router.post('/register', async (req, res) => {
    if (!isObject(req.body)) return sendError(res, 400, 'request body must be a JSON object');
    const parsed = credentials.safeParse(req.body);
    if (!parsed.success) return sendError(res, 422, parsed.error.issues.map((i) => i.message).join('; '));
    const { username, password } = parsed.data;
    const passwordHash = await bcrypt.hash(password, bcryptCost);
    try {
      const user = await createUser(db, { username, passwordHash, now: now() });
      await startSession(res, 201, user);
    } catch (err) {
      if (err instanceof UsernameTakenError) return sendError(res, 409, 'username is taken');
      throw err;
    }
  });

  router.post('/login', async (req, res) => {
    if (!isObject(req.body)) return sendError(res, 400, 'request body must be a JSON object');
    const username = typeof req.body.username === 'string' ? req.body.username.trim().toLowerCase() : '';
    const password = typeof req.body.password === 'string' ? req.body.password : '';
    const found = await userByUsername(db, username);
    const ok = await bcrypt.compare(password, found?.passwordHash ?? dummyHash);
    if (!found || !ok) return sendError(res, 401, 'invalid username or password');
    await startSession(res, 200, found.user);
  });

  const auth = requireUser({ db, now });
  router.post('/logout', auth, async (req, res) => {
    await deleteSession(db, hashToken(bearerToken(req.get('Authorization'))));
    res.status(204).end();
  });
  router.get('/me', auth, (req, res) => res.json(req.user));
  return router;
}
