"""How the site is served in production (`make serve`, `make classroom`, and `make bench` alike).

granian in WSGI mode, two worker processes of one thread each (``WORKERS=4 make serve`` for more
processes on a bigger machine). Measured with `make bench` (docs/performance.md, "Choosing the
production server") against four threads a worker: a worker's threads only take turns on its GIL,
and a thread that holds SQLite's write lock waited for the GIL to commit while the other worker sat
idle, so the SQLite counter served a third fewer requests. On Redis one thread was ahead in three
runs of four; their round trips (and PostgreSQL's) are too short for threads to pay back.
"""

WORKERS = 2
THREADS_PER_WORKER = 1


def granian_wsgi_options(workers: int = WORKERS, threads: int = THREADS_PER_WORKER) -> list[str]:
    """granian's WSGI mode with ``workers`` processes of ``threads`` threads (granian's default: up to 256)."""
    return ["--interface", "wsgi", "--workers", str(workers), "--blocking-threads", str(threads), "--no-ws"]
