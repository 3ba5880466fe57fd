import express from 'express';
import { z } from 'zod';
import { DUMMY_HASH } from '../auth/passwords.js';
import { authenticate } from '../auth/middleware.js';
import { fail, invalid, validate } from '../http.js';
import { retryAfterSeconds } from '../ratelimit.js';
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

/**
 * httpUrl reports whether v is an absolute http or https URL with a host, at
 * most 2048 characters, without spaces or control characters: what a
 * profile image may be. javascript: and data: URLs are refused, because
 * clients put the image into an <img src> or a link.
 */
export function httpUrl(v) {
  // The WHATWG parser quietly drops tabs and newlines and reads "https:///x"
  // as the host x: refuse both before parsing.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (v.length > 2048 || /[\s\u0000-\u001f\u007f]/.test(v) || !/^https?:\/\/[^/?#\\]/i.test(v)) return false;
  try {
    const url = new URL(v);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const registration = z.object({ user: z.object({ username: username(), email: email(), password: password() }) });
const login = z.object({ user: z.object({ email: text().min(1, blank), password: text().min(1, blank) }) });
const update = z
  .object({
    user: z.object({
      username: username().optional(),
      email: email().optional(),
      password: password().optional(),
      // This API's addition to the RealWorld body: needed with a new password.
      currentPassword: text().optional(),
      bio: text().nullable().optional(),
      image: text()
        .refine((v) => v === '' || httpUrl(v), 'must be an http(s) URL')
        .nullable()
        .optional(),
    }),
  })
  .refine((b) => b.user.password === undefined || Boolean(b.user.currentPassword), {
    message: "can't be blank when you change the password",
    path: ['user', 'currentPassword'],
  });

/** tooMany answers 429 with Retry-After in whole seconds. */
export function tooMany(res, retryAfterMs, message) {
  res.set('Retry-After', String(retryAfterSeconds(retryAfterMs)));
  return fail(res, 429, message);
}

/**
 * checkPassword checks password against user (or, for an unknown email, a
 * dummy hash that takes as long) within the login limit for the account
 * email from the client address addr (req.ip: the peer, or with
 * TRUST_PROXY=1 the last X-Forwarded-For hop). It answers 'limited' (with
 * retryAfterMs), 'wrong' or 'ok'.
 */
export async function checkPassword({ logins, passwords }, { email, addr, password, user }) {
  const attempt = logins.attempt(email.trim().toLowerCase(), addr);
  if (!attempt.ok) return { result: 'limited', retryAfterMs: attempt.retryAfterMs };
  const ok = await passwords.verify(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return { result: 'wrong' };
  attempt.succeeded();
  return { result: 'ok' };
}

/**
 * usersRouter: POST /api/users, POST /api/users/login, GET and PUT /api/user.
 * logins is the LoginGuard shared with the dashboard; signups the
 * registration budget per client address.
 */
export function usersRouter({ db, log, tokens, passwords, logins, signups }) {
  const router = express.Router();
  const requireUser = authenticate({ db, tokens }, { required: true });

  router.post('/users', async (req, res) => {
    // Every attempt, valid or not, takes one of the address's sign-up tokens.
    const allowed = signups.take(req.ip);
    if (!allowed.ok) return tooMany(res, allowed.retryAfterMs, 'too many sign-ups from your address, try again later');
    const body = validate(res, registration, req.body);
    if (!body) return;
    const { username, email, password } = body.user;
    const taken = await takenFields(db, { username, email });
    if (Object.keys(taken).length > 0) return invalid(res, taken);
    try {
      const user = await createUser(db, { username, email, passwordHash: await passwords.hash(password) });
      log.info('user registered', { user_id: user.id });
      res.status(201).json({ user: userJson(user, tokens.sign(user.id, user.tokenVersion)) });
    } catch (err) {
      // Two registrations raced for the same name: the constraint decides.
      if (err instanceof UniqueViolationError)
        return invalid(res, { '': ['email or username has already been taken'] });
      throw err;
    }
  });

  router.post('/users/login', async (req, res) => {
    const body = validate(res, login, req.body);
    if (!body) return;
    const { email, password } = body.user;
    const user = await userByEmail(db, email.trim());
    // Hash even for an unknown email: both answers take as long and say the same.
    const check = await checkPassword({ logins, passwords }, { email, addr: req.ip, password, user });
    if (check.result === 'limited') return tooMany(res, check.retryAfterMs, 'too many failed logins, try again later');
    if (check.result === 'wrong') return fail(res, 401, 'email or password is invalid');
    res.json({ user: userJson(user, tokens.sign(user.id, user.tokenVersion)) });
  });

  router.get('/user', requireUser, (req, res) => {
    res.json({ user: userJson(req.user, tokenOf(req)) });
  });

  // A new password needs the current one, and ends every other session: the
  // token version goes up (earlier tokens answer 401) and dashboard sessions
  // end. The answer carries a fresh token, which RealWorld clients store.
  router.put('/user', requireUser, async (req, res) => {
    const body = validate(res, update, req.body);
    if (!body) return;
    const { password, currentPassword, ...fields } = body.user;
    if (password !== undefined) {
      // A wrong guess counts as a failed login: a stolen token gets no more guesses here.
      const check = await checkPassword(
        { logins, passwords },
        { email: req.user.email, addr: req.ip, password: currentPassword, user: req.user },
      );
      if (check.result === 'limited')
        return tooMany(res, check.retryAfterMs, 'too many failed password checks, try again later');
      if (check.result === 'wrong') return invalid(res, { currentPassword: ['is invalid'] });
    }
    const taken = await takenFields(db, fields, req.user.id);
    if (Object.keys(taken).length > 0) return invalid(res, taken);
    if (password !== undefined) fields.passwordHash = await passwords.hash(password);
    const user = await updateUser(db, req.user.id, fields);
    if (password !== undefined) log.info('password changed, other sessions ended', { user_id: user.id });
    const token = password !== undefined ? tokens.sign(user.id, user.tokenVersion) : tokenOf(req);
    res.json({ user: userJson(user, token) });
  });

  return router;
}

const tokenOf = (req) => req.get('Authorization').split(' ')[1];
