"""Turn a report's JSON into what the page, the home panel and the report show.

Pure: no Django. Labels and guidance come from the knowledge data, so a driver is always shown
with the cause it belongs to and what helps.
"""

from dataclasses import dataclass, field
from typing import Any

from twitchlog.insights.report import MIN_DAYS
from twitchlog.knowledge.causes import CAUSES_BY_SLUG, Cause
from twitchlog.knowledge.factors import FACTORS_BY_NAME


@dataclass(frozen=True)
class Item:
    factor: str
    label: str
    lag_days: int
    verdict: str
    summary: str
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    q_value: float | None
    more_days_needed: int | None
    cause: Cause | None

    @property
    def direction(self) -> str:
        """Which way the factor moves twitching, in words that cannot be misread.

        "Sleep: less twitching" could mean less sleep; "more of it: less twitching" cannot.
        """
        standard = FACTORS_BY_NAME.get(self.factor)
        change = "more" if self.verdict == "raises" else "less"
        if standard and standard.kind == "binary":
            when = "after a day with it" if self.lag_days else "on days with it"
            return f"{when}: {change} twitching"
        return f"more of it: {change} twitching{' the next day' if self.lag_days else ''}"


@dataclass(frozen=True)
class Page:
    outcome: str
    days_used: int
    drivers: list[Item]
    unclear: list[Item]
    too_little: list[Item]
    load: dict[str, Any]
    load_cause: Cause | None
    days_to_first: int  # logged days still needed before anything is tested
    more_data: list[Item] = field(default_factory=list)

    @property
    def is_ready(self) -> bool:
        return self.days_to_first == 0


def factor_label(name: str, custom_labels: dict[str, str]) -> str:
    if name in FACTORS_BY_NAME:
        return FACTORS_BY_NAME[name].label
    return custom_labels.get(name, name.replace("_", " ").capitalize())


def _item(finding: dict[str, Any], custom_labels: dict[str, str]) -> Item:
    standard = FACTORS_BY_NAME.get(finding["factor"])
    return Item(
        factor=finding["factor"],
        label=factor_label(finding["factor"], custom_labels),
        lag_days=finding["lag_days"],
        verdict=finding["verdict"],
        summary=finding["summary"],
        effect=finding["effect"],
        ci_low=finding["ci_low"],
        ci_high=finding["ci_high"],
        q_value=finding["q_value"],
        more_days_needed=finding.get("more_days_needed"),
        cause=CAUSES_BY_SLUG.get(standard.cause) if standard else None,
    )


def page(report: dict[str, Any], custom_labels: dict[str, str]) -> Page:
    """Group findings: drivers by strength of evidence, then unclear, then too little data.

    A factor is tested on the same day and the day before; for the lists of unclear factors and
    factors without enough data one line per factor is enough, so the two lags are merged.
    """
    items = [_item(f, custom_labels) for f in report["findings"] if f["kind"] != "load"]
    drivers = sorted(
        (i for i in items if i.verdict in ("raises", "lowers")),
        key=lambda i: (i.q_value if i.q_value is not None else 1.0, i.label),
    )
    driving = {i.factor for i in drivers}

    def one_per_factor(verdict: str) -> list[Item]:
        seen: dict[str, Item] = {}
        for item in items:
            if item.verdict == verdict and item.factor not in driving:
                seen.setdefault(item.factor, item)
        return sorted(seen.values(), key=lambda i: i.label)

    unclear = one_per_factor("no_clear_effect")
    too_little = [
        i for i in one_per_factor("not_enough_data") if i.factor not in {u.factor for u in unclear}
    ]
    more_data = sorted(
        (i for i in unclear if i.more_days_needed),
        key=lambda i: (i.more_days_needed or 0, i.label),
    )[:5]
    return Page(
        outcome=report["outcome"],
        days_used=report["days_used"],
        drivers=drivers,
        unclear=unclear,
        too_little=too_little,
        load=report["load"],
        load_cause=CAUSES_BY_SLUG["hyperstimulation"],
        days_to_first=max(0, MIN_DAYS - report["days_used"]),
        more_data=more_data,
    )
