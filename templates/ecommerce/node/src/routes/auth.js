import express from 'express';
import { z } from 'zod';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS } from '../auth/passwords.js';
import { signedIn } from '../auth/middleware.js';
import { sendError } from '../http.js';
import { LoginGuard, PERIOD_MS, REGISTRATIONS_PER_ADDRESS, retryAfterSeconds, TokenBucket } from '../ratelimit.js';
import { createUser, publicUser, userByEmail } from '../store/users.js';
import { msg, parseBody } from '../validate.js';

const email = z
  .string(msg('a string'))
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid email address' }).max(254, { error: 'is too long' }));

const newPassword = z
  .string(msg('a string'))
  .min(MIN_PASSWORD_CHARS, { error: `must be at least ${MIN_PASSWORD_CHARS} characters` })
  .refine((p) => Buffer.byteLength(p) <= MAX_PASSWORD_BYTES, { error: `must be at most ${MAX_PASSWORD_BYTES} bytes` });

// A "role" in the body is not in the schema, so zod drops it: nobody registers as admin.
const registration = z.object({ email, password: newPassword });
const credentials = z.object({
  email: z.string(msg('a string')).trim().toLowerCase(),
  password: z.string(msg('a string')),
});

/** tooManyAttempts answers 429 with Retry-After in whole seconds. */
function tooManyAttempts(res, retryAfterMs, what) {
  res.set('Retry-After', String(retryAfterSeconds(retryAfterMs)));
  return sendError(res, 429, `too many ${what} attempts: try again in a minute`);
}

/**
 * authRouter: POST /register, POST /login, GET /me. Logins and registrations
 * are limited per client address (req.ip: the peer, or the proxy's hop with
 * TRUST_PROXY=1) and logins per (email, address) too: see ratelimit.js.
 */
export function authRouter({ db, tokens, passwords, now, log }) {
  const router = express.Router();
  const logins = new LoginGuard(now);
  const registrations = new TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_MS, now);
  const session = (user) => ({
    user: publicUser(user),
    access_token: tokens.issue(user),
    token_type: 'Bearer',
    expires_in: tokens.ttl,
  });

  // Every attempt, valid or not, takes a token of the address's budget.
  router.post('/register', async (req, res) => {
    const allowed = registrations.take(req.ip);
    if (!allowed.ok) {
      log.warn('registration refused: too many attempts', { addr: req.ip });
      return tooManyAttempts(res, allowed.retryAfterMs, 'registration');
    }
    const input = parseBody(registration, req, res);
    if (!input) return;
    const passwordHash = await passwords.hash(input.password);
    const user = await createUser(db, { email: input.email, passwordHash }, now());
    if (!user) return sendError(res, 409, 'email is already registered');
    res.status(201).json(session(user));
  });

  router.post('/login', async (req, res) => {
    const input = parseBody(credentials, req, res);
    if (!input) return;
    // Reserve one failure; a right password gives it back. While limited,
    // even the right password waits, or the 429 would reveal good guesses.
    const attempt = logins.attempt(input.email, req.ip);
    if (!attempt.ok) {
      log.warn('login refused: too many failures', { addr: req.ip });
      return tooManyAttempts(res, attempt.retryAfterMs, 'login');
    }
    const user = await userByEmail(db, input.email);
    if (!(await passwords.verify(user?.password_hash, input.password))) {
      return sendError(res, 401, 'invalid email or password');
    }
    attempt.succeeded();
    res.json(session(user));
  });

  router.get('/me', signedIn(tokens, db), (req, res) => res.json({ user: req.user }));

  return router;
}
