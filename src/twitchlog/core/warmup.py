"""Load slow imports (the statistics stack: numpy, pandas, scipy) before anyone needs them.

Apps import such modules lazily so that commands start fast, but then the first page that
needs one (the home page's insights panel) waits 1.5–2 s. An app names its slow modules with
``add_warm_up`` in ``AppConfig.ready()``; servers call ``warm_up`` at start-up. The core
never names an app's module itself.
"""

import importlib

_modules: list[str] = []


def add_warm_up(module: str) -> None:
    if module not in _modules:
        _modules.append(module)


def warm_up() -> None:
    for module in _modules:
        importlib.import_module(module)
