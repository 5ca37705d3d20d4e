"""Are the engine's p-values honest?  Null factor tests on simulated diaries.

Runs the engine on diaries of the ``null`` scenario (no driver; a reverse-caused supplement
for half) and on diaries with drivers, and prints, per length, the share of *counted* factor
tests of factors without any effect whose p-value falls below 0.05, 0.01 and 0.002 (the
level a first driver needs with about 25 tests), against those nominal levels.  The
reverse-caused supplement is left out (its link is real, just the wrong way round).
"""

import argparse
import shlex
import sys

import numpy as np

from twitchlog.insights.engine import analyze
from twitchlog.insights.scenarios import scenario_spec
from twitchlog.insights.simulate import LOAD_FACTOR, simulate_person

LEVELS = (0.05, 0.01, 0.002)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100)
    parser.add_argument("--lengths", default="90,180")
    parser.add_argument("--scenarios", default="null,mixed,persistent")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print("# " + shlex.join(["python", "bench/insights_calibration.py", *(argv or sys.argv[1:])]))
    print("| days | scenario | null tests | p<0.05 | p<0.01 | p<0.002 |")
    print("|---|---|---|---|---|---|")
    for days in [int(v) for v in args.lengths.split(",")]:
        for s, scenario in enumerate(args.scenarios.split(",")):
            p_values = []
            for i in range(args.persons):
                seed = args.seed + 1000 * days + 100_000 * s + i
                frame, truth = simulate_person(days, seed, scenario_spec(scenario, i))
                related = {d.factor for d in truth.drivers} | {LOAD_FACTOR}
                related |= {truth.reverse_decoy, truth.confounded_decoy} - {None}
                if truth.drivers and any(d.form != "lag" for d in truth.drivers):
                    related |= {"before_period", "menstruating", "sleep_quality"}
                if any(d.factor in ("sleep_hours", "stress_level") for d in truth.drivers):
                    related |= {"sleep_quality", "caffeine_mg", "overbreathing"}
                counted: dict[str, float] = {}
                for finding in analyze(frame).findings:
                    if finding.factor in related or finding.p_value is None:
                        continue
                    counted[finding.factor] = min(counted.get(finding.factor, 1.0), finding.p_value)
                p_values += list(counted.values())
            p = np.asarray(p_values)
            shares = " | ".join(
                f"{100 * np.mean(p < level):.1f}% ({np.mean(p < level) / level:.2f}x)"
                for level in LEVELS
            )
            print(f"| {days} | {scenario} | {len(p)} | {shares} |")


if __name__ == "__main__":
    main()
