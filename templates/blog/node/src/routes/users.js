import express from 'express';
import { z } from 'zod';
import { DUMMY_HASH } from '../auth/passwords.js';
import { authenticate } from '../auth/middleware.js';
import { fail, invalid, validate } from '../http.js';
import { createUser, takenFields, updateUser, userByEmail, userJson } from '../store/users.js';
import { UniqueViolationError } from '../db/index.js';

const blank = "can't be blank";
const text = () => z.string({ error: (i) => (i.input === undefined ? blank : 'must be a string') });
const username = () =>
  text()
    .trim()
    .min(1, blank)
    .max(50, 'is too long')
    .regex(/^[\w.-]+$/, 'may hold letters, digits, _ . and - only');
const email = () => text().trim().min(1, blank).pipe(z.email('is invalid'));
const password = () =>
  text().min(8, 'is too short (minimum is 8 characters)').max(72, 'is too long (maximum is 72 bytes)');

const registration = z.object({ user: z.object({ username: username(), email: email(), password: password() }) });
const login = z.object({ user: z.object({ email: text().min(1, blank), password: text().min(1, blank) }) });
const update = z.object({
  user: z.object({
    username: username().optional(),
    email: email().optional(),
    password: password().optional(),
    bio: text().nullable().optional(),
    image: text().nullable().optional(),
  }),
});

/** usersRouter: POST /api/users, POST /api/users/login, GET and PUT /api/user. */
export function usersRouter({ db, log, tokens, passwords }) {
  const router = express.Router();
  const requireUser = authenticate({ db, tokens }, { required: true });

  router.post('/users', async (req, res) => {
    const body = validate(res, registration, req.body);
    if (!body) return;
    const { username, email, password } = body.user;
    const taken = await takenFields(db, { username, email });
    if (Object.keys(taken).length > 0) return invalid(res, taken);
    try {
      const user = await createUser(db, { username, email, passwordHash: await passwords.hash(password) });
      log.info('user registered', { user_id: user.id });
      res.status(201).json({ user: userJson(user, tokens.sign(user.id)) });
    } catch (err) {
      // Two registrations raced for the same name: the constraint decides.
      if (err instanceof UniqueViolationError)
        return invalid(res, { body: ['email or username has already been taken'] });
      throw err;
    }
  });

  router.post('/users/login', async (req, res) => {
    const body = validate(res, login, req.body);
    if (!body) return;
    const user = await userByEmail(db, body.user.email.trim());
    // Hash even for an unknown email: both answers take as long and say the same.
    const ok = await passwords.verify(body.user.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) return fail(res, 401, 'email or password is invalid');
    res.json({ user: userJson(user, tokens.sign(user.id)) });
  });

  router.get('/user', requireUser, (req, res) => {
    res.json({ user: userJson(req.user, tokenOf(req)) });
  });

  router.put('/user', requireUser, async (req, res) => {
    const body = validate(res, update, req.body);
    if (!body) return;
    const { password, ...fields } = body.user;
    const taken = await takenFields(db, fields, req.user.id);
    if (Object.keys(taken).length > 0) return invalid(res, taken);
    if (password !== undefined) fields.passwordHash = await passwords.hash(password);
    const user = await updateUser(db, req.user.id, fields);
    res.json({ user: userJson(user, tokenOf(req)) });
  });

  return router;
}

const tokenOf = (req) => req.get('Authorization').split(' ')[1];
