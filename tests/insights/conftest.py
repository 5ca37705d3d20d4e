"""Helpers for the insights tests: simulated diaries with a known truth."""

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
