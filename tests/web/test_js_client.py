"""The JavaScript client (clients/js) against a live server, run by Node's own test runner."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .live_server import require_tool, serving

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "js"


def test_the_js_client_annotates_through_a_live_server(app):
    require_tool("node", "Node.js")
    with serving(app) as url:
        run = subprocess.run(["node", "--test", "live-test/"], cwd=CLIENT, capture_output=True,
                             text=True, timeout=120, env={**os.environ, "ANNOTATION_URL": url})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# pass 4" in run.stdout and "# fail 0" in run.stdout, run.stdout[-2000:]
