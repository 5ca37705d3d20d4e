"""How long does the driver analysis take on one year of diary with 20 factors?

Prints the median of several runs of ``twitchlog.insights.analyze`` (one core, default
settings: every circular shift for the stress load).  Not part of the test run.
"""

import argparse
import shlex
import statistics
import sys
import time

import numpy as np

from twitchlog.insights.engine import analyze
from twitchlog.insights.simulate import SimSpec, simulate_person


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=365)
    # A diary holds at most 38: the 18 standard factors and csvfile.LIMITS.factors (20) own.
    parser.add_argument("--factors", type=int, default=20)
    args = parser.parse_args(argv)
    print(
        "# "
        + shlex.join(
            ["python", "bench/insights_speed.py", *(sys.argv[1:] if argv is None else argv)]
        )
    )
    frame, _truth = simulate_person(
        args.days, 1, SimSpec(factors=(20, 20), missing_days=(0.0, 0.0))
    )
    factors = [c for c in frame.columns if c not in ("date", "twitch_count", "twitch_severity")]
    # The simulator draws at most about 20; more are whole-number factors of pure noise.
    rng = np.random.default_rng(2)
    for i in range(len(factors), args.factors):
        frame[f"own_{i}"] = rng.poisson(2.0, len(frame)).astype(float)
        factors.append(f"own_{i}")
    for outcome in ("twitch_count", "twitch_severity"):
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            analyze(frame, outcome)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        # CPU time is what one core spends; wall time also counts waiting for a busy machine.
        print(
            f"{outcome}: {len(frame)} days x {len(factors)} factors: "
            f"median {statistics.median(times):.3f} s over {args.runs} runs "
            f"(min {min(times):.3f} s, max {max(times):.3f} s); "
            f"CPU median {statistics.median(cpu):.3f} s"
        )


if __name__ == "__main__":
    main()
