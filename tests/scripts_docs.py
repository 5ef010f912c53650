"""Import scripts/docs.py as a module for the tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_path = Path(__file__).resolve().parents[1] / "scripts" / "docs.py"
_spec = importlib.util.spec_from_file_location("fitpartners_docs", _path)
assert _spec and _spec.loader
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
commands = _module.commands
