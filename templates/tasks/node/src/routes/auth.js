import express from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth/middleware.js';
import { hashRefreshToken, newRefreshToken, newTokenFamily } from '../auth/tokens.js';
import { UniqueViolationError } from '../db/index.js';
import { methodNotAllowed, sendError, validationFailed } from '../http.js';
import {
  createRefreshToken,
  RefreshTokenError,
  revokeRefreshFamily,
  rotateRefreshToken,
} from '../store/refreshTokens.js';
import { changePassword, createUser, deleteUser, passwordHashOf, userByEmail } from '../store/users.js';
import { parseBody, string } from '../validate.js';
// waymark:begin solution hardening
import { charCount } from '../validate.js';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS } from '../auth/passwords.js';
import { LoginGuard, PERIOD_MS, REGISTRATIONS_PER_ADDRESS, retryAfterSeconds, TokenBucket } from '../ratelimit.js';
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
const CurrentPassword = string().min(1, 'is required');
const PasswordChange = z.object({ current_password: CurrentPassword, new_password: NewPassword });
const AccountDeletion = z.object({ current_password: CurrentPassword });

/**
 * authRouter serves /api/auth: register, login, me (read and delete),
 * password, refresh and logout.
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
  const auth = requireAuth({ tokens, db });
  // waymark:begin solution hardening
  // Failed logins per (email, address) pair and per address, and sign-ups
  // per address (see ratelimit.js). req.ip is the client's address (see
  // TRUST_PROXY in app.js).
  const logins = new LoginGuard(now);
  const signups = new TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_MS, now);
  const tooMany = (res, retryAfterMs, message) => {
    res.set('Retry-After', String(retryAfterSeconds(retryAfterMs)));
    return sendError(res, 429, message);
  };
  // waymark:stub
  // waymark:end

  /**
   * passwordIsRight checks the signed-in user's current password; when it is
   * wrong it answers 422 naming current_password (or 429) and returns
   * false. The attempts count against the login limit: otherwise a stolen
   * access token would be a way to guess the password without one.
   */
  const passwordIsRight = async (req, res, password) => {
    // waymark:begin solution hardening
    const attempt = logins.attempt(req.user.email, req.ip);
    if (!attempt.ok) {
      tooMany(res, attempt.retryAfterMs, 'too many password attempts; try again later');
      return false;
    }
    // waymark:stub
    // // TODO(hardening): count wrong current passwords like failed logins.
    // const attempt = { succeeded: () => {} };
    // waymark:end
    if (!(await passwords.verify(await passwordHashOf(db, req.user.id), password))) {
      validationFailed(res, { current_password: 'is not the current password' });
      return false;
    }
    attempt.succeeded();
    return true;
  };

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
      // waymark:begin solution hardening
      // Every attempt counts, valid or not.
      const signup = signups.take(req.ip);
      if (!signup.ok) return tooMany(res, signup.retryAfterMs, 'too many sign-ups from this address; try again later');
      // waymark:stub
      // // TODO(hardening): limit sign-ups per client address (429 with Retry-After).
      // waymark:end
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
      const attempt = logins.attempt(input.email, req.ip);
      if (!attempt.ok) return tooMany(res, attempt.retryAfterMs, 'too many login attempts; try again later');
      // waymark:stub
      // // TODO(hardening): refuse with 429 once this email and address failed too often.
      // const attempt = { succeeded: () => {} };
      // waymark:end
      const user = await userByEmail(db, input.email);
      // For an unknown email, verify still spends the time of a real check.
      if (!(await passwords.verify(user?.password_hash, input.password))) {
        return sendError(res, 401, 'invalid email or password');
      }
      attempt.succeeded();
      await startSession(res, 200, user);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/me')
    .get(auth, (req, res) => {
      res.json({ user: { id: req.user.id, email: req.user.email } });
    })
    // Deletes the account, with its tasks and sessions, once the password confirms it.
    .delete(auth, async (req, res) => {
      const input = parseBody(AccountDeletion, req, res);
      if (!input || !(await passwordIsRight(req, res, input.current_password))) return;
      await deleteUser(db, req.user.id);
      res.status(204).end();
    })
    .all(methodNotAllowed('GET', 'DELETE'));

  // A new password needs the current one, so that a stolen access token
  // cannot take the account over, and ends every session of the user; the
  // caller gets a new one.
  router
    .route('/password')
    .post(auth, async (req, res) => {
      const input = parseBody(PasswordChange, req, res);
      if (!input || !(await passwordIsRight(req, res, input.current_password))) return;
      const hash = await passwords.hash(input.new_password);
      if (!(await changePassword(db, req.user.id, hash, now()))) {
        return sendError(res, 401, 'this account no longer exists'); // deleted meanwhile
      }
      await startSession(res, 200, req.user);
    })
    .all(methodNotAllowed('POST'));

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
