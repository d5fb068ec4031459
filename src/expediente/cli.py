"""The ``expediente`` console command: Django's management commands under one name.

``expediente migrate``, ``expediente demo``, ``expediente serve``, ``expediente rules check``…
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expediente.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "expediente"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
