"""The verdict of a block experiment: known answers, the stopping rule, per protocol."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from twitchlog.experiments.analysis import TableError, analyze, analyze_frame, read_table
from twitchlog.experiments.design import diary_blocks
from twitchlog.experiments.simulate import simulate_with_truth


def table(blocks: list[tuple[str, list[float]]], adhered: float = 1.0) -> pd.DataFrame:
    """A daily table from (condition, values) blocks, one washout day between blocks."""
    rows, day = [], pd.Timestamp("2026-01-05")
    for condition, values in blocks:
        for value in values:
            rows.append({"date": day, "condition": condition, "adhered": adhered, "y": value})
            day += pd.Timedelta(days=1)
        rows.append({"date": day, "condition": "", "adhered": np.nan, "y": 9.0})
        day += pd.Timedelta(days=1)
    frame = pd.DataFrame(rows)
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame.rename(columns={"y": "twitch_count"})


CLEAR_HELP = [
    ("A", [10, 12, 9, 11, 10, 13, 10]),
    ("B", [3, 4, 2, 3, 5, 3, 4]),
    ("B", [4, 3, 3, 2, 4, 3, 3]),
    ("A", [11, 9, 12, 10, 10, 11, 12]),
    ("A", [10, 10, 11, 9, 12, 10, 11]),
    ("B", [3, 3, 4, 4, 2, 3, 3]),
]


def test_a_clear_drop_reads_likely_helps_with_its_rate_ratio() -> None:
    result = analyze_frame(table(CLEAR_HELP), "twitch_count")
    assert result.verdict == "likely_helps"
    assert result.as_planned.effect == pytest.approx(3.29 / 10.67, rel=0.05)
    assert result.as_planned.ci_low < result.as_planned.effect < result.as_planned.ci_high < 1
    assert result.as_planned.blocks_a == 3 and result.as_planned.blocks_b == 3
    assert result.adherence == 1.0


def test_a_clear_rise_reads_likely_worsens() -> None:
    flipped = [("B" if c == "A" else "A", v) for c, v in CLEAR_HELP]
    assert analyze_frame(table(flipped), "twitch_count").verdict == "likely_worsens"


def test_stopping_early_never_reads_likely_helps() -> None:
    result = analyze_frame(table(CLEAR_HELP), "twitch_count", stopped_early=True)
    assert result.verdict == "could_not_tell"
    assert result.stopped_early_changed_verdict
    flipped = [("B" if c == "A" else "A", v) for c, v in CLEAR_HELP]
    assert analyze_frame(table(flipped), "twitch_count", True).verdict == "likely_worsens"


def test_one_block_of_a_kind_is_too_little_data() -> None:
    result = analyze_frame(table(CLEAR_HELP[:3]), "twitch_count")
    assert result.verdict == "too_little_data"
    assert result.as_planned.effect is None


def test_blocks_with_fewer_than_three_logged_days_do_not_count() -> None:
    sparse = [*CLEAR_HELP[:5], ("B", [3, np.nan, np.nan, np.nan, 4, np.nan, np.nan])]
    result = analyze_frame(table(sparse), "twitch_count")
    assert result.as_planned.blocks_b == 2


def test_identical_blocks_do_not_make_a_tiny_interval() -> None:
    # Before the floor, equal blocks gave a spread of zero and an interval of zero width.
    same = [("A", [5] * 7), ("B", [4] * 7), ("A", [5] * 7), ("B", [4] * 7)]
    result = analyze_frame(table(same), "twitch_count")
    assert result.verdict == "could_not_tell"
    assert result.as_planned.ci_high > 1


def test_days_not_kept_are_left_out_only_per_protocol() -> None:
    frame = table(CLEAR_HELP)
    # On the first change block's days not kept, twitching was as usual.
    first_b = frame.index[frame["condition"] == "B"][:7]
    frame.loc[first_b, "adhered"] = 0
    frame.loc[first_b, "twitch_count"] = 10
    result = analyze_frame(frame, "twitch_count")
    assert result.days_not_kept == 7
    assert result.adherence == pytest.approx(35 / 42)
    assert result.per_protocol.blocks_b == 2
    assert result.per_protocol.effect < result.as_planned.effect


def test_ratings_give_a_difference_in_points() -> None:
    frame = table(CLEAR_HELP).rename(columns={"twitch_count": "twitch_severity"})
    frame["twitch_severity"] = (frame["twitch_severity"] / 2).round()
    result = analyze_frame(frame, "twitch_severity")
    assert result.effect_kind == "difference"
    assert result.as_planned.effect == pytest.approx(-3.6, abs=0.3)
    assert result.verdict == "likely_helps"


def test_without_a_block_column_runs_of_a_condition_are_blocks() -> None:
    read = read_table(table(CLEAR_HELP), "twitch_count")
    assert read["block"].nunique() == 6
    assert "" not in set(read["condition"])


def test_a_simulated_null_rarely_reads_helps() -> None:
    verdicts = [
        analyze_frame(simulate_with_truth(seed)[0], "twitch_count").verdict for seed in range(30)
    ]
    assert verdicts.count("likely_helps") <= 3


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("condition", "C", "A \\(usual\\), B \\(the change\\) or blank"),
        ("adhered", "2", "“adhered” must be 1"),
        ("twitch_count", "-1", "cannot be negative"),
        ("twitch_count", "lots", "not a number"),
        ("date", "05/01/2026", "YYYY-MM-DD"),
    ],
)
def test_bad_values_are_named(column: str, value: str, message: str) -> None:
    frame = table(CLEAR_HELP).astype({column: object})
    frame.loc[0, column] = value
    with pytest.raises(TableError, match=message):
        analyze(read_table(frame, "twitch_count"), "twitch_count")


def test_a_missing_column_is_named() -> None:
    with pytest.raises(TableError, match="no “condition” column"):
        read_table(table(CLEAR_HELP).drop(columns="condition"), "twitch_count")


# --- the spread pooled with back-to-back blocks of the diary before the test -------------


def rating_table(means: list[tuple[str, float]]) -> pd.DataFrame:
    """Weekly blocks of a constant rating, no washout, starting 2026-03-02."""
    rows, day = [], pd.Timestamp("2026-03-02")
    for block, (condition, mean) in enumerate(means):
        for _ in range(7):
            rows.append(
                {"date": day, "block": block, "condition": condition, "adhered": 1.0, "y": mean}
            )
            day += pd.Timedelta(days=1)
    return pd.DataFrame(rows)


TEST_BLOCKS = [("A", 5.0), ("B", 4.0), ("B", 5.0), ("A", 6.0), ("A", 7.0), ("B", 6.0)]
# Eight weeks before the test whose weekly means alternate 7 and 5: spread 1 around 6.
DIARY = np.repeat([5.0, 7.0, 5.0, 7.0, 5.0, 7.0, 5.0, 7.0], 7)


def test_diary_blocks_run_back_to_back_from_the_day_before_the_test() -> None:
    before = np.concatenate([np.full(30, 1.0), DIARY])  # only the last eight weeks count
    assert list(diary_blocks(before, "twitch_severity", 7)) == [7, 5, 7, 5, 7, 5, 7, 5]
    assert len(diary_blocks(before, "twitch_severity", 5)) == 11
    sparse = DIARY.copy()
    sparse[:49] = np.nan  # one block with logged days left, or three with five-day blocks
    sparse[49:51] = np.nan
    assert len(diary_blocks(sparse, "twitch_severity", 7)) == 0  # fewer than three blocks
    counts = np.full(56, 4.0)
    counts[-2:] = np.nan
    values = diary_blocks(counts, "twitch_count", 7)
    assert values[0] == pytest.approx(np.log(20.5 / 5))
    assert values[1] == pytest.approx(np.log(28.5 / 7))


def test_the_diary_spread_is_pooled_with_the_tests_own() -> None:
    result = analyze(rating_table(TEST_BLOCKS), "twitch_severity", before=DIARY)
    # By hand: the test's blocks give squares 2 + 2 on 4 degrees of freedom, the diary's
    # eight blocks 8 × 1² on 7 more: pooled variance 12 / 11.
    se = np.sqrt(12 / 11 * (1 / 3 + 1 / 3))
    half = stats.t.ppf(0.975, 11) * se
    plan = result.as_planned
    assert result.diary_blocks == 8
    assert plan.effect == pytest.approx(-1.0)
    assert plan.ci_low == pytest.approx(-1.0 - half)
    assert plan.ci_high == pytest.approx(-1.0 + half)
    assert plan.p_value == pytest.approx(2 * stats.t.sf(1 / se, 11))
    alone = analyze(rating_table(TEST_BLOCKS), "twitch_severity").as_planned
    assert alone.ci_high - alone.ci_low == pytest.approx(
        2 * stats.t.ppf(0.975, 4) * np.sqrt(1 * (2 / 3))
    )


def test_a_calm_diary_narrows_the_interval_and_a_restless_one_widens_it() -> None:
    blocks = [("A", 6.0), ("B", 4.0), ("B", 5.6), ("A", 7.0), ("A", 5.0), ("B", 5.0)]
    calm = np.repeat([5.8, 6.2] * 4, 7)
    restless = np.repeat([4.0, 8.0] * 4, 7)
    alone = analyze(rating_table(blocks), "twitch_severity")
    with_calm = analyze(rating_table(blocks), "twitch_severity", before=calm)
    with_restless = analyze(rating_table(blocks), "twitch_severity", before=restless)
    assert alone.verdict == "could_not_tell"
    assert with_calm.verdict == "likely_helps"
    assert with_restless.verdict == "could_not_tell"
    width = [r.as_planned.ci_high - r.as_planned.ci_low for r in (with_calm, alone, with_restless)]
    assert width == sorted(width)


def test_the_csv_analyser_uses_the_eight_weeks_before_the_first_test_day() -> None:
    test = rating_table(TEST_BLOCKS)
    earlier = pd.DataFrame(
        {
            "date": pd.date_range(end="2026-03-01", periods=70, freq="D"),
            "condition": "",
            "adhered": np.nan,
            "y": np.concatenate([np.full(14, 0.0), DIARY]),  # the 14 oldest days fall outside
        }
    )
    after = pd.DataFrame(
        {"date": pd.date_range("2026-04-13", periods=20), "condition": "", "y": 10.0}
    )
    frame = pd.concat([earlier, test, after], ignore_index=True)  # no block outside the test
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame = frame.rename(columns={"y": "twitch_severity"})
    from_csv = analyze_frame(frame, "twitch_severity")
    by_hand = analyze(rating_table(TEST_BLOCKS), "twitch_severity", before=DIARY)
    assert from_csv.diary_blocks == 8
    assert from_csv.as_planned == by_hand.as_planned
    assert analyze_frame(frame.iloc[70:], "twitch_severity").diary_blocks == 0


def test_stopping_early_still_never_reads_helps_with_the_diary() -> None:
    blocks = [("A", 6.0), ("B", 4.6), ("B", 5.0), ("A", 6.4)]
    calm = np.repeat([5.8, 6.2] * 4, 7)
    table = rating_table(blocks)
    assert analyze(table, "twitch_severity", before=calm).verdict == "likely_helps"
    stopped = analyze(table, "twitch_severity", stopped_early=True, before=calm)
    assert stopped.verdict == "could_not_tell"
    assert stopped.stopped_early_changed_verdict


def test_the_result_says_when_the_diary_before_the_test_was_used() -> None:
    from twitchlog.experiments.wording import result_text

    with_diary = result_text(analyze(rating_table(TEST_BLOCKS), "twitch_severity", before=DIARY))
    alone = result_text(analyze(rating_table(TEST_BLOCKS), "twitch_severity"))
    assert "8 blocks of your diary from before the test" in with_diary
    assert "diary from before" not in alone


# --- "could not tell" is never "no difference" -------------------------------------------


def test_an_interval_reads_no_difference_only_when_it_rules_out_what_matters() -> None:
    # Before, both of these read "no clear difference", which in a list reads as "no effect".
    level = [("A", 6.0), ("B", 5.9), ("B", 6.1), ("A", 6.0), ("A", 6.1), ("B", 6.0)]
    calm = np.repeat([5.9, 6.1] * 4, 7)
    narrow = analyze(rating_table(level), "twitch_severity", before=calm, meaningful=-1.0)
    assert narrow.verdict == "no_meaningful_difference"
    assert -1 < narrow.as_planned.ci_low < 0 < narrow.as_planned.ci_high < 1
    assert narrow.meaningful_effect == -1.0
    # The same interval with no difference that matters to compare it with rules nothing out.
    assert analyze(rating_table(level), "twitch_severity", before=calm).verdict == (
        "could_not_tell"
    )
    # A wide one holds both no change and the difference that matters.
    wide = analyze(rating_table(TEST_BLOCKS), "twitch_severity", meaningful=-1.0)
    assert wide.as_planned.ci_low < -1 and wide.as_planned.ci_high > 0
    assert wide.verdict == "could_not_tell"
    assert wide.per_protocol.verdict == "could_not_tell"


def test_the_difference_that_matters_counts_either_way() -> None:
    # An interval that stays above one point lower but reaches one point higher has not
    # ruled out a change that matters: a point worse would matter as much as a point better.
    rising = [("A", 6.0), ("B", 6.8), ("B", 6.2), ("A", 6.3), ("A", 5.7), ("B", 6.5)]
    result = analyze(rating_table(rising), "twitch_severity", meaningful=-1.0)
    assert -1 < result.as_planned.ci_low < 0 and result.as_planned.ci_high > 1
    assert result.verdict == "could_not_tell"


def test_a_count_test_that_could_not_tell_says_so_with_its_ratio() -> None:
    # Like the demo's: 1.87 times as many (95% interval 0.58 to 6.03) for a planned halving.
    noisy = [
        ("A", [2, 5, 1, 3, 0, 4, 2]),
        ("B", [6, 1, 9, 2, 4, 8, 3]),
        ("B", [3, 2, 0, 6, 1, 2, 5]),
        ("A", [3, 1, 2, 0, 2, 1, 3]),
    ]
    result = analyze_frame(table(noisy), "twitch_count", meaningful=np.log(0.5))
    plan = result.as_planned
    assert plan.ci_low < 1 < plan.ci_high and (plan.ci_low < 0.5 or plan.ci_high > 2)
    assert result.verdict == "could_not_tell"
    assert result.to_dict()["meaningful_effect"] == pytest.approx(0.5)
