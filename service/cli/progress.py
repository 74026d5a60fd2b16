"""Progress of a run: a bar redrawn in place on a terminal, a log line now and then otherwise.

Worker processes add to a shared counter (`multiprocessing.Value`) after each batch; a thread
of the main process reads it, so the workers never wait for the display.
"""
from __future__ import annotations

import multiprocessing
import sys
import threading
import time

_BAR = 24


def duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


class Progress:
    def __init__(self, total: int | None, stream=sys.stderr, quiet: bool = False,
                 log_seconds: float = 10.0):
        self.total, self.stream, self.quiet = total, stream, quiet
        self.tty = stream.isatty()
        self.interval = 0.5 if self.tty else log_seconds
        self.counter = multiprocessing.Value("q", 0)  # records processed (annotated or bad)
        self.skipped = 0                              # records of finished shards
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def add(self, count: int) -> None:
        with self.counter.get_lock():
            self.counter.value += count

    def skip(self, count: int) -> None:
        self.skipped += count

    @property
    def processed(self) -> int:
        return self.counter.value

    def start(self) -> "Progress":
        if not self.quiet:
            self._thread.start()
        return self

    def restart(self) -> "Progress":
        """Count time from now (once the model is loaded) and start the display."""
        self.started = time.monotonic()
        return self.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            self._show(final=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._show()

    def status(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.processed / elapsed
        done = self.processed + self.skipped
        text = f"{done:,}" + (f"/{self.total:,}" if self.total is not None else "")
        text += f" articles, {rate:.1f} articles/s"
        if self.total is not None and rate > 0:
            text += f", ETA {duration(max(self.total - done, 0) / rate)}"
        return text + f", {duration(elapsed)} elapsed"

    def _bar(self) -> str:
        if not self.total:
            return ""
        filled = min(_BAR, _BAR * (self.processed + self.skipped) // self.total)
        return "[" + "#" * filled + "-" * (_BAR - filled) + "] "

    def _show(self, final: bool = False) -> None:
        if self.tty:
            end = "\n" if final else ""
            self.stream.write(f"\r\x1b[K{self._bar()}{self.status()}{end}")
        else:
            self.stream.write(f"[annotate {time.strftime('%H:%M:%S')}] {self.status()}\n")
        self.stream.flush()
