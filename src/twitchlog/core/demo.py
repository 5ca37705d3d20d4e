"""The project-wide demo: one login with months of believable data on every page.

Each installed app may add its own demo data: a module ``<app>/demo.py`` with a function
``seed_demo(user, *, days, seed)`` is called for the fresh demo account, in the order of
INSTALLED_APPS (``twitchlog demo``, core/management/commands/demo.py).
"""

import importlib
from typing import Any

from django.apps import apps

DEMO_EMAIL = "demo@example.org"

# The seed every app's demo data is made with. The diary's planted drivers were tuned with it:
# with this seed the engine finds exactly the three planted drivers and nothing else whichever
# weekday the demo starts on and whatever the hour it is made (checked over 42 start dates and
# times with bench/demo_robustness.py); the demo is made relative to today, so that matters.
DEMO_SEED = 6


def demo_seeders() -> list[Any]:
    seeders = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed_demo"):
            seeders.append(module.seed_demo)
    return seeders
