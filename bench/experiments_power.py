"""How often does a self-experiment's verdict get it right?

Simulates block experiments with a known effect (``twitchlog.experiments.simulate``: each
person's own base rate, bad days in runs through a hidden AR(1) state, weekday pattern, slow
trend, overdispersed counts, unlogged days, 90% of days kept to the plan) and analyses each
with ``twitchlog.experiments.analysis`` exactly as the app does. For each design and true
rate ratio it prints the share of verdicts:

- helps / worsens / no clear / too little   the as-planned verdict
- pp helps       "likely helps" in the per-protocol comparison (shown, never the verdict)
- planned power  mean power the planner promised from 8 weeks of the person's diary before
                 the test (``design.advise_length``) for that true effect; compare with helps
- said enough    share of persons for whom the planner said this length reaches 80% power
- found | enough  "likely helps" among those persons (the promise the planner makes)
- peek helps     the test looked at after every pair and stopped as soon as it read
                 "likely helps" (the stopping rule must make this 0%)

Targets (issue 12): rate ratio 1 (no effect) called "likely helps" at most 5% of the time;
a change that halves twitching over six weekly blocks (3 pairs of 7 days) found at least 80%.
This prints a table; it is never part of the test run's pass/fail.
"""

import argparse
import math
import shlex
import sys
import time

import numpy as np
import pandas as pd

from twitchlog.experiments.analysis import analyze, read_table
from twitchlog.experiments.design import advise_length
from twitchlog.experiments.simulate import simulate_experiment

DESIGNS = ((2, 7), (3, 7), (4, 7), (3, 5), (6, 5))  # (pairs, block days)
RATIOS = (1.0, 0.75, 0.5)


def _history_array(history: pd.DataFrame, outcome: str) -> np.ndarray:
    dates = pd.to_datetime(history["date"])
    calendar = pd.date_range(dates.min(), dates.max(), freq="D")
    series = pd.Series(history[outcome].to_numpy(), index=dates).reindex(calendar)
    return series.to_numpy(dtype=float)


def _peek_helps(table: pd.DataFrame, outcome: str, pairs: int) -> bool:
    """Stop at the first pair after which the test reads "likely helps"; never allowed to
    read so once stopped early."""
    for done in range(2, pairs + 1):
        seen = table[table["block"] < 2 * done]
        stopped = done < pairs
        result = analyze(seen, outcome, stopped_early=stopped)
        if result.verdict == "likely_helps" or (stopped and result.stopped_early_changed_verdict):
            return result.verdict == "likely_helps"
    return False


def row(pairs: int, block_days: int, ratio: float, outcome: str, persons: int, seed: int) -> str:
    counts = dict.fromkeys(
        ("likely_helps", "likely_worsens", "no_clear_difference", "too_little_data"), 0
    )
    pp_helps = peek = enough = found_enough = 0
    planned: list[float] = []
    for person in range(persons):
        test, history = simulate_experiment(
            seed * 100_000 + person,
            pairs=pairs,
            block_days=block_days,
            rate_ratio=ratio,
            history_days=56,
        )
        table = read_table(test, outcome)
        result = analyze(table, outcome)
        counts[result.verdict] += 1
        pp_helps += result.per_protocol.verdict == "likely_helps"
        peek += _peek_helps(table, outcome, pairs)
        if ratio != 1.0:
            effect = math.log(ratio) if outcome == "twitch_count" else 2 * math.log(ratio)
            advice = advise_length(
                _history_array(history, outcome), outcome, effect, block_days, False
            )
            power = next(o.power for o in advice.options if o.pairs == pairs)
            planned.append(power)
            if power >= 0.8:
                enough += 1
                found_enough += result.verdict == "likely_helps"
    share = {k: f"{100 * v / persons:5.1f}%" for k, v in counts.items()}
    plan = f"{100 * np.mean(planned):5.1f}%" if planned else "    –"
    said = f"{100 * enough / persons:5.1f}%" if planned else "    –"
    kept = f"{100 * found_enough / enough:5.1f}%" if enough else "    –"
    return (
        f"| {outcome:15} | {pairs * 2:2} × {block_days} d | {ratio:4.2f} | "
        f"{share['likely_helps']} | {share['likely_worsens']} | "
        f"{share['no_clear_difference']} | {share['too_little_data']} | "
        f"{100 * pp_helps / persons:5.1f}% | {plan} | {said} | {kept} | "
        f"{100 * peek / persons:5.1f}% |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1000, help="simulated persons per row")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 persons per row")
    args = parser.parse_args()
    persons = 100 if args.quick else args.persons
    started = time.perf_counter()
    print(f"# {shlex.join(['python', *sys.argv])}")
    print(f"# {persons} simulated persons per row, 90% of days kept to the plan, seed {args.seed}")
    print(
        "| outcome         | blocks     | true | helps  | worsens | no clear | too little "
        "| pp helps | planned power | said enough | found | enough | peek helps |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for outcome in ("twitch_count", "twitch_severity"):
        for pairs, block_days in DESIGNS:
            for ratio in RATIOS:
                print(row(pairs, block_days, ratio, outcome, persons, args.seed), flush=True)
    print(f"# total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
