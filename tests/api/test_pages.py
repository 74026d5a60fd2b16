"""The demo page, the docs page and their assets: served here, with a strict CSP, no key needed."""
from __future__ import annotations

import re

import pytest

from service import create_app


def _policy(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in
                  response.headers["Content-Security-Policy"].split(";"))
    return {name: value for name, value in directives}


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_pages_allow_scripts_and_styles_from_this_origin_only(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    policy = _policy(response)
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'self'"
    assert policy["connect-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert policy["style-src"] == "'self'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    # No inline script, and every script or style the page names is on this server.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert asset.startswith("/") or asset.startswith("data:"), asset
        if asset.startswith("/") and not asset.endswith(".yaml"):
            assert client.get(asset).status_code == 200, asset


def test_the_api_keeps_its_own_stricter_policy(client):
    response = client.post("/v1/annotate", json={"text": "Officials met in Kabul."})
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["Cache-Control"] == "no-store"


def test_the_demo_imports_the_js_client_and_swagger_ui_is_served(client):
    assert "import" in client.get("/static/demo.js").get_data(as_text=True)
    module = client.get("/client/index.js")
    assert module.status_code == 200 and "javascript" in module.mimetype
    bundle = client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.data) > 100_000
    assert bundle.headers["Cache-Control"] == "no-cache"


def test_assets_outside_their_folders_are_not_served(client):
    for path in ("/static/../api/pages.py", "/client/../../../openapi.yaml",
                 "/docs/assets/../flask_swagger_ui.py"):
        assert client.get(path).status_code == 404, path


def test_the_pages_need_no_api_key_but_the_api_does():
    app = create_app({"TESTING": True, "LOAD_MODEL": False, "API_KEYS": ["secret-key"]})
    client = app.test_client()
    for path in ("/", "/docs", "/static/demo.css", "/client/client.js",
                 "/docs/assets/swagger-ui.css"):
        assert client.get(path).status_code == 200, path
    assert client.post("/v1/annotate", json={"text": "x"}).status_code == 401


# The demo's budget, unminified and uncompressed: a page a plugin author can read as an example,
# light enough for a slow newsroom laptop (today about 21 KB of JavaScript and 3 KB of CSS).
JS_BUDGET, CSS_BUDGET = 32_000, 8_000


def test_the_demo_page_stays_within_its_javascript_and_css_budget():
    from service.api.pages import CLIENT, STATIC

    javascript = [p for p in STATIC.glob("*.js") if p.name != "docs.js"] + list(CLIENT.glob("*.js"))
    assert sum(p.stat().st_size for p in javascript) < JS_BUDGET
    assert sum(p.stat().st_size for p in STATIC.glob("*.css")) < CSS_BUDGET
