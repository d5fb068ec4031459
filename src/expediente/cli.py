"""The ``expediente`` console command: Django's management commands under one name.

``expediente migrate``, ``expediente demo``, ``expediente serve``, ``expediente rules check``…

Ctrl-C ends any command with one line and the shell's code for it (130), not a
traceback: the commands that write do so in transactions (or say how to continue, as
``demo`` and ``import`` do), so an interrupted one has left the database consistent. A
reader that stops early (``expediente demo | head -1``) ends the command quietly.
"""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command Ctrl-C stopped


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expediente.settings")
    args = list(sys.argv if argv is None else argv)
    args[0] = "expediente"
    if args[1:2] == ["serve"]:
        # greenlets replace the standard library's sockets and locks: before Django is
        # imported, or they would not be the ones Django holds (expediente/greenlets.py)
        from expediente.greenlets import BadChoice, patch_if_wanted

        try:
            patch_if_wanted()
        except BadChoice as error:
            sys.stderr.write(f"CommandError: {error}\n")
            sys.exit(1)
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: what was not yet committed was not written\n")
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        # the reader went away: say nothing more to it (Python's own advice: point
        # stdout at nothing so that the flush at exit does not fail again)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
