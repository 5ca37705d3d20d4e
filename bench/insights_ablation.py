"""Where does the driver analysis lose power against the honest oracle?  Each guard switched off.

Runs the engine on the diaries of ``bench/insights_power.py`` (the same persons, seeds and
scoring) with one or more of its parts taken out, to measure what each costs in power and
what it buys in false drivers.  None of these variants is a product: each one is the engine
with something it needs removed, and the table says what that does.

- ``base``         the engine as shipped
- ``no_history``   no "model's own surprise before the day" (engine._with_history)
- ``no_controls``  no control chosen by double selection (outcome or factor side)
- ``hold_explained`` the factor side holds a factor even when the tested one explains it
                   away (fitting._explained_away; the engine before 2026-12-01)
- ``no_reverse``   no reverse-causation check (a driver is never set aside as a response)
- ``true_form``    a planted driver is counted in its true pattern only (its lag, the
                   three-day mean for sleep debt, "any vs none" for a threshold, the window
                   of the planted length before a period when the engine has one), with that
                   pattern's own p-value: the price of not knowing the form; the other
                   factors still pay for their patterns
- ``history_rounds_N`` the model's own surprise refitted N times instead of
                   engine.HISTORY_ROUNDS (2)
- ``min_days_N``   a factor needs N days off its usual value (each way for yes/no) instead of
                   design.MIN_VARIED_DAYS (10)
- ``no_confounders`` the diaries carry no confounded decoy (the simulator's, not the engine's)

Variants combine with ``+`` (``no_history+min_days_6``).  Prints one row per variant and
scenario: power, share of persons with a false driver, decoys flagged.  This prints tables;
it is never part of the test run's pass/fail.
"""

import argparse
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from typing import Any
from unittest import mock

import insights_power as power
from twitchlog.insights import design, engine, fitting, joint, reverse
from twitchlog.insights.scenarios import SCENARIOS, scenario_spec
from twitchlog.insights.simulate import simulate_person

TRUE_FORM = {"nights": "three_days", "threshold": "any"}


class _Planted:
    """The engine's pattern for each planted driver of the diary being analysed, for
    ``true_form``."""

    patterns: dict[str, str | None] = {}


def _true_form(driver: Any) -> str | None:
    return TRUE_FORM.get(driver.form) or power.true_pattern(driver)


def _one_per_factor_true_form(tests: list[Any]) -> list[Any]:
    """engine._one_per_factor, except that a planted driver is counted in its true pattern
    with that pattern's own p-value."""
    counted = []
    by_factor: dict[str, list[Any]] = {}
    for test in tests:
        if test.p_value is not None and test.estimate is not None:
            by_factor.setdefault(test.factor, []).append(test)
    for group in by_factor.values():
        planted = _Planted.patterns.get(group[0].factor)
        best = next((t for t in group if t.pattern == planted), None)
        if best is None:
            best = min(group, key=lambda t: t.p_value or 1.0)
            best.p_value = joint.max_p_value(
                [t.p_value or 1.0 for t in group],
                joint.correlations([t.estimate for t in group]),
            )
        for test in group:
            test.counted, test.counted_as = test is best, best
        counted.append(best)
    return counted


def _patches(variant: str) -> Iterator[Any]:
    for part in variant.split("+"):
        if part in ("base", "no_confounders"):
            continue
        if part == "no_history":
            yield mock.patch.object(engine, "_with_history", lambda _p, matrix, *_a: matrix)
        elif part == "no_controls":
            yield mock.patch.object(fitting, "selected_controls", lambda *_a, **_k: [])
        elif part == "hold_explained":
            yield mock.patch.object(
                fitting, "_explained_away", lambda names, *_a: [set() for _ in names]
            )
        elif part == "no_reverse":
            yield mock.patch.object(reverse, "check", lambda *_a: None)
        elif part == "true_form":
            yield mock.patch.object(engine, "_one_per_factor", _one_per_factor_true_form)
        elif part.startswith("history_rounds_"):
            yield mock.patch.object(engine, "HISTORY_ROUNDS", int(part.rsplit("_", 1)[1]))
        elif part.startswith("min_days_"):
            yield mock.patch.object(design, "MIN_VARIED_DAYS", int(part.rsplit("_", 1)[1]))
        else:
            raise SystemExit(f"unknown variant part {part!r}")


@contextmanager
def variant_of(variant: str) -> Iterator[None]:
    with ExitStack() as stack:
        for patch in _patches(variant):
            stack.enter_context(patch)
        yield


def run(variant: str, days: int, scenario: str, persons: int, seed: int) -> power.Tally:
    """The engine's tally on the power bench's persons of ``scenario``."""
    tally = power.Tally()
    s = list(SCENARIOS).index(scenario)
    with variant_of(variant):
        for i in range(persons):
            spec = scenario_spec(scenario, i)
            if "no_confounders" in variant.split("+"):
                spec = replace(spec, confounded_share=0.0)
            frame, truth = simulate_person(days, seed + 100_003 * days + 10_007 * s + i, spec)
            _Planted.patterns = {power.judged_name(d): _true_form(d) for d in truth.drivers}
            power._score(power._engine(frame, truth, tally), truth, tally)
    return tally


def _row(variant: str, days: int, scenario: str, t: power.Tally) -> str:
    pct: Callable[[int, int], str] = power._pct
    return (
        f"| {days} | {scenario} | {variant} | {pct(t.found, t.drivers)} "
        f"| {pct(t.false_persons, t.persons)} | {t.confounded_flagged}/{t.confounded} "
        f"| {t.reverse_flagged}/{t.reverse} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", default="base,no_history,no_controls,true_form")
    parser.add_argument("--persons", type=int, default=100)
    parser.add_argument("--lengths", default="90")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print("# " + shlex.join(["python", "bench/insights_ablation.py", *(argv or sys.argv[1:])]))
    print("| days | scenario | variant | power | false person | conf | rev |")
    print("|---|---|---|---|---|---|---|")
    for days in [int(v) for v in args.lengths.split(",")]:
        for variant in args.variants.split(","):
            total = power.Tally()
            for scenario in args.scenarios.split(","):
                tally = run(variant, days, scenario, args.persons, args.seed)
                total.add(tally)
                print(_row(variant, days, scenario, tally), flush=True)
            print(_row(variant, days, "overall", total), flush=True)


if __name__ == "__main__":
    main()
