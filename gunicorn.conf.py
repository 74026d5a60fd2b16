"""gunicorn settings for a CPU-bound model service (sync workers, model preloaded once)."""
import ctypes
import gc
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# One sync worker per core: spaCy holds the GIL, so threads or gevent buy nothing.
workers = int(os.environ.get("WORKERS", os.environ.get("WEB_CONCURRENCY", "2")))
# Sync workers that answer 503 on /readyz and serve the queued connections on SIGTERM.
worker_class = "service.worker.DrainingSyncWorker"
threads = 1
# Load the model once in the master; forked workers share its memory copy-on-write.
preload_app = True
timeout = int(os.environ.get("WORKER_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "30"))
# Recycle workers now and then as a safety net against slow memory growth.
max_requests = int(os.environ.get("MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("MAX_REQUESTS_JITTER", "500"))
backlog = 64
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
control_socket_disable = True
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")


def on_starting(server):
    from service.observability import configure_logging
    configure_logging(loglevel.upper())


LARGE_REQUEST_BYTES = 32 * 1024


def _release_free_heap() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def when_ready(server):
    # Move everything the preloaded app created to the permanent generation: the collector then
    # never writes to those objects' headers, so workers keep sharing their pages instead of
    # copying them on the first collection.
    gc.collect()
    gc.freeze()
    # Hand the master's free heap (left by loading and the warm-up parse) back to the system:
    # otherwise workers reuse those pages and each gets a private copy of them.
    _release_free_heap()


def post_request(worker, req, environ, resp):
    # A request stopped by its deadline may leave spaCy's state half-updated: retire the worker
    # after answering; the master forks a fresh one from the preloaded app.
    if environ.get("annotation.restart_worker"):
        worker.alive = False
    # A long article leaves tens of MB of freed parse buffers in the heap; give them back so an
    # idle worker stays small. Short requests reuse the heap (trimming each time costs speed).
    if int(environ.get("CONTENT_LENGTH") or 0) > LARGE_REQUEST_BYTES:
        _release_free_heap()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess
        multiprocess.mark_process_dead(worker.pid)
