import express from 'express';
import { z } from 'zod';
import { authenticate } from '../auth/middleware.js';
import { fail, invalid, validate } from '../http.js';
import { ROLES, canManageUsers } from '../policy.js';
import { setRole } from '../store/roles.js';
import { userByUsername } from '../store/users.js';

const roleChange = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});

/**
 * rolesRouter: PUT /api/admin/users/:username/role, for admins only. An
 * admin may not demote themselves: the last admin would lock everybody out
 * of the dashboard and of role changes.
 */
export function rolesRouter({ db, log, tokens }) {
  const router = express.Router();
  router.put('/admin/users/:username/role', authenticate({ db, tokens }, { required: true }), async (req, res) => {
    if (!canManageUsers(req.user)) return fail(res, 403, 'only admins may change roles');
    const body = validate(res, roleChange, req.body);
    if (!body) return;
    const user = await userByUsername(db, req.params.username);
    if (!user) return fail(res, 404, 'user not found');
    if (user.id === req.user.id && body.role !== 'admin') return invalid(res, { role: ['you cannot demote yourself'] });
    const changed = await setRole(db, user.id, body.role);
    log.info('role changed', { by: req.user.username, user: changed.username, role: changed.role });
    res.json({ profile: { username: changed.username, bio: changed.bio, image: changed.image, role: changed.role } });
  });
  return router;
}
