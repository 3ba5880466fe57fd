"""Who may do what: every role rule of the API and the dashboard lives here,
so that no handler applies them differently. The role is the one read from
the database for this request, never a token's."""

from .store.models import User


def may_publish(user: User) -> bool:
    """Whether user may write new articles."""
    # waymark:begin solution roles
    return user.role != "reader"
    # waymark:stub
    # # TODO(roles): readers may comment but not publish.
    # return True
    # waymark:end


def may_change(user: User, owner_id: int) -> bool:
    """Whether user may edit or delete content (an article, a comment) written by owner_id."""
    # waymark:begin solution roles
    if user.role in ("editor", "admin"):
        return True
    # waymark:stub
    # # TODO(roles): editors and admins may change anyone's content.
    # waymark:end
    return user.id == owner_id


def may_manage_users(user: User | None) -> bool:
    """Whether user may change roles and use the dashboard."""
    return user is not None and user.role == "admin"
