"""The house rules for imports, read from the source itself (no module is imported here).

- A module whose docstring says it is pure ("Pure: no Django", "Pure data") imports no Django,
  directly or through any project module it imports (package ``__init__`` files included).
- The core imports no app: apps build on the core, never the other way round.
- The API imports the apps' services and models, never their forms or views.
- A management command imports no other app's private module (a name starting with ``_``)
  and no other app's command.
"""

import ast
import re
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "twitchlog"
PURE = re.compile(r"\bPure\b|\bno Django\b")


def modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts]


def name_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def path_of(module: str) -> Path | None:
    base = SRC.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


@cache
def imports_of(path: Path) -> tuple[str, ...]:
    """Every module ``path`` imports, at any depth of its code (lazy imports count too)."""
    found: list[str] = []
    package = name_of(path) if path.name == "__init__.py" else name_of(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names]
    return tuple(found)


def project_imports(path: Path) -> set[str]:
    return {m for m in imports_of(path) if m.startswith("twitchlog.") and path_of(m)}


def test_every_project_import_names_a_module_or_a_name_in_one() -> None:
    # A lazy import of a module that moved fails only when its line runs; this finds it now.
    missing = {
        name_of(p): sorted(
            m
            for m in imports_of(p)
            if m.startswith("twitchlog.") and not path_of(m) and not path_of(m.rpartition(".")[0])
        )
        for p in modules()
    }
    assert {k: v for k, v in missing.items() if v} == {}


def loads_django(path: Path) -> list[str]:
    """The chain of project modules by which importing ``path`` reaches Django, or []."""
    seen: set[Path] = set()
    todo: list[tuple[Path, list[str]]] = [(path, [name_of(path)])]
    while todo:
        current, chain = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if any(m == "django" or m.startswith(("django.", "ninja")) for m in imports_of(current)):
            return chain
        targets = set(project_imports(current))
        for module in list(targets):  # importing a.b.c runs a/__init__ and a/b/__init__ too
            parts = module.split(".")
            targets.update(".".join(parts[:n]) for n in range(2, len(parts)))
        for module in targets:
            target = path_of(module)
            if target is not None:
                todo.append((target, [*chain, module]))
    return []


def pure_modules() -> list[Path]:
    return [p for p in modules() if PURE.search(ast.get_docstring(ast.parse(p.read_text())) or "")]


def test_there_are_pure_modules_to_check() -> None:
    names = {name_of(p) for p in pure_modules()}
    assert {"twitchlog.diary.columns", "twitchlog.therapists.slots"} <= names


def test_every_module_documented_as_pure_imports_no_django() -> None:
    offenders = {name_of(p): chain for p in pure_modules() if (chain := loads_django(p))}
    assert offenders == {}


def test_the_check_sees_a_django_import_through_a_project_module(tmp_path: Path) -> None:
    # The walk follows project imports: the diary's models reach Django, so its access module
    # does too, and the check says how.
    chain = loads_django(PACKAGE / "diary" / "access.py")
    assert chain and chain[0] == "twitchlog.diary.access"


def _app(module: str) -> str:
    """The app (or core, api) a module belongs to: ``twitchlog.<app>...``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_core_imports_no_app() -> None:
    offenders = {
        name_of(p): sorted(m for m in project_imports(p) if _app(m) != "core")
        for p in modules()
        if _app(name_of(p)) == "core"
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_api_imports_no_forms_or_views() -> None:
    pattern = re.compile(r"\.(forms|views|[a-z_]+_views)(\.|$)")
    offenders = {
        name_of(p): sorted(m for m in project_imports(p) if pattern.search(m))
        for p in (PACKAGE / "api").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_command_imports_another_apps_private_module_or_command() -> None:
    offenders = {}
    for path in PACKAGE.glob("*/management/commands/*.py"):
        app = _app(name_of(path))
        bad = [
            m
            for m in project_imports(path)
            if _app(m) != app
            and (".management." in m or any(part.startswith("_") for part in m.split(".")[2:]))
        ]
        if bad:
            offenders[name_of(path)] = bad
    assert offenders == {}
