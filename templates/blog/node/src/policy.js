// Who may do what: every permission rule of the API and the dashboard lives
// here, so that one file answers "can this user ...?".

export const ROLES = ['reader', 'author', 'editor', 'admin'];

/** canPublish: may user create articles? */
export function canPublish(user) {
  // waymark:begin solution roles
  return user.role !== 'reader';
  // waymark:stub
  // // TODO(roles): readers may comment but not publish.
  // return Boolean(user);
  // waymark:end
}

/** canModify: may user edit or delete content (an article, a comment) written by ownerId? */
export function canModify(user, ownerId) {
  if (user.id === ownerId) return true;
  // waymark:begin solution roles
  return user.role === 'editor' || user.role === 'admin';
  // waymark:stub
  // // TODO(roles): editors and admins may change anyone's content.
  // return false;
  // waymark:end
}

/** canManageUsers: may user change roles and use the dashboard? */
export function canManageUsers(user) {
  return user?.role === 'admin';
}
