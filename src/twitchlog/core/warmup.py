"""Load the statistics stack (numpy, pandas, scipy) before anyone needs it.

The insights engine is imported lazily so that commands start fast, but then the first page
that shows insights (the home page does) waits 1.5–2 s for those imports. Servers call this
at start-up instead.
"""


def warm_up() -> None:
    import twitchlog.insights.engine  # noqa: F401
