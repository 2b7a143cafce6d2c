"""A package's docstring is code: every module and name it gives exists, and the screens' and
the session layer's list every module they hold."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "moderator"
_MODULE = re.compile(r"`(\w+)\.py`")
_NAME = re.compile(r"`(\w+)(?:\.(\w+))?(?:\(([^`]*)\))?`")


def named(package: str) -> tuple[set[str], list[tuple[str, str | None, list[str]]]]:
    """The modules (`x.py`) and the names (`Name`, `Name.attr`, `name(argument, ...)`) its
    docstring gives, each with the arguments it shows."""
    doc = importlib.import_module(package).__doc__ or ""
    modules = set(_MODULE.findall(doc))
    names = [(first, second or None,
              [a.split("=")[0].split(":")[0].strip() for a in shown.split(",") if a.strip()])
             for first, second, shown in _NAME.findall(doc)
             if first not in modules and not first.startswith("moderator")]
    return modules, names


def problems(package: str, *, every_module: bool) -> list[str]:
    folder = ROOT.joinpath(*package.split(".")[1:])
    modules, names = named(package)
    found = []
    found += [f"{m}.py does not exist" for m in sorted(modules)
              if not (folder / f"{m}.py").is_file()]
    if every_module:
        found += [f"{p.name} is not named" for p in sorted(folder.glob("*.py"))
                  if p.stem != "__init__" and p.stem not in modules]
    loaded = [importlib.import_module(f"{package}.{m}") for m in sorted(modules)
              if (folder / f"{m}.py").is_file()]
    for name, attribute, arguments in names:
        owner = next((getattr(module, name) for module in loaded if hasattr(module, name)), None)
        if owner is None:
            found.append(f"{name}: in none of its modules")
        elif attribute and not hasattr(owner, attribute):
            found.append(f"{name}.{attribute} does not exist")
        elif arguments:
            takes = inspect.signature(getattr(owner, attribute) if attribute else owner).parameters
            found += [f"{name}() takes no {a}" for a in arguments if a not in takes]
    return found


@pytest.mark.parametrize("package", ["moderator.web", "moderator.tui.screens",
                                     "moderator.session"])
def test_the_package_docstring_names_what_exists(package: str) -> None:
    assert problems(package, every_module=package != "moderator.web") == []


def test_a_name_that_does_not_exist_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    import moderator.web

    monkeypatch.setattr(moderator.web, "__doc__", "`make_app(feed, links)` in `app.py`; "
                        "`MeetingFeed.decide` in `feed.py`; `state_of(x)` in `document.py`")
    assert problems("moderator.web", every_module=False) == [
        "document.py does not exist", "make_app() takes no links", "MeetingFeed.decide does not exist",
        "state_of: in none of its modules"]
