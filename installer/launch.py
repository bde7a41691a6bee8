"""Entry point of both frozen executables: ``tirkeu`` (windowed) and ``tirkeu-cli`` (console)."""

from __future__ import annotations

import sys

from tirkeu.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
