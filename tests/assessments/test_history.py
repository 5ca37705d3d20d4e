import datetime as dt
from typing import Any

from django.urls import reverse

from tests.assessments.conftest import page
from twitchlog.assessments.chart import score_chart
from twitchlog.assessments.instruments import INSTRUMENTS


def test_it_draws_the_scores_with_the_band_edges_and_lists_them(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    result_for(alice, "gad7", "3333300", days_ago=60)  # 15
    result_for(alice, "gad7", "3331000", days_ago=30)  # 10
    latest = result_for(alice, "gad7", "1100000")  # 2
    result_for(alice, "phq9", "333333333")  # another questionnaire: not on this page
    html = page(alice_client.get(reverse("assessments:history", args=["gad7"])))
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == 3
    # Band edges at 5, 10 and 15 are drawn as lines; each band is named.
    assert svg.count("<line") == 3
    for label in ("minimal", "mild", "moderate", "severe"):
        assert label in svg
    table = html[html.index("<table") : html.index("</table>")]
    assert table.count("<tr>") == 4, table  # a header row and three results
    assert table.index(reverse("assessments:result", args=[latest.pk])) < table.index("15 ")
    assert "of 27" not in table


def test_it_invites_a_first_try(alice_client: Any) -> None:
    html = page(alice_client.get(reverse("assessments:history", args=["pss10"])))
    assert "You have not taken the PSS-10 yet." in html
    assert "<svg" not in html


def test_the_chart_puts_higher_scores_higher_up() -> None:
    start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
    svg = score_chart(INSTRUMENTS["gad7"], [(start, 0), (start + dt.timedelta(days=7), 21)])
    ys = [float(part.split('"')[0]) for part in svg.split('cy="')[1:]]
    assert ys[0] > ys[1]
    assert "1 Jan 2026" in svg and "8 Jan 2026" in svg
    assert 'role="img"' in svg and "latest score 21 of 21" in svg


def test_a_single_result_sits_in_the_middle() -> None:
    svg = score_chart(INSTRUMENTS["phq4"], [(dt.datetime(2026, 3, 1, tzinfo=dt.UTC), 6)])
    assert svg.count("<circle") == 1 and "<polyline" not in svg
