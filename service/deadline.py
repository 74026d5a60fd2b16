"""A time budget for one annotation, so a slow text gets a 503 problem, not gunicorn's HTML 500.

Sync workers run each request on the main thread, where SIGALRM can interrupt spaCy. After an
interrupt the worker's Cython state is not trusted: the request is flagged so gunicorn's
`post_request` hook retires the worker once the answer is sent.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from .problems import Problem

RESTART_FLAG = "annotation.restart_worker"


class DeadlineExceeded(Exception):
    pass


def _raise_deadline(signum, frame):
    raise DeadlineExceeded()


@contextmanager
def deadline(seconds: float, environ: dict):
    """Raise a 503 Problem if the block runs longer than `seconds` (main thread only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_deadline)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except DeadlineExceeded:
        environ[RESTART_FLAG] = True
        raise Problem(503, "Service Unavailable",
                      f"The annotation took longer than {seconds:g} s and was stopped.",
                      headers={"Retry-After": "1"}) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
