"""Insights: what drives a person's twitching, found honestly.

The package is also a Django app, so importing it must stay cheap: ``analyze`` (and the
report types) load numpy, pandas and scipy only when first used.
"""

from typing import Any

__all__ = ["analyze"]


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from twitchlog.insights.engine import analyze

        return analyze
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
