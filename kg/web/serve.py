"""Run the app under gunicorn (threaded workers), as ``kg serve`` does.

    python -m kg.web.serve --store data/build/store --port 5000

Each gunicorn worker holds its own small pool of query processes; threads let other
clients be answered while a query runs. With an update token there is exactly one
worker, so that one process (and its single query process) is the store's only writer.
"""

from __future__ import annotations

import argparse
import logging
import sys

from kg.config import Settings


def gunicorn_options(settings: Settings) -> dict:
    """gunicorn settings for ``settings``.

    >>> gunicorn_options(Settings(update_token="t", workers=4))["workers"]
    1
    """
    workers = 1 if settings.update_token else max(1, settings.workers)
    return {
        "bind": f"{settings.host}:{settings.port}",
        "workers": workers,
        "worker_class": "kg.web.worker.DeadlineWorker",  # gthread with deadlines for slow clients
        "threads": max(4, settings.query_processes * 4),
        # a worker is only restarted by gunicorn when it hangs well past the query deadline
        "timeout": int(settings.query_timeout) + 60,
        "graceful_timeout": 10,
        "keepalive": 5,
        # long GET queries: the app itself refuses URLs larger than max_request_bytes
        "limit_request_line": 0,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "preload_app": False,
    }


def serve(settings: Settings | None = None) -> None:
    """Serve ``settings`` (``Settings.from_env()`` by default) until interrupted."""
    from gunicorn.app.base import BaseApplication

    from kg.web import create_app

    settings = settings or Settings.from_env()

    class _App(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_options(settings).items():
                self.cfg.set(key, value)

        def load(self):
            return create_app(settings)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _App().run()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m kg.web.serve", description=__doc__.splitlines()[0])
    p.add_argument("--store")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int)
    p.add_argument("--query-timeout", type=float)
    p.add_argument("--query-processes", type=int)
    p.add_argument("--max-rows", type=int)
    p.add_argument("--dumps")
    args = p.parse_args(argv)
    settings = Settings.from_env(**{k: v for k, v in vars(args).items() if v is not None})
    sys.argv = sys.argv[:1]  # gunicorn reads sys.argv itself
    serve(settings)


if __name__ == "__main__":
    main()
