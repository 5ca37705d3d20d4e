"""Named kinds of diaries for the benchmark and tests: what real diaries have beyond the mixed
population of :class:`~twitchlog.insights.simulate.SimSpec`.

Each scenario plants one kind of driver (or none) in an otherwise ordinary diary (10–20
factors, a hidden day-to-day state, missing days, blanks):

- ``mixed``: the default population (0–3 drivers, same day or the day after, a stress load
  for some, decoys).
- ``persistent``: one driver whose values carry over from day to day (correlation 0.7–0.9),
  acting on the same day, with a confounded decoy that persists as well and, for half, a
  supplement kept up for 3–6 days after a bad day (reverse-caused, persistent).
- ``period``: twitching higher during a period of 3–7 days in a 25–33-day cycle.
- ``premenstrual``: twitching higher on the 2–5 days before a period.
- ``sleep_debt``: twitching follows the mean sleep of the last three nights.
- ``threshold``: any missed meal raises twitching; how many does not matter.
- ``two_drivers``: two drivers at once, each persisting (correlation 0.5–0.9).
- ``load``: anxiety episodes that build up over days (the stress load) and nothing else.
- ``null``: no driver at all, with a reverse-caused decoy for half.
"""

from dataclasses import replace

from twitchlog.insights.simulate import SimSpec

_PERSISTENT_POOL = ("stress_level", "caffeine_mg", "water_l", "alcohol_units")
_BASE = SimSpec(null_share=0.0, load_share=0.0, lag1_share=0.0)
# The two cycle scenarios differ only in which days of the cycle the driver acts on.
_CYCLE = replace(
    _BASE,
    driver_names=("menstruating",),
    cycle=True,
    rate_ratio=(1.5, 2.2),
    confounded_share=0.0,
)

SCENARIOS: dict[str, SimSpec] = {
    "mixed": SimSpec(),
    "persistent": replace(
        _BASE,
        drivers=(1, 1),
        driver_persistence=(0.7, 0.9),
        rate_ratio=(1.3, 1.7),
        reverse_days=(3, 6),
    ),
    "period": replace(_CYCLE, driver_form="period"),
    "premenstrual": replace(_CYCLE, driver_form="premenstrual"),
    "sleep_debt": replace(
        _BASE,
        driver_names=("sleep_hours",),
        driver_form="nights",
        rate_ratio=(1.3, 1.8),
    ),
    "threshold": replace(
        _BASE,
        driver_names=("missed_meals",),
        driver_form="threshold",
        rate_ratio=(1.4, 2.0),
    ),
    "two_drivers": replace(
        _BASE, drivers=(2, 2), driver_persistence=(0.5, 0.9), rate_ratio=(1.3, 1.7)
    ),
    "load": replace(
        _BASE, drivers=(0, 0), load_share=1.0, confounded_share=0.0, load_rate_ratio=(1.3, 1.8)
    ),
    "null": replace(_BASE, null_share=1.0),
}


def scenario_spec(name: str, person: int) -> SimSpec:
    """The spec of scenario ``name`` for the ``person``-th simulated person (the persistent
    scenario takes its driver in turn from a pool of factors that can carry over)."""
    spec = SCENARIOS[name]
    if name == "persistent":
        return replace(spec, driver_names=(_PERSISTENT_POOL[person % len(_PERSISTENT_POOL)],))
    return spec
