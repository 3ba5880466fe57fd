import express from 'express';
import { z } from 'zod';
import { adminOnly } from '../auth/middleware.js';
import { pathId, sendError, validationFailed } from '../http.js';
import { publicUser, ROLES, setRole } from '../store/users.js';
import { parseBody } from '../validate.js';

const roleChange = z.object({ role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }) });

/**
 * adminUsersRouter: PUT /:id/role under /api/admin/users. The change applies
 * to the user's next request, whatever tokens they hold (signedIn reads the
 * role every time). An admin cannot demote themselves, so the shop always
 * keeps at least one admin.
 */
export function adminUsersRouter({ db, tokens, log }) {
  const router = express.Router();
  router.use(adminOnly(tokens, db));

  router.put('/:id/role', async (req, res) => {
    const id = pathId(req.params.id);
    if (!id) return sendError(res, 404, 'user not found');
    const input = parseBody(roleChange, req, res);
    if (!input) return;
    if (id === req.user.id && input.role !== 'admin') {
      return validationFailed(res, { role: 'you cannot demote yourself; another admin can' });
    }
    const user = await setRole(db, id, input.role);
    if (!user) return sendError(res, 404, 'user not found');
    log.info('role changed', { by: req.user.id, user: user.id, role: user.role });
    res.json({ user: publicUser(user) });
  });

  return router;
}
