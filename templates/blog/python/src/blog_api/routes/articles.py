"""GET and POST /api/articles, GET, PUT and DELETE /api/articles/<slug>."""

import dataclasses
import re
import secrets
from collections.abc import Callable
from typing import Annotated

from flask import Blueprint, Response, jsonify, request
from pydantic import AfterValidator, BaseModel, Field

from ..auth.middleware import current_user, optional_user, require_user, viewer_id
from ..db import UniqueViolation
from ..errors import fail, invalid, not_found
from ..policy import may_change, may_publish
from ..services import get_db, services
from ..store.articles import (
    article_by_slug,
    create_article,
    delete_article,
    list_articles,
    slug_taken,
    update_article,
)
from ..store.models import Article, ArticleFilter
from ..validation import BLANK, member, read_json, text_error, validate

bp = Blueprint("articles", __name__, url_prefix="/api")

MAX_TEXT_CHARS = 500
MAX_TAGS = 20
MAX_TAG_CHARS = 50
MAX_SLUG_CHARS = 80
DEFAULT_LIMIT, MAX_LIMIT = 20, 100
MAX_OFFSET = 1_000_000
"""offset is bounded: no reader pages that far, and a bound keeps every value
the database sees an ordinary number."""

_NUMBER = re.compile(r"[0-9]{1,16}")


def _bounded(name: str, default: int, low: int, high: int, errors: dict[str, list[str]]) -> int:
    values = [v for v in request.args.getlist(name) if v != ""]
    if not values:
        return default
    # ASCII digits only (int() would also read " 7", "1_000" and "٣"), once.
    if len(values) == 1 and _NUMBER.fullmatch(values[0]) and low <= int(values[0]) <= high:
        return int(values[0])
    errors[name] = [f"must be a number from {low} to {high}"]
    return default


def paging() -> tuple[int, int]:
    """limit (default 20, 1 to 100) and offset (default 0, 0 to MAX_OFFSET) of
    the query string; anything else is a 422 naming them."""
    errors: dict[str, list[str]] = {}
    limit = _bounded("limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors)
    offset = _bounded("offset", 0, 0, MAX_OFFSET, errors)
    if errors:
        raise invalid(errors)
    return limit, offset


def articles_answer(query: ArticleFilter) -> Response:
    """{"articles": [...], "articlesCount": n}; lists leave the bodies out."""
    articles, total = list_articles(get_db(), viewer_id(), query)
    return jsonify(articles=[a.to_json(with_body=False) for a in articles], articlesCount=total)


def article_answer(slug: str, status: int = 200) -> tuple[Response, int]:
    """{"article": ...} for the article with slug, as the caller sees it."""
    article = article_by_slug(get_db(), slug, viewer_id())
    if article is None:  # deleted or hidden meanwhile
        raise not_found("article")
    return jsonify(article=article.to_json()), status


def find_article(slug: str) -> Article:
    """The published article with slug as the caller sees it, or a 404."""
    article = article_by_slug(get_db(), slug, viewer_id())
    if article is None:
        raise not_found("article")
    return article


def slugify(title: str) -> str:
    """The lower-case words (letters and digits) of title joined by "-"."""
    words = re.findall(r"[^\W_]+", title.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG_CHARS:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or (words[0][:MAX_SLUG_CHARS] if words else "article")


def _free_slug(title: str, except_id: int = 0) -> str:
    """The title's slug, with a random suffix when another article has it
    already (a number counting up would cost a query per article with that
    title)."""
    slug = slugify(title)
    if slug_taken(get_db(), slug, except_id):
        slug = f"{slug}-{secrets.token_hex(3)}"
    return slug


def _not_blank(value: str) -> str:
    if not value.strip():
        raise text_error(BLANK)
    return value


def _short(value: str) -> str:
    if len(value) > MAX_TEXT_CHARS:
        raise text_error(f"is too long (at most {MAX_TEXT_CHARS} characters)")
    return value


def _tags(tags: list[str]) -> list[str]:
    tags = [t.strip() for t in tags]
    if any(not t or len(t) > MAX_TAG_CHARS for t in tags):
        raise text_error(f"tags must be 1 to {MAX_TAG_CHARS} characters")
    return list(dict.fromkeys(tags))  # repeats dropped, order kept


Title = Annotated[
    str, AfterValidator(str.strip), AfterValidator(_not_blank), AfterValidator(_short)
]
Description = Annotated[str, AfterValidator(_not_blank), AfterValidator(_short)]
Body = Annotated[str, AfterValidator(_not_blank)]
Tags = Annotated[list[str], Field(max_length=MAX_TAGS), AfterValidator(_tags)]


class NewArticle(BaseModel):
    title: Title
    description: Description
    body: Body
    tag_list: Tags = Field(default=[], alias="tagList")


class ArticleChange(BaseModel):
    """PUT: every field is optional; one left out (or null) stays as it is."""

    title: Title | None = None
    description: Description | None = None
    body: Body | None = None
    tag_list: Tags | None = Field(default=None, alias="tagList")


def _retry_on_taken_slug(write: Callable[[], None]) -> None:
    """Runs write, which stores a slug from _free_slug, again when another
    request took that slug in the meantime."""
    for attempt in range(3):
        try:
            write()
            return
        except UniqueViolation:
            if attempt == 2:
                raise


@bp.get("/articles")
@optional_user
def index() -> Response:
    limit, offset = paging()
    args = request.args
    return articles_answer(
        ArticleFilter(
            tag=args.get("tag") or None,
            author=args.get("author") or None,
            favorited=args.get("favorited") or None,
            limit=limit,
            offset=offset,
        )
    )


@bp.post("/articles")
@require_user
def create() -> tuple[Response, int]:
    user = current_user()
    if not may_publish(user):
        raise fail(403, f"your role ({user.role}) may not publish articles")
    data = validate(NewArticle, member(read_json(), "article"))
    slug = ""

    def write() -> None:
        nonlocal slug
        slug = _free_slug(data.title)
        create_article(
            get_db(),
            slug=slug,
            author_id=user.id,
            title=data.title,
            description=data.description,
            body=data.body,
            tags=data.tag_list,
            now=services().clock(),
        )

    _retry_on_taken_slug(write)
    return article_answer(slug, 201)


@bp.get("/articles/<slug>")
@optional_user
def show(slug: str) -> tuple[Response, int]:
    return jsonify(article=find_article(slug).to_json()), 200


@bp.put("/articles/<slug>")
@require_user
def update(slug: str) -> tuple[Response, int]:
    """A new title makes a new slug."""
    article = find_article(slug)
    if not may_change(current_user(), article.author_id):
        raise fail(403, "you may only edit your own articles")
    data = validate(ArticleChange, member(read_json(), "article"))
    changes = {
        key: value
        for key, value in data.model_dump(include={"title", "description", "body"}).items()
        if value is not None
    }
    changed = dataclasses.replace(article, **changes)

    def write() -> None:
        nonlocal changed
        if changed.title != article.title:
            changed = dataclasses.replace(changed, slug=_free_slug(changed.title, article.id))
        update_article(get_db(), changed, data.tag_list, services().clock())

    _retry_on_taken_slug(write)
    return article_answer(changed.slug)


@bp.delete("/articles/<slug>")
@require_user
def destroy(slug: str) -> Response:
    article = find_article(slug)
    if not may_change(current_user(), article.author_id):
        raise fail(403, "you may only delete your own articles")
    if not delete_article(get_db(), article.id):  # deleted meanwhile
        raise not_found("article")
    return Response(status=204)
