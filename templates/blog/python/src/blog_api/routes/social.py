"""Profiles and follows, the feed, favorites, comments and tags."""

import re
from collections.abc import Callable
from typing import Annotated

from flask import Blueprint, Response, jsonify
from pydantic import AfterValidator, BaseModel

from ..auth.middleware import current_user, optional_user, require_user, viewer, viewer_id
from ..errors import fail, invalid, not_found
from ..policy import may_change
from ..services import get_db, services
from ..store import social
from ..store.models import ArticleFilter, User
from ..store.users import user_by_username
from ..validation import Required, member, read_json, text_error, validate
from .articles import article_answer, articles_answer, find_article, paging

bp = Blueprint("social", __name__, url_prefix="/api")

MAX_COMMENT_CHARS = 10_000
_ID = re.compile(r"[1-9][0-9]{0,15}")


def _find_user(username: str) -> User:
    user = user_by_username(get_db(), username)
    if user is None:
        raise not_found("profile")
    return user


def _profile_answer(user: User) -> Response:
    who = viewer()
    following = who is not None and social.follows(get_db(), who.id, user.id)
    return jsonify(
        profile={
            "username": user.username,
            "bio": user.bio,
            "image": user.image,
            "following": following,
        }
    )


@bp.get("/profiles/<username>")
@optional_user
def profile(username: str) -> Response:
    return _profile_answer(_find_user(username))


@bp.post("/profiles/<username>/follow")
@require_user
def follow(username: str) -> Response:
    user = _find_user(username)
    if user.id == current_user().id:
        raise invalid({"profile": ["you cannot follow yourself"]})
    social.follow(get_db(), current_user().id, user.id)
    return _profile_answer(user)


@bp.delete("/profiles/<username>/follow")
@require_user
def unfollow(username: str) -> Response:
    user = _find_user(username)
    social.unfollow(get_db(), current_user().id, user.id)
    return _profile_answer(user)


@bp.get("/articles/feed")
@require_user
def feed() -> Response:
    """The articles of the authors the caller follows, newest first."""
    limit, offset = paging()
    return articles_answer(ArticleFilter(feed_of=current_user().id, limit=limit, offset=offset))


def _favorite(change: Callable[[int, int], None], slug: str) -> tuple[Response, int]:
    article = find_article(slug)
    change(current_user().id, article.id)
    return article_answer(article.slug)


@bp.post("/articles/<slug>/favorite")
@require_user
def favorite(slug: str) -> tuple[Response, int]:
    return _favorite(lambda user, article: social.favorite(get_db(), user, article), slug)


@bp.delete("/articles/<slug>/favorite")
@require_user
def unfavorite(slug: str) -> tuple[Response, int]:
    return _favorite(lambda user, article: social.unfavorite(get_db(), user, article), slug)


@bp.get("/articles/<slug>/comments")
@optional_user
def comments(slug: str) -> Response:
    article = find_article(slug)
    listed = social.comments(get_db(), article.id, viewer_id())
    return jsonify(comments=[c.to_json() for c in listed])


def _comment_body(value: str) -> str:
    if len(value) > MAX_COMMENT_CHARS:
        raise text_error(f"is too long (at most {MAX_COMMENT_CHARS} characters)")
    return value


class NewComment(BaseModel):
    body: Annotated[Required, AfterValidator(_comment_body)]


@bp.post("/articles/<slug>/comments")
@require_user
def add_comment(slug: str) -> Response:
    """Every role may comment."""
    article = find_article(slug)
    data = validate(NewComment, member(read_json(), "comment"))
    db = get_db()
    comment_id = social.add_comment(
        db, article.id, current_user().id, data.body, services().clock()
    )
    comment = social.comment_by_id(db, comment_id, current_user().id)
    if comment is None:  # deleted meanwhile
        raise not_found("comment")
    return jsonify(comment=comment.to_json())


@bp.delete("/articles/<slug>/comments/<id>")
@require_user
def delete_comment(slug: str, id: str) -> Response:  # the path's {id}
    article = find_article(slug)
    # An id that is not a number cannot exist: 404, like an unknown one.
    comment = (
        social.comment_by_id(get_db(), int(id), current_user().id) if _ID.fullmatch(id) else None
    )
    if comment is None or comment.article_id != article.id:
        raise not_found("comment")
    if not may_change(current_user(), comment.author_id):
        raise fail(403, "you may only delete your own comments")
    social.delete_comment(get_db(), comment.id)
    return Response(status=204)


@bp.get("/tags")
def tags() -> Response:
    return jsonify(tags=social.tags(get_db()))
