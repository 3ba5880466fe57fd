import express from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth/middleware.js';
import { hashRefreshToken, newRefreshToken, newTokenFamily } from '../auth/tokens.js';
import { UniqueViolationError } from '../db/index.js';
import { methodNotAllowed, sendError } from '../http.js';
import {
  createRefreshToken,
  RefreshTokenError,
  revokeRefreshFamily,
  rotateRefreshToken,
} from '../store/refreshTokens.js';
import { createUser, userByEmail, userById } from '../store/users.js';
import { charCount, parseBody, string } from '../validate.js';
// waymark:begin solution hardening
import { LOGIN_ATTEMPTS, LOGIN_WINDOW_MS, RateLimiter } from '../hardening.js';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS } from '../auth/passwords.js';
// waymark:stub
// waymark:end

const Email = string()
  .trim()
  .toLowerCase()
  .refine((e) => e.includes('@') && e.length <= 254, 'must be an email address');

// waymark:begin solution hardening
const NewPassword = string()
  .refine((p) => charCount(p) >= MIN_PASSWORD_CHARS, `must be at least ${MIN_PASSWORD_CHARS} characters`)
  .refine((p) => Buffer.byteLength(p) <= MAX_PASSWORD_BYTES, `must be at most ${MAX_PASSWORD_BYTES} bytes`);
// waymark:stub
// // TODO(hardening): at least 8 characters and at most 72 bytes.
// const NewPassword = string().min(1, 'is required');
// waymark:end

const Registration = z.object({ email: Email, password: NewPassword });
const Login = z.object({ email: string().trim().toLowerCase(), password: string() });
const RefreshBody = z.object({ refresh_token: string().min(1, 'is required') });

/**
 * authRouter serves /api/auth: register, login, me, refresh and logout.
 *
 * @param {object} deps
 * @param {object} deps.db
 * @param {object} deps.log
 * @param {() => Date} deps.now
 * @param {import('../auth/tokens.js').AccessTokens} deps.tokens
 * @param {import('../auth/passwords.js').Passwords} deps.passwords
 * @param {number} deps.refreshTtl refresh token lifetime in seconds
 */
export function authRouter({ db, log, now, tokens, passwords, refreshTtl }) {
  const router = express.Router();
  // waymark:begin solution hardening
  // Keyed by email: guessing one account's password is slowed down no
  // matter how many addresses the guesses come from.
  const logins = new RateLimiter(LOGIN_ATTEMPTS, LOGIN_WINDOW_MS, now);
  // waymark:stub
  // waymark:end

  /** session answers a new access token for userId, refreshToken and, if given, the user. */
  const session = (res, status, { userId, refreshToken, user }) => {
    const { token, expiresIn } = tokens.issue(userId);
    res.status(status).json({
      ...(user ? { user: { id: user.id, email: user.email } } : {}),
      access_token: token,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
    });
  };

  /** startSession starts a new refresh token family for user and answers the session. */
  const startSession = async (res, status, user) => {
    const { token, hash } = newRefreshToken();
    const at = now();
    await createRefreshToken(
      db,
      { userId: user.id, familyId: newTokenFamily(), hash, expiresAt: new Date(at.getTime() + refreshTtl * 1000) },
      at,
    );
    session(res, status, { userId: user.id, refreshToken: token, user });
  };

  router
    .route('/register')
    .post(async (req, res) => {
      const input = parseBody(Registration, req, res);
      if (!input) return;
      const hash = await passwords.hash(input.password);
      let user;
      try {
        user = await createUser(db, input.email, hash, now());
      } catch (err) {
        if (err instanceof UniqueViolationError) return sendError(res, 409, 'this email is already registered');
        throw err;
      }
      await startSession(res, 201, user);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/login')
    .post(async (req, res) => {
      const input = parseBody(Login, req, res);
      if (!input) return;
      // waymark:begin solution hardening
      const limit = logins.allow(input.email);
      if (!limit.ok) {
        res.set('Retry-After', String(limit.retryAfter));
        return sendError(res, 429, 'too many login attempts; try again later');
      }
      // waymark:stub
      // waymark:end
      const user = await userByEmail(db, input.email);
      // For an unknown email, verify still spends the time of a real check.
      if (!(await passwords.verify(user?.password_hash, input.password))) {
        return sendError(res, 401, 'invalid email or password');
      }
      await startSession(res, 200, user);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/me')
    .get(requireAuth(tokens), async (req, res) => {
      const user = await userById(db, req.userId);
      if (!user) return sendError(res, 401, 'this account no longer exists');
      res.json({ user: { id: user.id, email: user.email } });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/refresh')
    .post(async (req, res) => {
      const input = parseBody(RefreshBody, req, res);
      if (!input) return;
      const next = newRefreshToken();
      const at = now();
      let userId;
      try {
        userId = await rotateRefreshToken(
          db,
          hashRefreshToken(input.refresh_token),
          { hash: next.hash, expiresAt: new Date(at.getTime() + refreshTtl * 1000) },
          at,
        );
      } catch (err) {
        if (!(err instanceof RefreshTokenError)) throw err;
        if (err.reason === 'reused') log.warn('a rotated refresh token was reused; its family is revoked');
        return sendError(res, 401, 'invalid refresh token');
      }
      session(res, 200, { userId, refreshToken: next.token });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/logout')
    .post(async (req, res) => {
      const input = parseBody(RefreshBody, req, res);
      if (!input) return;
      await revokeRefreshFamily(db, hashRefreshToken(input.refresh_token), now());
      res.status(204).end();
    })
    .all(methodNotAllowed('POST'));

  return router;
}
