"""How often does a self-experiment's verdict get it right, and how far is it from the best
possible test?

Simulates block experiments with a known effect (``twitchlog.experiments.simulate``: each
person's own base rate, bad days in runs through a hidden AR(1) state, weekday pattern, slow
trend, overdispersed counts, unlogged days, 90% of days kept to the plan, eight weeks of
diary before the test) and analyses each with ``twitchlog.experiments.analysis`` exactly as
the app does. For each design and true rate ratio it prints the share of verdicts:

- helps / worsens / no clear / too little   the app's as-planned verdict (its spread pooled
                 with back-to-back blocks of the eight weeks of diary before the test; "no
                 clear" is the interval holding no difference: "could not tell" or "little
                 or no difference", which the bench does not tell apart)
- pp helps       "likely helps" in the per-protocol comparison (shown, never the verdict)
- peek helps     the test looked at after every pair and stopped as soon as it read
                 "likely helps" (the stopping rule turns every early stop into "could not
                 tell", so this can never exceed helps)
- planned power  mean power the planner promised from the 8 weeks of diary before the test
                 (``design.advise_length``) for that true effect; compare with helps
- said enough    share of persons for whom the planner said this length reaches 80% power
- found, enough  "likely helps" among those persons (the promise the planner makes)
- oracle         "likely helps" from a test that knows the person's noise model exactly
                 (the hidden AR(1) coefficient and spread, the negative binomial layer, the
                 weekday pattern and trend; not the level, not the effect): it draws 999
                 null copies of the same person's test (``simulate.null_replicates``), takes
                 the generalised least squares contrast B − A of the block values with the
                 covariance of those copies, and calls "helps" when the observed contrast is
                 below the copies' 2.5% point (the app's convention: a 95% interval, 2.5%
                 each side). ``oracle days`` does the same on the daily values (no block
                 averaging); ``oracle 5%`` uses the 5% point (one-sided level 5%, the literal
                 target). No test on these data can do much better than these rows.

A second table gives "likely helps" for the variants of the analysis that were tried
(docs/experiments.md says why each was kept or not), a third the false "likely helps" when
the test days run in a worse spell than the diary before them (the app pools the spread of
both), and a list how realistic the simulated diaries are (day-to-day correlation, spread,
mean count).

Targets (issue 12): rate ratio 1 (no effect) called "likely helps" at most 5% of the time;
a change that halves twitching over six weekly blocks (3 pairs of 7 days) found at least 80%.
This prints tables; it is never part of the test run's pass/fail.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # a shared machine: one core for the bench

import argparse
import math
import shlex
import sys
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import stats

from twitchlog.experiments.analysis import analyze, read_table
from twitchlog.experiments.design import (
    MIN_DAYS_PER_BLOCK,
    advise_length,
    block_value,
    diary_blocks,
)
from twitchlog.experiments.simulate import START, Truth, null_replicates, simulate_with_truth

DESIGNS = ((3, 7), (4, 7), (6, 7))  # (pairs, block days): 6, 8 and 12 weekly blocks
RATIOS = (1.0, 0.75, 0.5)
RESTLESS = (1.25, 1.5)  # stress test: test days more restless than the diary before
OUTCOMES = ("twitch_count", "twitch_severity")
REPLICATES = 999  # the 25th lowest null copy is an exact 2.5% point
HISTORY_DAYS = 56


def _diary(history: pd.DataFrame, outcome: str) -> np.ndarray:
    """The outcome per calendar day over the HISTORY_DAYS before the test (NaN: not logged)."""
    start = pd.Timestamp(START) - pd.Timedelta(days=HISTORY_DAYS)
    calendar = pd.date_range(start, periods=HISTORY_DAYS, freq="D")
    series = pd.Series(history[outcome].to_numpy(), index=pd.to_datetime(history["date"]))
    return series.reindex(calendar).to_numpy(dtype=float)


def _peek_helps(table: pd.DataFrame, outcome: str, pairs: int, before: np.ndarray) -> bool:
    """Stop at the first pair after which the test reads "likely helps"; never allowed to
    read so once stopped early."""
    for done in range(2, pairs + 1):
        seen = table[table["block"] < 2 * done]
        stopped = done < pairs
        result = analyze(seen, outcome, stopped_early=stopped, before=before)
        if result.verdict == "likely_helps" or (stopped and result.stopped_early_changed_verdict):
            return result.verdict == "likely_helps"
    return False


# --- the oracle -------------------------------------------------------------------------


class Oracle:
    """The best test for one simulated person and design, from the null copies."""

    def __init__(self, table: pd.DataFrame, truth: Truth, rng: np.random.Generator) -> None:
        counts, ratings = null_replicates(truth, REPLICATES, rng)
        day = truth.history_days + (pd.to_datetime(table["date"]) - pd.Timestamp(START)).dt.days
        self.day = day.to_numpy()
        self.change = (table["condition"] == "B").to_numpy(dtype=float)
        self.blocks = [
            (rows.index.to_numpy(), float(cond == "B"))
            for (_b, cond), rows in table.groupby(["block", "condition"])
            if rows["y"].notna().sum() >= MIN_DAYS_PER_BLOCK
        ]
        self.copies = {"twitch_count": counts, "twitch_severity": ratings}
        self.tests: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for outcome, copies in self.copies.items():
            days = copies[:, self.day]  # test days only, in table order (all logged)
            values = np.column_stack(
                [self._block_values(days[:, idx], outcome) for idx, _ in self.blocks]
            )
            change = np.array([c for _, c in self.blocks])
            self.tests[(outcome, "blocks")] = self._contrast(values, change)
            self.tests[(outcome, "days")] = self._contrast(days, self.change)

    @staticmethod
    def _block_values(days: np.ndarray, outcome: str) -> np.ndarray:
        if outcome == "twitch_count":
            return np.log((days.sum(axis=1) + 0.5) / days.shape[1])
        return days.mean(axis=1)

    @staticmethod
    def _contrast(
        copies: np.ndarray, change: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """GLS weights of the B − A contrast under the copies' covariance, the copies' mean
        (the known weekday pattern and trend) and the copies' sorted contrasts."""
        mean = copies.mean(axis=0)
        cov = np.cov(copies, rowvar=False)
        x = np.column_stack([np.ones(len(change)), change])
        inv_x = np.linalg.solve(cov + 1e-9 * np.eye(len(cov)), x)
        weights = np.linalg.solve(x.T @ inv_x, inv_x.T)[1]
        return weights, mean, np.sort((copies - mean) @ weights)

    def helps(self, table: pd.DataFrame, outcome: str, level: str, alpha: float) -> bool:
        weights, mean, null = self.tests[(outcome, level)]
        y = table["y"].to_numpy(dtype=float)
        if level == "blocks":
            values = np.array([block_value(y[idx], outcome) for idx, _ in self.blocks])
        else:
            values = y
        # Below the k-th lowest of M null copies: chance k / (M + 1) with no effect.
        return float((values - mean) @ weights) < null[round(alpha * (len(null) + 1)) - 1]


# --- variants of the analysis that were tried ----------------------------------------------


def _blocks(table: pd.DataFrame, outcome: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Block values, 1/0 for B, and the counting-noise floor of each block."""
    values, change, floors = [], [], []
    for (_b, cond), rows in table.groupby(["block", "condition"]):
        y = rows["y"].to_numpy(dtype=float)
        y = y[~np.isnan(y)]
        if len(y) < MIN_DAYS_PER_BLOCK:
            continue
        values.append(block_value(y, outcome))
        change.append(cond == "B")
        floors.append(1 / (y.sum() + 0.5) if outcome == "twitch_count" else 1 / 12 / len(y))
    return np.array(values), np.array(change, dtype=bool), np.array(floors)


def _t_helps(diff: float, variance: float, df: float, alpha: float = 0.025) -> bool:
    return diff / math.sqrt(variance) < stats.t.ppf(alpha, df)


def paired(table: pd.DataFrame, outcome: str, history: pd.DataFrame) -> bool:
    """t test on the B − A difference within each pair (pairs − 1 degrees of freedom)."""
    diffs = []
    for pair in range(int(table["block"].max()) // 2 + 1):
        v, b, _ = _blocks(table[table["block"] // 2 == pair], outcome)
        if len(v) == 2 and b.sum() == 1:
            diffs.append(v[b][0] - v[~b][0])
    if len(diffs) < 2:
        return False
    d = np.array(diffs)
    return _t_helps(d.mean(), max(d.var(ddof=1), 1e-12) / len(d), len(d) - 1)


def quasi_poisson(table: pd.DataFrame, outcome: str, history: pd.DataFrame) -> bool | None:
    """Counts only: log-linear model of block totals with log(days) offset, dispersion from
    the Pearson residuals (at least 1), t on blocks − 2 df."""
    rows = []
    for (_b, cond), days in table.groupby(["block", "condition"]):
        y = days["y"].dropna().to_numpy()
        if len(y) >= MIN_DAYS_PER_BLOCK:
            rows.append((y.sum(), len(y), cond == "B"))
    if outcome != "twitch_count":
        return None  # a model for counts
    if sum(r[2] for r in rows) < 2 or sum(not r[2] for r in rows) < 2:
        return False
    total, n, b = (np.array(c, dtype=float) for c in zip(*rows, strict=True))
    rate_a = total[b == 0].sum() / n[b == 0].sum()
    rate_b = (total[b == 1].sum() + 0.5) / n[b == 1].sum()
    fitted = n * np.where(b == 1, rate_b, rate_a)
    dispersion = max(1.0, float(((total - fitted) ** 2 / fitted).sum()) / (len(total) - 2))
    var = dispersion * (1 / total[b == 1].sum() + 1 / total[b == 0].sum())
    return _t_helps(math.log(rate_b / rate_a), var, len(total) - 2)


def cr2(table: pd.DataFrame, outcome: str, history: pd.DataFrame) -> bool:
    """Day-level least squares (log(count + ½) or the rating) on B, standard error clustered
    by block with the CR2 (Bell–McCaffrey) correction and Satterthwaite degrees of freedom."""
    days = table.dropna(subset=["y"])
    counted = days.groupby("block")["y"].transform("size") >= MIN_DAYS_PER_BLOCK
    days = days[counted]
    y = days["y"].to_numpy(dtype=float)
    if outcome == "twitch_count":
        y = np.log(y + 0.5)
    x = np.column_stack([np.ones(len(y)), (days["condition"] == "B").to_numpy(dtype=float)])
    if (
        len(set(days.loc[days["condition"] == "B", "block"])) < 2
        or len(set(days.loc[days["condition"] == "A", "block"])) < 2
    ):
        return False
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    resid = y - x @ beta
    hat = x @ xtx_inv @ x.T
    n = len(y)
    clusters = [np.flatnonzero(days["block"].to_numpy() == g) for g in sorted(set(days["block"]))]
    c = np.array([0.0, 1.0])
    columns, meat = [], 0.0
    for idx in clusters:
        vals, vecs = np.linalg.eigh(np.eye(len(idx)) - hat[np.ix_(idx, idx)])
        adjust = vecs @ np.diag(1 / np.sqrt(np.clip(vals, 1e-12, None))) @ vecs.T
        p = adjust @ x[idx] @ xtx_inv @ c  # this cluster's weight on its residuals
        meat += float(p @ resid[idx]) ** 2
        full = np.zeros(n)
        full[idx] = p
        columns.append((np.eye(n) - hat) @ full)
    g = np.column_stack(columns)
    eig = np.linalg.eigvalsh(g.T @ g)
    df = eig.sum() ** 2 / (eig**2).sum()
    return _t_helps(beta[1], meat, df)


def without_diary(table: pd.DataFrame, outcome: str, history: pd.DataFrame) -> bool:
    """The analysis before the diary joined the spread: the test's own blocks only."""
    return analyze(table, outcome).verdict == "likely_helps"


VARIANTS: dict[str, Callable[[pd.DataFrame, str, pd.DataFrame], bool | None]] = {
    "test alone (before)": without_diary,
    "paired t": paired,
    "quasi-Poisson": quasi_poisson,
    "CR2 days": cr2,
}
# Also in the table: the app's own result read at one-sided 5% (a 90% interval), the
# literal reading of the target ("app at 90%").


# --- the run -------------------------------------------------------------------------------


def _autocorrelation(series: np.ndarray) -> float:
    a, b = series[:-1], series[1:]
    ok = ~np.isnan(a) & ~np.isnan(b)
    if ok.sum() < 10 or np.std(a[ok]) == 0 or np.std(b[ok]) == 0:
        return math.nan
    return float(np.corrcoef(a[ok], b[ok])[0, 1])


def run(args: argparse.Namespace) -> None:
    persons = 100 if args.quick else args.persons
    rng = np.random.default_rng(args.seed)
    tally: dict[tuple[str, int, float], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    planned: dict[tuple[str, int, float], list[float]] = defaultdict(list)
    realism: dict[str, list[float]] = defaultdict(list)
    designs = [d for d in DESIGNS if not args.blocks or 2 * d[0] in args.blocks]
    for pairs, block_days in designs:
        for person in range(persons):
            for ratio in RATIOS:
                test, history, truth = simulate_with_truth(
                    args.seed * 100_000 + person,
                    pairs=pairs,
                    block_days=block_days,
                    rate_ratio=ratio,
                    history_days=HISTORY_DAYS,
                )
                # Null copies with the days this run logged (they differ a little by ratio).
                oracle = Oracle(read_table(test, "twitch_count"), truth, rng)
                if pairs == DESIGNS[0][0] and ratio == 1.0:
                    counts = _diary(history, "twitch_count")
                    realism["day-to-day correlation, counts"].append(_autocorrelation(counts))
                    realism["day-to-day correlation, ratings"].append(
                        _autocorrelation(_diary(history, "twitch_severity"))
                    )
                    realism["twitches a day"].append(float(np.nanmean(counts)))
                    realism["spread of daily counts (sd / mean)"].append(
                        float(np.nanstd(counts) / np.nanmean(counts))
                    )
                    weekly = diary_blocks(counts, "twitch_count", 7)
                    if len(weekly):
                        realism["spread of weekly log rate (sd)"].append(
                            float(np.std(weekly, ddof=1))
                        )
                for outcome in OUTCOMES:
                    key = (outcome, pairs, ratio)
                    t = tally[key]
                    table = read_table(test, outcome)
                    before = _diary(history, outcome)
                    result = analyze(table, outcome, before=before)
                    t[result.verdict] += 1
                    t["pp"] += result.per_protocol.verdict == "likely_helps"
                    t["peek"] += _peek_helps(table, outcome, pairs, before)
                    t["oracle"] += oracle.helps(table, outcome, "blocks", 0.025)
                    t["oracle days"] += oracle.helps(table, outcome, "days", 0.025)
                    t["oracle 5%"] += oracle.helps(table, outcome, "blocks", 0.05)
                    plan = result.as_planned
                    below = plan.effect is not None and plan.effect < (
                        1 if outcome == "twitch_count" else 0
                    )
                    t["app at 90%"] += below and plan.p_value is not None and plan.p_value < 0.10
                    for name, variant in VARIANTS.items():
                        found = variant(table, outcome, history)
                        t[name] += bool(found)
                        t[f"{name} applies"] += found is not None
                    if ratio != 1.0:
                        effect = math.log(ratio) * (1 if outcome == "twitch_count" else 2)
                        advice = advise_length(before, outcome, effect, block_days, False)
                        power = next(o.power for o in advice.options if o.pairs == pairs)
                        planned[key].append(power)
                        if power >= 0.8:  # the planner said this length is enough
                            t["enough"] += 1
                            t["found | enough"] += result.verdict == "likely_helps"
            if (pairs, block_days) in (DESIGNS[0], DESIGNS[-1]):
                for restless in RESTLESS:  # no effect; test days in a worse spell
                    test, history, _ = simulate_with_truth(
                        args.seed * 100_000 + person,
                        pairs=pairs,
                        block_days=block_days,
                        history_days=HISTORY_DAYS,
                        restless=restless,
                    )
                    for outcome in OUTCOMES:
                        t = tally[(outcome, pairs, -restless)]
                        table = read_table(test, outcome)
                        found = analyze(table, outcome, before=_diary(history, outcome))
                        t["likely_helps"] += found.verdict == "likely_helps"
                        t["alone"] += analyze(table, outcome).verdict == "likely_helps"
        print(
            f"# {2 * pairs} × {block_days} d done at {time.perf_counter() - args.started:.0f} s",
            flush=True,
        )

    def pct(count: int) -> str:
        return f"{100 * count / persons:5.1f}%"

    print()
    print(
        "| outcome | blocks | true | helps | worsens | no clear | too little | pp helps "
        "| peek helps | planned power | said enough | found, enough | **oracle** "
        "| oracle days | oracle 5% |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for outcome in OUTCOMES:
        for pairs, block_days in designs:
            for ratio in RATIOS:
                key = (outcome, pairs, ratio)
                t = tally[key]
                plan = f"{100 * np.mean(planned[key]):5.1f}%" if planned[key] else "    –"
                said = pct(t["enough"]) if planned[key] else "    –"
                kept = (
                    f"{100 * t['found | enough'] / t['enough']:5.1f}%" if t["enough"] else "    –"
                )
                print(
                    f"| {outcome} | {2 * pairs} × {block_days} d | {ratio:4.2f} | "
                    f"{pct(t['likely_helps'])} | {pct(t['likely_worsens'])} | "
                    f"{pct(t['could_not_tell'] + t['no_meaningful_difference'])} | "
                    f"{pct(t['too_little_data'])} | "
                    f"{pct(t['pp'])} | {pct(t['peek'])} | {plan} | {said} | {kept} | "
                    f"**{pct(t['oracle'])}** | "
                    f"{pct(t['oracle days'])} | {pct(t['oracle 5%'])} |"
                )
    print()
    print(
        'Variants tried ("likely helps"; the app\'s verdict and the oracle again for comparison):'
    )
    print()
    print(
        "| outcome | blocks | true | app | "
        + " | ".join(VARIANTS)
        + " | app at 90% | oracle | oracle days |"
    )
    print("|---|---|---|---|" + "---|" * len(VARIANTS) + "---|---|---|")
    for outcome in OUTCOMES:
        for pairs, block_days in designs:
            for ratio in RATIOS:
                t = tally[(outcome, pairs, ratio)]
                cells = " | ".join(
                    pct(t[name]) if t[f"{name} applies"] else "    –" for name in VARIANTS
                )
                print(
                    f"| {outcome} | {2 * pairs} × {block_days} d | {ratio:4.2f} | "
                    f"{pct(t['likely_helps'])} | {cells} | {pct(t['app at 90%'])} | "
                    f"{pct(t['oracle'])} | {pct(t['oracle days'])} |"
                )
    print()
    print(
        "A test run in a worse spell than the diary before it (the hidden state's spread on "
        'test days × 1.25 or × 1.5, no effect): "likely helps" by the app and by the test alone'
    )
    print()
    print("| outcome | blocks | test spread | app | test alone |")
    print("|---|---|---|---|---|")
    for outcome in OUTCOMES:
        for pairs, block_days in (d for d in (DESIGNS[0], DESIGNS[-1]) if d in designs):
            for restless in RESTLESS:
                t = tally[(outcome, pairs, -restless)]
                print(
                    f"| {outcome} | {2 * pairs} × {block_days} d | × {restless} | "
                    f"{pct(t['likely_helps'])} | {pct(t['alone'])} |"
                )
    print()
    print(f"The simulated diaries (8 weeks before the test, {persons} persons): median [10%–90%]")
    print()
    for name, values in realism.items():
        q = np.nanpercentile(values, [10, 50, 90])
        print(f"- {name}: {q[1]:.2f} [{q[0]:.2f}–{q[2]:.2f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1000, help="simulated persons per row")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 persons per row")
    parser.add_argument(
        "--blocks",
        type=int,
        nargs="+",
        choices=[2 * pairs for pairs, _ in DESIGNS],
        help="only these designs, by their number of weekly blocks (default: all)",
    )
    args = parser.parse_args()
    args.started = time.perf_counter()
    print(f"# {shlex.join(['python', *sys.argv])}")
    persons = 100 if args.quick else args.persons
    print(
        f"# {persons} simulated persons per row, 90% of days kept to the plan, "
        f"{REPLICATES} null copies per person for the oracle, seed {args.seed}"
    )
    run(args)
    print(f"# total {time.perf_counter() - args.started:.0f} s")


if __name__ == "__main__":
    main()
