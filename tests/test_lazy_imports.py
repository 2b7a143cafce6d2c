"""`moderator run` starts without the exporters: python-docx, lxml and the renderers load only
for an export (measured in a fresh interpreter, as the command line starts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs `moderator run` on a fresh database up to the console being ready, then lists what
# was imported instead of drawing the screen.
PROBE = """
import json, sys
import textual.app
def ready(app, *args, **kwargs):
    print(json.dumps(sorted(sys.modules)))
textual.app.App.run = ready
from moderator.cli import main
code = main(sys.argv[1:])
sys.exit(code)
"""


def loaded(*arguments: str, cwd: Path) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def exporters(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in ("docx", "lxml", "matplotlib")
            or (m.startswith("moderator.export.") and m != "moderator.export.naming")}


def test_run_imports_neither_python_docx_nor_lxml_nor_the_exporters(tmp_path: Path) -> None:
    modules = loaded("run", "--db", str(tmp_path / "m.db.json"), cwd=tmp_path)
    assert "moderator.tui.app" in modules  # the console was built: the probe ran far enough
    assert exporters(modules) == set()


def test_notes_imports_no_exporter_either(tmp_path: Path) -> None:
    db = tmp_path / "m.db.json"
    loaded("run", "--db", str(db), cwd=tmp_path)  # `run` creates the database
    modules = loaded("notes", "--db", str(db), cwd=tmp_path)
    assert "moderator.tui.rapporteur_app" in modules
    assert exporters(modules) == set()


def test_the_probe_sees_an_export_module_when_one_is_imported(tmp_path: Path) -> None:
    """The check can fail: the same probe after importing the renderers names them."""
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys; import moderator.export.formats; "
         "print(json.dumps(sorted(sys.modules)))"], capture_output=True, text=True, timeout=120)
    found = exporters(set(json.loads(done.stdout)))
    assert {"docx", "lxml", "moderator.export.docx"} <= found
