"""A live server on a free 127.0.0.1 port (werkzeug in a thread) and the browser it is driven by."""
from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

OUTPUT = Path(__file__).resolve().parents[1] / "output"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@contextmanager
def serving(app):
    """The app on http://127.0.0.1:<free port> until the block ends."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def require_tool(path: str, what: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail in CI, where it must be."""
    if os.access(path, os.X_OK) or shutil.which(path):
        return
    message = f"{what} ({path}) is missing: run `make system-deps`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def chrome(tmp_path: Path):
    """Headless Debian chromium through its chromedriver; no network but 127.0.0.1."""
    require_tool(CHROMIUM, "chromium")
    require_tool(CHROMEDRIVER, "chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Selenium Manager must not look for (or download) a browser or driver.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", f"--user-data-dir={tmp_path / 'profile'}",
                     # The network is cut: every origin but loopback goes to a closed port.
                     "--proxy-server=http://127.0.0.1:9"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
