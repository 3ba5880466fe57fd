import express from 'express';
import { z } from 'zod';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS } from '../auth/passwords.js';
import { signedIn } from '../auth/middleware.js';
import { sendError } from '../http.js';
import { createUser, publicUser, userByEmail, userById } from '../store/users.js';
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

/** authRouter: POST /register, POST /login, GET /me. */
export function authRouter({ db, tokens, passwords, now }) {
  const router = express.Router();
  const session = (user) => ({
    user: publicUser(user),
    access_token: tokens.issue(user),
    token_type: 'Bearer',
    expires_in: tokens.ttl,
  });

  router.post('/register', async (req, res) => {
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
    const user = await userByEmail(db, input.email);
    if (!(await passwords.verify(user?.password_hash, input.password))) {
      return sendError(res, 401, 'invalid email or password');
    }
    res.json(session(user));
  });

  router.get('/me', signedIn(tokens), async (req, res) => {
    const user = await userById(db, req.user.id);
    if (!user) return sendError(res, 401, 'account no longer exists');
    res.json({ user: publicUser(user) });
  });

  return router;
}
