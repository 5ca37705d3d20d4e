"""Load slow imports (the statistics stack: numpy, pandas, scipy) before anyone needs them.

Apps import such modules lazily so that commands start fast, but then the first page that
needs one (the home page's insights panel) waits 1.5–2 s. An app names its slow modules with
``add_warm_up`` in ``AppConfig.ready()``; servers call ``warm_up`` at start-up. The core
never names an app's module itself.

Then what is loaded is frozen out of the garbage collector's sight: the code, settings and
statistics stack live as long as the process, yet a full collection walked all of them (about
200,000 objects) every few hundred requests, 0.3 s each time (bench/hot_paths.py).
"""

import gc
import importlib

_modules: list[str] = []


def add_warm_up(module: str) -> None:
    if module not in _modules:
        _modules.append(module)


def warm_up() -> None:
    for module in _modules:
        importlib.import_module(module)
    gc.collect()
    gc.freeze()
