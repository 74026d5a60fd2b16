"""The pages a person opens: the demo at `/` and the API docs at `/docs`, all from this process.

Every asset is served from here (the demo's files, the JavaScript client, Swagger UI's files
from the flask-swagger-ui wheel), so both pages work with no network. They carry their own
Content-Security-Policy: scripts and styles from this origin only, no inline script; the API
responses keep the stricter one of service/security.py.
"""
from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, send_from_directory

SERVICE = Path(__file__).resolve().parents[1]
STATIC = SERVICE / "static"
CLIENT = SERVICE.parent / "clients" / "js" / "src"
SWAGGER_UI = Path(flask_swagger_ui.__file__).resolve().parent / "dist"

_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# Swagger UI needs nothing more: its styles are in its own stylesheet, the ones it sets from
# script go through the CSSOM (which style-src does not restrict), and it loads no other origin
# (tests/test_browser.py checks the console for violations while it renders and runs a request).
_DOCS_POLICY = _PAGE_POLICY

blp = Blueprint("pages", __name__)


def _page(name: str, policy: str):
    response = send_from_directory(STATIC, name, max_age=0)
    response.headers["Content-Security-Policy"] = policy
    return _revalidated(response)


def _revalidated(response):
    # Stored by the browser but checked (ETag, Last-Modified) on each load: a deploy shows at once.
    response.headers["Cache-Control"] = "no-cache"
    return response


@blp.route("/")
def demo():
    return _page("index.html", _PAGE_POLICY)


@blp.route("/docs")
def docs():
    return _page("docs.html", _DOCS_POLICY)


@blp.route("/static/<path:filename>")
def static_file(filename: str):
    return _revalidated(send_from_directory(STATIC, filename, max_age=0))


@blp.route("/client/<path:filename>")
def client_file(filename: str):
    """The JavaScript client (clients/js/src), which the demo page imports."""
    return _revalidated(send_from_directory(CLIENT, filename, max_age=0))


@blp.route("/docs/assets/<path:filename>")
def swagger_ui_file(filename: str):
    return _revalidated(send_from_directory(SWAGGER_UI, filename, max_age=0))
