"""Turn a report's JSON into what the page, the home panel and the report show.

Pure: no Django. Labels and guidance come from the knowledge data, so a driver is always shown
with the cause it belongs to and what helps.
"""

from dataclasses import dataclass, field
from typing import Any

from twitchlog.insights.report import MIN_DAYS
from twitchlog.insights.wording import DERIVED_LABELS, NOT_ADVICE, label
from twitchlog.knowledge.causes import CAUSES_BY_SLUG, Cause
from twitchlog.knowledge.factors import FACTORS_BY_NAME

DERIVED_CAUSES = {"before_period": "hormones"}


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

    binary: bool = False

    @property
    def pattern_not_advice(self) -> bool:
        """More of a substance went with less twitching: never shown as a tip or a tag."""
        return self.factor in NOT_ADVICE and self.verdict == "lowers"

    @property
    def direction(self) -> str:
        """Which way the factor moves twitching, told the way the sentence tells it.

        "Sleep: less twitching" could mean less sleep; "less of it: more twitching" cannot, and
        it matches "On days when you slept an hour less, you log ... more twitches".
        """
        if self.pattern_not_advice:
            return "a pattern, not advice"
        if self.binary:
            change = "more" if self.verdict == "raises" else "less"
            when = "after a day with it" if self.lag_days else "on days with it"
            return f"{when}: {change} twitching"
        amount = "more" if self.verdict == "raises" else "less"
        return f"{amount} of it: more twitching{' the next day' if self.lag_days else ''}"

    @property
    def advice(self) -> str | None:
        """The first thing that helps with this driver's cause, unless that could be misread."""
        if self.pattern_not_advice or self.cause is None:
            return None
        return self.cause.helps[0].text


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
    days_left_out: int = 0  # diary days older than the two years analysed

    @property
    def is_ready(self) -> bool:
        return self.days_to_first == 0


def factor_label(name: str, custom_labels: dict[str, str]) -> str:
    if name in FACTORS_BY_NAME or name in DERIVED_LABELS:
        return label(name)
    return custom_labels.get(name, name.replace("_", " ").capitalize())


def _standard_kind(name: str) -> str | None:
    standard = FACTORS_BY_NAME.get(name)
    return standard.kind if standard else None


def _cause(name: str) -> Cause | None:
    standard = FACTORS_BY_NAME.get(name)
    slug = standard.cause if standard else DERIVED_CAUSES.get(name)
    return CAUSES_BY_SLUG.get(slug) if slug else None


def _item(finding: dict[str, Any], custom_labels: dict[str, str]) -> Item:
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
        cause=_cause(finding["factor"]),
        binary=finding["kind"] == "binary" or _standard_kind(finding["factor"]) == "binary",
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
        # A report stored by an engine without the window has another fingerprint and is
        # computed again before it is shown (services._report_at).
        days_left_out=report["days_left_out"],
    )
