"""What the analysis returns: findings per factor and day, the stress load, and their JSON.

The JSON shape is a public contract (README.md, docs/insights.md)::

    {"outcome", "days_used",
     "findings": [{"factor", "lag_days", "kind", "effect", "effect_unit", "ci_low", "ci_high",
                   "p_value", "q_value", "verdict", "summary",
                   "days_used", "more_days_needed", "pattern"}],
     "load": {...}}

``days_used``, ``more_days_needed`` and ``pattern`` per finding are the documented additions:
how many days the factor was actually tested on, how many more days would likely show an
effect of the stated size (null when it does not apply), and how the factor was tested.
"""

from dataclasses import dataclass
from typing import Any

VERDICTS = ("raises", "lowers", "no_clear_effect", "not_enough_data")
# Logged outcome days before anything is tested. Here rather than in the engine so that pages
# can say how many days are still needed without loading the science stack.
MIN_DAYS = 28
KINDS = ("linear", "binary", "load")


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


def _round_p(value: float | None) -> float | None:
    return None if value is None else float(f"{float(value):.4g}")


def _estimate_dict(found: "Finding | LoadReport") -> dict[str, Any]:
    """The estimate, its interval, its p and q values and the verdict, rounded alike for a
    factor's finding and for the stress load."""
    return {
        "effect": _round(found.effect),
        "effect_unit": found.effect_unit,
        "ci_low": _round(found.ci_low),
        "ci_high": _round(found.ci_high),
        "p_value": _round_p(found.p_value),
        "q_value": _round_p(found.q_value),
        "verdict": found.verdict,
        "summary": found.summary,
    }


@dataclass(frozen=True)
class Finding:
    factor: str
    lag_days: int
    kind: str
    effect: float | None
    effect_unit: str
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    q_value: float | None
    verdict: str
    summary: str
    days_used: int
    more_days_needed: int | None = None
    # How the factor showed (design.PATTERNS): "same_day", "next_day", "three_days" (its mean
    # over three days in a row) or "any" (any vs none); "build_up" for the stress load.
    pattern: str = "same_day"

    def to_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "lag_days": self.lag_days,
            "kind": self.kind,
            **_estimate_dict(self),
            "days_used": self.days_used,
            "more_days_needed": self.more_days_needed,
            "pattern": self.pattern,
        }


@dataclass(frozen=True)
class LoadReport:
    """The stress load built from ``anxiety_episodes``; see :mod:`twitchlog.insights.load`."""

    available: bool
    verdict: str
    summary: str
    time_constant_days: float | None = None
    effect: float | None = None
    effect_unit: str = ""
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    permutations: int = 0
    dates: tuple[str, ...] = ()
    values: tuple[float, ...] = ()
    factor: str = "anxiety_episodes"

    @property
    def half_life_days(self) -> float | None:
        if self.time_constant_days is None:
            return None
        return self.time_constant_days * 0.6931471805599453

    def to_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "available": self.available,
            "time_constant_days": _round(self.time_constant_days, 2),
            "half_life_days": _round(self.half_life_days, 2),
            **_estimate_dict(self),
            "permutations": self.permutations,
            "dates": list(self.dates),
            "values": [round(v, 3) for v in self.values],
        }


@dataclass(frozen=True)
class Report:
    outcome: str
    days_used: int
    findings: tuple[Finding, ...]
    load: LoadReport
    days_left_out: int = 0  # diary days older than the analysed window (frame.WINDOW_DAYS)

    def drivers(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.verdict in ("raises", "lowers"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "days_used": self.days_used,
            "findings": [finding.to_dict() for finding in self.findings],
            "load": self.load.to_dict(),
            "days_left_out": self.days_left_out,
        }
