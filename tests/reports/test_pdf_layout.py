"""The printed report on paper: names, the chosen dates, a partial week, and page breaks."""

import datetime as dt
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.urls import reverse

from tests.conftest import make_user
from tests.reports.helpers import small_diary
from twitchlog.accounts.models import User
from twitchlog.reports import pdf
from twitchlog.reports.chart import weekly_chart
from twitchlog.reports.summary import Period, summarise


def _pages(html: str) -> list[list[tuple[str | None, str]]]:
    """Each page's text as (HTML tag, text), in order, from WeasyPrint's laid-out boxes.

    ``_page_box`` is WeasyPrint's own tree (pinned in constraints.txt); no PDF parser needed.
    """
    from weasyprint import HTML

    pages = []
    for page in HTML(string=html).render().pages:
        found: list[tuple[str | None, str]] = []

        def walk(box: Any, found: list[tuple[str | None, str]] = found) -> None:
            if getattr(box, "text", "").strip():
                found.append((getattr(box, "element_tag", None), box.text))
            for child in getattr(box, "children", []):
                walk(child)

        walk(page._page_box)
        pages.append([item for item in found if item[0] is not None])  # not the page footer
    return pages


def test_without_a_display_name_the_report_prints_no_email(db: Any) -> None:
    user = make_user("quiet.person@example.org", display_name="")
    small_diary(user, "tag")
    html = pdf.report_html(user)
    assert "quiet.person" not in html and "example.org" not in html
    assert "A summary of a Twitchlog diary" in html


def test_the_report_covers_the_chosen_dates(alice: Any) -> None:
    small_diary(alice, "tag")  # twitches on 20 and 21 November, GAD-7 on 17 November
    html = pdf.report_html(alice, Period(dt.date(2026, 11, 21), dt.date(2026, 11, 30)))
    assert "from 21 November 2026 to 30 November 2026" in html
    assert "<td>Right calf</td>" in html and "Left eyelid" not in html
    assert "GAD-7" not in html  # taken before the period
    whole = pdf.report_html(alice)
    assert "GAD-7" in whole and "Left eyelid" in whole


def test_a_week_that_is_not_over_is_marked_partial(alice: Any) -> None:
    small_diary(alice, "tag")  # Friday 20 and Saturday 21 November
    summary = summarise(alice, Period(end=dt.date(2026, 11, 21)))
    assert summary.partial_week
    assert "so far" in weekly_chart(summary.weeks, summary.partial_week)
    assert not summarise(alice, Period(end=dt.date(2026, 11, 22))).partial_week  # Sunday


def test_the_page_asks_for_dates_and_explains_a_mistake(alice_client: Any) -> None:
    page = alice_client.get(reverse("reports:index")).content.decode()
    assert 'name="start"' in page and 'type="date"' in page
    assert "Download for another health app (FHIR)" in page
    bad = alice_client.get(reverse("reports:pdf"), {"start": "2026-11-20", "end": "2026-11-01"})
    assert bad.status_code == 400
    assert "The last day comes before the first" in bad.content.decode()
    assert 'value="2026-11-20"' in bad.content.decode()  # what was typed stays
    good = alice_client.get(reverse("reports:pdf"), {"start": "2026-11-01", "end": ""})
    assert good.status_code == 200 and good["Content-Type"] == "application/pdf"


def test_no_heading_is_left_at_the_foot_of_a_page_and_tables_repeat_their_heading(
    db: Any,
) -> None:
    # Before: "What seems to drive it" and its lead-in ended page 1; its drivers began page 2.
    call_command("demo", "--days", "120", "--password", "x" * 12, stdout=StringIO())
    demo = User.objects.get(email="demo@example.org")
    pages = _pages(pdf.report_html(demo))
    assert len(pages) > 1
    for number, page in enumerate(pages[:-1], 1):
        tags = [tag for tag, _ in page]
        last_heading = max((i for i, t in enumerate(tags) if t in ("h2", "h3")), default=-1)
        after = [tag for tag in tags[last_heading + 1 :] if tag not in ("p", "span", "strong")]
        assert last_heading == -1 or after or tags[-1] not in ("p", "h2", "h3"), number
        assert tags[-1] not in ("h2", "h3"), number
    for page in pages[1:]:
        if page and page[0][0] in ("td", "th"):
            assert page[0][0] == "th", page[:3]  # a continued table starts with its heading
