"""Every regular expression in service/ scans 100 KB of its worst input in linear time.

The patterns are collected, not listed: compiled patterns held by any service module (also inside
tuples, lists and dicts), and literal patterns passed to re.* calls in the source. Each is run
with finditer (a scan from every position, the costliest use) over 100 KB made of one short unit
repeated and a stray character at the end, for a battery of units (white space, digits, separators, quotation marks, brackets,
markup, words...). The unit that costs a pattern most is its worst case here; on it the time must
grow linearly from 12.5 KB to 100 KB. A pattern that never finishes is stopped by an alarm.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import signal
import time
from pathlib import Path

import pytest

import service

from tests.timing import best_time

SERVICE = Path(service.__file__).resolve().parent
# Linear growth gives about FACTOR, quadratic FACTOR squared; the bound sits between, wide of noise.
SIZE, FACTOR, BOUND = 100_000, 8, 20
HANG_SECONDS = 10
UNITS = ["a", "A", " ", "  x", "1", "1,", "1.", "٣", ",", ".", "-", "'", '"', "“", "”", "‘", "«",
         "(", "[", "]", "{", "\n", "\r\n", "\t", "\u00a0", "\u200b", "\x00", "a ", "A a ", "Aa ",
         "aa,", "a\n", " \n", "\n\n", "©", "@", "#", "*", "•", "|", "_", "=", "/", ":", ";", "&",
         "http://", "www.", "[a](", "](", "by ", "By ", "said ", "the ", "on ", "and ", "10 ",
         "1 a ", "a.", "A.", "Mr. ", "a-", "A-", "é", "Photo: ", "<a ", "a, ", "A, ", "'s ", "’s "]
# Patterns used only on a bounded slice, anchored: checked with match() instead of finditer.
ANCHORED_ON_BOUNDED_INPUT = {
    r"[ ]+(\w+)": "places.clustering._designator_in_name: re.match on at most 30 characters",
}
_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer",
             "split"}


def _held(value, depth=0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _held(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _held(item, depth + 1)


def collect_patterns() -> dict[tuple[str, int], str]:
    """(pattern, flags) -> where it was found, for every regular expression in service/."""
    found: dict[tuple[str, int], str] = {}
    for info in pkgutil.walk_packages(service.__path__, "service."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for pattern in _held(value):
                found.setdefault((pattern.pattern, pattern.flags), f"{info.name}.{name}")
    for path in sorted(SERVICE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _RE_CALLS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "re" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                pattern = re.compile(node.args[0].value)
                found.setdefault((pattern.pattern, pattern.flags),
                                 f"{path.relative_to(SERVICE.parent)}:{node.lineno}")
    return found


PATTERNS = collect_patterns()


def _on_alarm(signum, frame):
    raise TimeoutError


def _runner(regex: re.Pattern, unit: str):
    anchored = regex.pattern in ANCHORED_ON_BOUNDED_INPUT

    def run(size: int) -> None:
        # The unit repeated, then one character no pattern expects: a near miss at the very end.
        text = (unit * (size // len(unit) + 1))[:size - 1] + ("!" if unit == "\x00" else "\x00")
        # The hang guard covers one scan, not the whole test: on a busy machine the ~80 scans
        # of a slow but linear pattern add up to more than a hang's time, while one never does.
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
        if anchored:
            regex.match(text)
        else:
            for _ in regex.finditer(text):
                pass
        signal.setitimer(signal.ITIMER_REAL, 0)
    return run


def test_patterns_are_found():
    assert len(PATTERNS) >= 40  # about 60 today; a collector that finds none proves nothing
    assert all(pattern in {p for p, _ in PATTERNS} for pattern in ANCHORED_ON_BOUNDED_INPUT)


@pytest.fixture(scope="module")
def scan_floor() -> float:
    """What scanning SIZE / FACTOR characters costs at least: a one-character pattern's scan."""
    trivial = re.compile("x")
    text = "a" * (SIZE // FACTOR)
    return best_time(lambda: list(trivial.finditer(text)), repeats=5)


@pytest.mark.parametrize("key", sorted(PATTERNS), ids=lambda key: PATTERNS[key])
def test_linear_on_its_worst_input(key, scan_floor):
    regex = re.compile(*key)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        costs = {}
        for unit in UNITS:
            run = _runner(regex, unit)
            began = time.perf_counter()
            run(SIZE)
            costs[unit] = time.perf_counter() - began
        worst = max(costs, key=costs.get)
        run = _runner(regex, worst)
        small = best_time(lambda: run(SIZE // FACTOR), repeats=5)
        large = best_time(lambda: run(SIZE), repeats=5)
    except TimeoutError:
        pytest.fail(f"{PATTERNS[key]}: {key[0]!r} did not finish a scan in {HANG_SECONDS} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    ratio = large / max(small, scan_floor)
    assert ratio < BOUND, (
        f"{PATTERNS[key]}: {key[0]!r} took {ratio:.1f}x longer on {FACTOR}x the input "
        f"(worst unit {worst!r}, {large * 1000:.1f} ms on 100 KB)")
