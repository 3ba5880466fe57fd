"""The dashboard before its milestone: the starter keeps the dashboard's
templates and stylesheet, and not_built_pages answers its pages with 501 and
a page, in the dashboard's own look, saying what is still to build, rather
than JSON. The admin milestone replaces it with the real blueprint."""

from importlib import resources

from flask import Blueprint, Response, render_template

PAGES = ("", "/login", "/users", "/articles", "/comments")
"""The dashboard's GET pages, below /admin ("" is /admin itself)."""


def not_built_pages(milestone: str) -> Blueprint:
    """A blueprint serving /admin/admin.css, and answering every page of
    PAGES with 501 and templates/admin/notbuilt.html naming milestone."""
    bp = Blueprint(
        f"{milestone}_not_built", __name__, url_prefix="/admin", template_folder="admin/templates"
    )

    def not_built() -> Response:
        html = render_template("admin/notbuilt.html", title="Not built yet", milestone=milestone)
        return Response(html, status=501, mimetype="text/html")

    def stylesheet() -> Response:
        css = (resources.files(__package__) / "admin" / "static" / "admin.css").read_text(
            encoding="utf-8"
        )
        return Response(css, mimetype="text/css")

    for path in PAGES:
        bp.add_url_rule(path, f"get{path.replace('/', '_')}", not_built, methods=["GET"])
    bp.add_url_rule("/admin.css", "stylesheet", stylesheet, methods=["GET"])
    return bp
