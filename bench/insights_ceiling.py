"""How much power could any honest engine have?  A ceiling for the power target.

The power benchmark's oracle knows the true model and tests each true effect alone at
p < 0.05.  Two things separate it from anything a person's diary can honestly support:

1. **Its errors are too small.**  Its HAC intervals cover the truth only 81-92% of the time
   (runs of bad days last longer than its few lags, and missing days are more common on bad
   days), so its "5%" test rejects more often than 5%.  Measured per diary length, the
   spread of ``(estimate - truth) / SE`` over all true drivers, ``s``, says by how much.
2. **It knows which effects to test.**  An engine must test every factor at both lags plus
   the stress load (``m`` tests for the person) and keep false drivers rare, so a driver has
   to pass the engine's own multiple-testing rule (weighted Benjamini-Hochberg at 5% and
   weighted Holm at 10%, the load weighted 4), not p < 0.05.

For each simulated person (the same persons as ``insights_power.py``), this takes the
oracle's own effect-to-SE ratios and asks what power an ideal test would have:

- ``oracle``       the oracle as benchmarked: its p < 0.05
- ``honest@.05``   its ratios divided by ``s`` (errors that cover 95%), at p < 0.05
- ``oracle@rule``  its ratios at face value, through the engine's rule with the person's
                   ``m`` (the other m - k tests pure noise)
- ``honest@rule``  both: the best an engine with the oracle's knowledge of *how* to model,
                   but not *what* to test, could do; nothing is lost to decoys, the search
                   over the load's time constant, or estimating controls
- ``engine``       the engine's power on the same persons

Monte Carlo over 200 draws per person.  Not part of the test run.
"""

import argparse
import math
import shlex
import sys
import time

import numpy as np
from scipy.special import ndtr

from insights_power import oracle_fit  # bench/ is on the path when run as a script
from twitchlog.insights.engine import analyze
from twitchlog.insights.errors import FAMILY_LEVEL, LOAD_WEIGHT, Q_LEVEL
from twitchlog.insights.errors import bh_adjust as _benjamini_hochberg
from twitchlog.insights.errors import holm_adjust as _holm
from twitchlog.insights.simulate import LOAD_FACTOR, simulate_person

DRAWS = 200


def _passes(p_values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The engine's rule (weighted BH at Q_LEVEL and weighted Holm at FAMILY_LEVEL)."""
    w = weights * len(weights) / weights.sum()
    q = np.array(_benjamini_hochberg(list(np.minimum(1.0, p_values / w))))
    holm = np.array(_holm(list(p_values), list(w)))
    return (q <= Q_LEVEL) & (holm <= FAMILY_LEVEL)


def _ideal_power(
    ratios: list[tuple[float, bool]], m: int, has_load_test: bool, rng: np.random.Generator
) -> float:
    """Expected number of true effects found, with true z-ratios ``ratios`` (signed, is_load)
    among ``m`` tests of which the rest are null."""
    k = len(ratios)
    nulls = max(m - k, 0)
    weights = np.array([LOAD_WEIGHT if is_load else 1.0 for _r, is_load in ratios] + [1.0] * nulls)
    true_load = any(is_load for _r, is_load in ratios)
    if has_load_test and not true_load and nulls:
        weights[k] = LOAD_WEIGHT
    means = np.array([r for r, _l in ratios])
    found = 0.0
    for _ in range(DRAWS):
        z = means + rng.standard_normal(k)
        p_true = 2 * ndtr(-np.abs(z))
        p_values = np.concatenate([p_true, rng.random(nulls)])
        passed = _passes(p_values, weights)[:k]
        found += float(np.sum(passed & (np.sign(z) == np.sign(means))))
    return found / DRAWS


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--lengths", default="60,90,180,365")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(
        "# "
        + shlex.join(
            ["python", "bench/insights_ceiling.py", *(sys.argv[1:] if argv is None else argv)]
        )
    )
    started = time.perf_counter()
    rng = np.random.default_rng(0)
    print(
        "| days | s | oracle | honest@.05 | oracle@rule | honest@rule | engine "
        "| engine / oracle | honest@rule / oracle |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for days in [int(v) for v in args.lengths.split(",")]:
        persons = []
        for i in range(args.persons):
            frame, truth = simulate_person(days, args.seed + 100_003 * days + i)
            effects = oracle_fit(frame, truth)
            if not effects or not all(math.isfinite(e.se) and e.se > 0 for e in effects):
                continue  # the oracle could not fit this diary (a driver that hardly varied)
            report = analyze(frame, "twitch_count")
            tested = [f for f in report.findings if f.p_value is not None]
            signs = {d.factor: (1 if d.rate_ratio > 1 else -1) for d in truth.drivers}
            if truth.load is not None:
                signs[LOAD_FACTOR] = 1 if truth.load.rate_ratio > 1 else -1
            flagged: dict[str, set[int]] = {}
            for f in report.drivers():
                flagged.setdefault(f.factor, set()).add(1 if f.verdict == "raises" else -1)
            found = sum(flagged.get(name) == {sign} for name, sign in signs.items())
            persons.append((effects, len(tested), any(f.kind == "load" for f in tested), found))
        z = [(e.coef - e.truth) / e.se for p in persons for e in p[0] if e.factor != LOAD_FACTOR]
        s = float(np.std(z))
        total = sum(len(p[0]) for p in persons)
        oracle = sum(
            e.p_value < 0.05 and math.copysign(1, e.coef) == math.copysign(1, e.truth)
            for p in persons
            for e in p[0]
        )
        honest = sum(float(ndtr(abs(e.truth) / e.se / s - 1.959964)) for p in persons for e in p[0])
        at_rule = honest_rule = 0.0
        for effects, m, has_load, _found in persons:
            face = [(e.truth / e.se, e.factor == LOAD_FACTOR) for e in effects]
            at_rule += _ideal_power(face, m, has_load, rng)
            honest_rule += _ideal_power([(r / s, load) for r, load in face], m, has_load, rng)
        engine = sum(p[3] for p in persons)
        pct = [100 * v / total for v in (oracle, honest, at_rule, honest_rule, engine)]
        print(
            f"| {days} | {s:.2f} | "
            + " | ".join(f"{v:.1f}" for v in pct)
            + f" | {pct[4] / pct[0]:.2f} | {pct[3] / pct[0]:.2f} |",
            flush=True,
        )
    print(f"# total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
