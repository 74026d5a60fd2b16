"""The gunicorn hooks that keep workers' memory shared and small."""
import gc
from pathlib import Path
from types import SimpleNamespace

import pytest


@pytest.fixture(scope="module")
def conf():
    path = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return namespace


def test_the_master_freezes_the_preloaded_objects_before_forking(conf):
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("length, restart", [("100", False), ("1000000", False), ("", True)])
def test_post_request_retires_only_a_worker_stopped_by_its_deadline(conf, length, restart):
    worker = SimpleNamespace(alive=True)
    environ = {"CONTENT_LENGTH": length}
    if restart:
        environ["annotation.restart_worker"] = True
    conf["post_request"](worker, None, environ, None)
    assert worker.alive is not restart
