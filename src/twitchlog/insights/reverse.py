"""The reverse-causation check: does a factor follow earlier twitching?"""

import math

import numpy as np
from scipy.special import stdtr

from twitchlog.insights import design, glm
from twitchlog.insights.errors import Q_LEVEL
from twitchlog.insights.fitting import Person, Test
from twitchlog.insights.report import MIN_DAYS

REVERSE_LEVEL = 0.05
# The reverse check uses days whose factor was also logged on the days before (episodes: a
# few days, as the load carries them): a blank there would hide part of what drove yesterday.
REVERSE_LOGGED_BEFORE = 2
REVERSE_LOGGED_BEFORE_LOAD = 5
REVERSE_OWN = (1, 2)


def reverse_sign(
    person: Person, values: np.ndarray, surprise: np.ndarray, logged_before: int
) -> int:
    """+1/-1 when the factor reliably moves after high-twitch days, 0 when it does not.

    The factor is regressed on yesterday's ``surprise``: the part of yesterday's twitching
    that the tested model (this factor, the stress load, the outcome before, the weekday ...)
    does not explain, holding the factor's own values one and two days before.  A factor
    taken *because of* yesterday's twitching follows all of it, surprise included; a real
    driver that merely runs in streaks (or shares a slow cause with the twitching, as anxiety
    episodes do with stress) does not, as its own part of yesterday is in the model.  Only
    days with the factor logged on each of the ``logged_before`` days before are used: a
    blank day's unlogged value (an unlogged episode, say) went into yesterday's twitching but
    not into the model, so it would sit in the surprise and, as factors run in streaks, look
    like a response.
    """
    previous = design.shift(surprise, 1)
    rows = ~np.isnan(values) & ~np.isnan(previous)
    for lag in range(1, logged_before + 1):
        rows &= ~np.isnan(design.shift(values, lag))
    if rows.sum() < MIN_DAYS:
        return 0
    own = [np.column_stack(design.filled(design.shift(values, lag))) for lag in REVERSE_OWN]
    controls = np.column_stack([person.base, *own])[rows]
    x = np.column_stack([previous[rows], controls[:, design.independent(controls)]])
    try:
        fit = glm.fit_linear(x, values[rows])
    except glm.FitError:
        return 0
    n, p = x.shape
    variance = glm.hac_variance(
        fit, x, 0, np.flatnonzero(rows), person.diary.n_days, glm.bandwidth(n)
    )
    if variance <= 0:
        return 0
    stat = float(fit.coef[0]) / math.sqrt(variance)
    if 2 * stdtr(glm.hac_dof(n, p, glm.bandwidth(n)), -abs(stat)) >= REVERSE_LEVEL:
        return 0
    return 1 if stat > 0 else -1


def check(person: Person, family: list[Test]) -> None:
    """Mark each test that passes the false discovery rate but looks like a response to
    earlier twitching: the factor follows yesterday's surprise in the tested model itself (for
    the load, its model with the outcome before the day), in the direction of the effect."""
    for test in family:
        if test.q_value is None or test.q_value > Q_LEVEL or test.estimate is None:
            continue
        before = REVERSE_LOGGED_BEFORE_LOAD if test.kind == "load" else REVERSE_LOGGED_BEFORE
        # Derived factors (the days before a period) exist only in reporting units.
        values = person.diary.factors.get(test.factor, person.scaled.get(test.factor))
        if values is None:
            continue
        sign = reverse_sign(person, values, test.estimate.surprise, before)
        test.reverse = sign == (1 if test.estimate.coef > 0 else -1)
