"""gunicorn's sync worker, with a graceful shutdown that reports itself and loses no queued request.

On SIGTERM (the master's graceful stop) the stock sync worker finishes the request in progress
and exits; connections already queued in the kernel's accept queue are then reset, though the
clients' connect() succeeded. This worker instead:
- marks the process as draining, so `/readyz` answers 503 (a balancer stops sending traffic);
- records when it accepts each connection (`service.shedding`'s queue budget);
- after the request in progress, accepts and serves the connections already queued, until the
  queue is empty (or half of `graceful_timeout` has passed, so the master never has to SIGKILL
  it mid-request), then exits.
Worker recycling (`max_requests`, the deadline) does not drain: the other workers and the
master's next fork keep serving the shared queue.

Enabled in gunicorn.conf.py with `worker_class = "service.worker.DrainingSyncWorker"`.
"""
from __future__ import annotations

import time

from gunicorn.workers.sync import SyncWorker

from . import readiness, shedding


class DrainingSyncWorker(SyncWorker):

    def handle_exit(self, sig, frame):
        # A signal handler: only set flags here; the run loop stops after the current request.
        readiness.start_draining()
        self.drain_started = time.monotonic()
        super().handle_exit(sig, frame)

    def accept(self, listener):
        # The queue budget falls back on this time when the proxy sends no X-Request-Start.
        shedding.mark_accepted(time.time())
        try:
            super().accept(listener)
        finally:
            shedding.mark_accepted(None)  # a later request without an accept must not see it

    def run(self):
        super().run()
        if readiness.is_draining():
            self.drain_backlog()

    def drain_backlog(self) -> int:
        """Serve the connections waiting in the accept queue; return how many were served."""
        started = getattr(self, "drain_started", time.monotonic())
        budget = self.cfg.graceful_timeout / 2
        served = 0
        for listener in self.sockets:
            listener.setblocking(False)
            while time.monotonic() - started < budget:
                self.notify()
                try:
                    self.accept(listener)  # accept() then handle(): one request, answered
                except (BlockingIOError, InterruptedError):
                    break  # the queue is empty
                except OSError as error:
                    self.log.debug("stopped draining: %s", error)
                    break
                served += 1
        if served:
            self.log.info("served %d queued connection(s) while shutting down", served)
        return served
