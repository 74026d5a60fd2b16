"""Every pin carries its hashes, the lock files follow constraints.txt, installs check them."""
from __future__ import annotations

import shutil

from tools import lock, notice

ROOT = lock.ROOT
DIGEST = "0" * 64


def test_every_pin_has_a_hash_and_the_lock_files_agree():
    assert lock.problems() == []


def test_a_pin_without_a_hash_is_found(tmp_path):
    for name in ["constraints.txt", *lock.LOCKS, "requirements.txt", "requirements-dev.txt",
                 "requirements-archive.txt"]:
        shutil.copy(ROOT / name, tmp_path / name)
    with open(tmp_path / "constraints.txt", "a") as constraints:
        constraints.write("newpackage==1.0\n")
    assert lock.problems(tmp_path) == ["constraints.txt: newpackage==1.0 has no hash"]


def test_a_lock_file_out_of_step_is_found(tmp_path):
    for name in ["constraints.txt", *lock.LOCKS, "requirements.txt", "requirements-dev.txt",
                 "requirements-archive.txt"]:
        shutil.copy(ROOT / name, tmp_path / name)
    with open(tmp_path / "requirements.txt", "a") as requirements:
        requirements.write("otherpackage==2.0\n")
    text = (tmp_path / "requirements.lock").read_text()
    first_digest = text.split("--hash=sha256:")[1][:64]
    (tmp_path / "requirements.lock").write_text(text.replace(first_digest, DIGEST, 1))
    found = lock.problems(tmp_path)
    assert any("otherpackage" in problem and "not locked" in problem for problem in found)
    assert any(problem.startswith("requirements.lock:") and "differs" in problem
               for problem in found)


def test_pins_are_read_with_their_continuation_lines(tmp_path):
    path = tmp_path / "pins.txt"
    path.write_text(f"# comment\nFoo_Bar==1.2 \\\n    --hash=sha256:{DIGEST} \\\n"
                    f"    --hash=sha256:{'1' * 64}\nbaz==3\n")
    pins = lock.read_pins(path)
    assert pins["foo-bar"].hashes == [DIGEST, "1" * 64] and pins["baz"].hashes == []
    assert lock.read_pins(path)["foo-bar"].lines().count("--hash") == 2


def test_installs_require_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes --no-deps -r" in makefile
    for lock_name in lock.LOCKS:
        assert f"$(PIP_LOCKED) {lock_name}" in makefile
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes --no-deps -r requirements.lock" in dockerfile


def test_notice_lists_every_shipped_package_as_generated():
    assert (ROOT / "NOTICE").read_text(encoding="utf-8") == notice.render(notice.rows()), (
        "NOTICE is stale: run `make notice`")
    assert set(lock.read_pins(ROOT / "requirements.lock")) <= {
        lock.canonicalize_name(row[0]) for row in notice.rows()}
