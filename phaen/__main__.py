"""The ``phaen`` console command: this project's manage.py.

``phaen migrate``, ``phaen runserver``, ``phaen load_demo`` and every other command.
A configuration error stops the process with one line naming the variable.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phaen.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - force the settings module to load now
    except ImproperlyConfigured as exc:
        print(f"phaen: configuration error: {exc}", file=sys.stderr)
        sys.exit(2)

    from django.core.management import execute_from_command_line

    execute_from_command_line(["phaen", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
