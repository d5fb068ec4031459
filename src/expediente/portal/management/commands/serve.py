from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def control_socket_path(host: str, port: int) -> str:
    """This server's own control socket: gunicorn's default place (``$XDG_RUNTIME_DIR``,
    else ``~/.gunicorn``), named by the address it serves. gunicorn's default is one path
    per user, so a second server on the machine took the first's socket (``gunicornc``
    then reached the second) and the first, stopping, deleted the second's. Two servers
    cannot hold one address and port, so neither can they hold one of these paths."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(runtime) if runtime and os.path.isdir(runtime) else Path.home() / ".gunicorn"
    name = re.sub(r"[^A-Za-z0-9.]", "_", host) or "all"
    return str(folder / f"expediente-{name}-{port}.ctl")


def _has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == "control_socket" for setting in KNOWN_SETTINGS)


class Command(BaseCommand):
    help = "Serve Expediente with gunicorn (a production WSGI server). PORT overrides the port."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "0")) or None
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "4")))
        parser.add_argument(
            "--control-socket",
            metavar="PATH",
            help="gunicorn's control socket, for gunicornc (default: expediente-HOST-PORT.ctl "
            "in $XDG_RUNTIME_DIR, else in ~/.gunicorn; each server its own)",
        )
        parser.add_argument(
            "--no-control-socket",
            action="store_true",
            help="open no control socket (gunicornc cannot reach this server)",
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="also run `expediente worker` (notifications) and stop it with the server",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from expediente.wsgi import application

        workers = options["workers"] or (os.cpu_count() or 1) + 1
        bind = f"{options['host']}:{options['port']}"
        control = (
            None
            if options["no_control_socket"]
            else options["control_socket"] or control_socket_path(options["host"], options["port"])
        )
        if settings.SECRET_KEY.startswith("insecure-"):
            self.stderr.write(
                "warning: SECRET_KEY is not set; fine for a demo, never in production"
            )

        class App(BaseApplication):
            def load_config(self) -> None:
                cfg = {
                    "bind": bind,
                    "workers": workers,
                    "threads": options["threads"],
                    # gthread, answering gunicorn's own refusals as problem+json
                    "worker_class": "expediente.portal.gunicorn_worker.ProblemThreadWorker",
                    "accesslog": "-",
                    "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
                    "timeout": 60,
                    "graceful_timeout": 10,
                    "keepalive": 5,
                }
                if "control_socket" in self.cfg.settings:  # gunicorn ≥ 25.1
                    cfg["control_socket_disable"] = control is None
                    if control is not None:
                        cfg["control_socket"] = control
                for key, value in cfg.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        self.stdout.write(
            f"Expediente on http://{bind}/ ({workers} workers × "
            f"{options['threads']} threads); Ctrl-C stops it"
        )
        if control is not None and _has_control_socket():
            self.stdout.write(f"control: gunicornc -s {control}")
        worker = self._start_worker() if options["with_worker"] else None
        # Everything loaded so far (Django, the models, the URL patterns) lives as long as
        # the server: move it out of the garbage collector's sight before the workers
        # fork. A full collection then scans only what requests create, about 4 ms
        # instead of 35 ms, which was the slowest 1% of the due list's timings
        # (docs/performance.md); it also keeps the workers' copied memory shared.
        gc.freeze()
        try:
            App().run()
        finally:
            if worker is not None:
                self._stop_worker(worker)

    def _start_worker(self) -> subprocess.Popen[bytes]:
        self.stdout.write(
            "worker started (expediente worker: notifications, deadline sweep, checkpoints, the "
            "feed and agencies' webhooks)"
        )
        return subprocess.Popen([sys.executable, "-m", "expediente.cli", "worker"])

    def _stop_worker(self, worker: subprocess.Popen[bytes]) -> None:
        if worker.poll() is None:
            worker.terminate()  # SIGTERM: finishes the message being sent, then exits
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
