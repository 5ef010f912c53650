"""What both benchmarks share."""

from __future__ import annotations

import os
import platform


def machine() -> str:
    """The machine a run came from, as printed with its figures."""
    python = f"Python {platform.python_version()}"
    return f"{platform.machine()}, {os.cpu_count()} cores, {python}, {platform.system()} {platform.release()}"
