import bcrypt from 'bcryptjs';
import express from 'express';
import { z } from 'zod';
import { bearerToken, hashToken, newToken, requireUser } from '../auth/sessions.js';
import { isObject, sendError } from '../http.js';
import { LoginGuard, PERIOD_MS, REGISTRATIONS_PER_ADDRESS, retryAfterSeconds, TokenBucket } from '../ratelimit.js';
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

/** tooManyRequests answers 429 with the whole seconds to wait. */
function tooManyRequests(res, retryAfterMs, message) {
  res.set('Retry-After', String(retryAfterSeconds(retryAfterMs)));
  return sendError(res, 429, message);
}

/**
 * authRouter: register, login, logout and me under /api/auth. Failed
 * logins are limited per username and client address, and per address;
 * registration attempts per address (src/ratelimit.js).
 */
export function authRouter({ db, now, hub, bcryptCost, sessionTtl }) {
  const router = express.Router();
  const logins = new LoginGuard(now);
  const signups = new TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_MS, now);
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
    // Every attempt counts, valid or not: a flood of sign-ups from one
    // address is slowed down before it costs a bcrypt hash each.
    const budget = signups.take(req.ip);
    if (!budget.ok)
      return tooManyRequests(res, budget.retryAfterMs, 'too many sign-ups from this address; try again later');
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
    // Failures count per username and client address, and per address: a
    // guesser is slowed down, but cannot lock the user out of their own
    // machine.
    const attempt = logins.attempt(username, req.ip);
    if (!attempt.ok) return tooManyRequests(res, attempt.retryAfterMs, 'too many failed logins; try again later');
    const found = await userByUsername(db, username);
    const ok = await bcrypt.compare(password, found?.passwordHash ?? dummyHash);
    if (!found || !ok) return sendError(res, 401, 'invalid username or password');
    attempt.succeeded();
    await startSession(res, 200, found.user);
  });

  const auth = requireUser({ db, now });
  router.post('/logout', auth, async (req, res) => {
    const session = hashToken(bearerToken(req.get('Authorization')));
    await deleteSession(db, session);
    // waymark:begin solution realtime
    // The session's open WebSockets end too (1008), on every instance: a
    // logged-out socket must not keep posting. Deleted first, so that no
    // new upgrade can start after this.
    await hub.endSession(session);
    // waymark:stub
    // waymark:end
    res.status(204).end();
  });
  router.get('/me', auth, (req, res) => res.json(req.user));
  return router;
}
