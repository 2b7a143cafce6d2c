"""The core imports neither Textual nor Rich: it runs in tests, scripts and exports alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_neither_textual_nor_rich() -> None:
    probe = (
        "import sys, pkgutil, importlib, moderator.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'moderator.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_validate_imports_no_textual() -> None:
    probe = (
        "import sys\n"
        "from moderator.cli import main\n"
        "code = main(['validate'])\n"
        "print(code, 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "0 False", result.stderr
