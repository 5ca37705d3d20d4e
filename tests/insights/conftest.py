"""Helpers for the insights tests: simulated diaries with a known truth."""

from dataclasses import replace
from typing import Any

import pandas as pd

from twitchlog.insights.report import Finding, Report
from twitchlog.insights.simulate import SimSpec


def planted(factor: str, rate_ratio: float = 2.0, lag: int = 0) -> SimSpec:
    """One driver of a known size and lag, and nothing else planted."""
    return SimSpec(
        driver_names=(factor,),
        rate_ratio=(rate_ratio, rate_ratio),
        lag1_share=float(lag),
        load_share=0.0,
        confounded_share=0.0,
        reverse_share=0.0,
    )


def stress_with_decoy(**overrides: Any) -> SimSpec:
    """Stress drives twitching (rate ratio 1.8 per SD, same day); a decoy that does nothing
    travels with it (correlation 0.8)."""
    spec = SimSpec(
        driver_names=("stress_level",),
        rate_ratio=(1.8, 1.8),
        lag1_share=0.0,
        load_share=0.0,
        confounded_share=1.0,
        decoy_correlation=(0.8, 0.8),
        reverse_share=0.0,
    )
    return replace(spec, **overrides)


def finding(report: Report, factor: str, lag: int) -> Finding:
    for item in report.findings:
        if item.factor == factor and item.lag_days == lag and item.kind != "load":
            return item
    raise AssertionError(f"no finding for {factor} at lag {lag}")


def flagged(report: Report) -> set[str]:
    return {f.factor for f in report.findings if f.verdict in ("raises", "lowers")}


def table(**columns: list) -> pd.DataFrame:
    days = len(next(iter(columns.values())))
    dates = pd.date_range("2025-01-06", periods=days, freq="D").strftime("%Y-%m-%d")
    return pd.DataFrame({"date": dates, **columns})
