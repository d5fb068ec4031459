from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


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


class Number:
    """A whole number of at least ``least`` (and at most ``most``), as an option's type:
    argparse names the option when it refuses one (``argument --port: must be …``)."""

    def __init__(self, least: int, most: int | None = None) -> None:
        self.least, self.most = least, most

    def rule(self) -> str:
        if self.most is None:
            return f"must be a whole number of at least {self.least}"
        return f"must be a whole number from {self.least} to {self.most}"

    def __call__(self, text: str) -> int:
        given = text.strip()
        if (
            not (given.isascii() and given.isdigit())
            or int(given) < self.least
            or (self.most is not None and int(given) > self.most)
        ):
            raise argparse.ArgumentTypeError(f"{self.rule()}, not {text!r}")
        return int(given)

    def from_environment(self, name: str, default: int) -> int:
        """The variable ``name``, read when the server starts (never while ``--help`` is
        written), or ``default`` if it is unset or empty; anything else stops start-up,
        naming the variable."""
        text = os.environ.get(name, "")
        if not text.strip():
            return default
        try:
            return self(text)
        except argparse.ArgumentTypeError as exc:
            raise CommandError(f"{name}: {exc}") from None


PORT = Number(1, 65535)
WORKERS = Number(0)  # 0: as many as the processors, and one more
THREADS = Number(1)


class Command(BaseCommand):
    help = (
        "Serve Expediente with gunicorn (a production WSGI server). The variables PORT, "
        "HOST, WEB_CONCURRENCY and THREADS stand in for the options left out. Each process "
        "answers with greenlets on PostgreSQL and with threads on SQLite; "
        "EXPEDIENTE_SERVER=greenlets or threads chooses (docs/architecture.md, 'The server')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", help="the address to listen on (HOST; default 127.0.0.1)")
        parser.add_argument(
            "--port", type=PORT, help="a whole number from 1 to 65535 (PORT; default 8000)"
        )
        parser.add_argument(
            "--workers",
            type=WORKERS,
            help="processes (WEB_CONCURRENCY; default or 0: the number of processors + 1)",
        )
        parser.add_argument(
            "--threads",
            type=THREADS,
            help="threads in each process, when serving with threads (THREADS; default 4)",
        )
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
        # the environment is read here, not as the options' defaults: a bad PORT stops
        # start-up naming it, and leaves `serve --help` working
        options["host"] = options["host"] or os.environ.get("HOST", "").strip() or "127.0.0.1"
        for option, number, variable, default in (
            ("port", PORT, "PORT", 8000),
            ("workers", WORKERS, "WEB_CONCURRENCY", 0),
            ("threads", THREADS, "THREADS", 4),
        ):
            if options[option] is None:
                options[option] = number.from_environment(variable, default)
        # gunicorn reads WEB_CONCURRENCY itself, with int(), when its settings are imported
        # (an empty or bad value was a traceback even with --workers given): checked here
        # whatever the options, and handed on as the number it is (an empty one, which
        # means "the default", taken away), so that a restart (USR2), which runs this
        # command again with the same environment, keeps it
        concurrency = WORKERS.from_environment("WEB_CONCURRENCY", -1)
        if concurrency < 0:
            os.environ.pop("WEB_CONCURRENCY", None)
        else:
            os.environ["WEB_CONCURRENCY"] = str(concurrency)

        greenlets = self._greenlets()
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
                    # gevent or gthread, answering gunicorn's own refusals as problem+json
                    "worker_class": (
                        "expediente.portal.gunicorn_greenlet_worker.ProblemGreenletWorker"
                        if greenlets
                        else "expediente.portal.gunicorn_worker.ProblemThreadWorker"
                    ),
                    # with greenlets: connections held at once by each process
                    "worker_connections": 1000,
                    "accesslog": "-",
                    "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
                    "timeout": 60,
                    "graceful_timeout": 10,
                    # seconds an idle connection is kept open; with greenlets also the
                    # time a client has to send a request's head (gunicorn's gevent worker
                    # times the reading with it): 20 s for a phone on a poor link, which
                    # costs a greenlet, not a thread
                    "keepalive": 20 if greenlets else 5,
                }
                if "control_socket" in self.cfg.settings:  # gunicorn ≥ 25.1
                    cfg["control_socket_disable"] = control is None
                    if control is not None:
                        cfg["control_socket"] = control
                for key, value in cfg.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        shape = "greenlets" if greenlets else f"{options['threads']} threads"
        self.stdout.write(
            f"Expediente on http://{bind}/ ({workers} workers × {shape}); Ctrl-C stops it"
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

    def _greenlets(self) -> bool:
        """Greenlets if wanted (expediente/greenlets.py) and patched in at this process's
        start; threads otherwise, saying why when greenlets were wanted."""
        from expediente.greenlets import BadChoice, patched, wanted

        try:
            want = wanted()
        except BadChoice as error:
            raise CommandError(str(error)) from None
        if want and not patched():
            self.stderr.write(
                "warning: serving with threads: greenlets must be set up before Django "
                "starts, which `expediente serve` does and this way of starting it did not"
            )
            return False
        return want

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
