"""The printed report: what it says (checked on its HTML) and that WeasyPrint makes an A4 PDF."""

import re
import zlib
from typing import Any

from tests.reports.helpers import small_diary
from twitchlog.diary import services as diary
from twitchlog.knowledge.symptom import DISCLAIMER
from twitchlog.reports import pdf


def _pdf_objects(content: bytes) -> bytes:
    """The PDF's compressed streams, unpacked, where its metadata and outline live."""
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(found)


def test_the_report_says_what_a_doctor_needs(alice: Any) -> None:
    small_diary(alice, "alicetag")
    html = pdf.report_html(alice)
    assert "<title>Twitchlog report</title>" in html
    assert "kept by <strong>Alice</strong>" in html
    assert "20 Nov 2026 – 21 Nov 2026" in html  # the period covered
    assert "<svg" in html and "Twitches logged each week" in html
    assert "<td>Left eyelid or around the eye</td>" in html
    assert "<td>Right calf</td>" in html
    assert "GAD-7" in html and "10 of 21" in html and "<td>moderate</td>" in html
    assert "Weakness that is new" in html and "see a doctor soon" in html
    assert "having twitching checked once by a doctor is worthwhile" in html
    assert "Twitchlog waits for 28" in html  # two days are too few for the driver analysis
    assert DISCLAIMER in html


def test_it_renders_to_an_a4_pdf_titled_only_twitchlog_report(alice: Any) -> None:
    small_diary(alice, "alicetag")
    content = pdf.report_pdf(alice)
    assert content.startswith(b"%PDF-")
    assert len(content) > 8000  # text, a chart and tables, with embedded fonts
    objects = _pdf_objects(content)
    # The document's metadata names the report and nothing about the person; which version of
    # the PDF library made it is no concern of this test.
    (info,) = re.findall(rb"<<(/Producer \([^)]*\)[^>]*)>>", objects)
    assert re.findall(rb"/(\w+) \(", info) == [b"Producer", b"Title"]
    assert b"/Title (Twitchlog report)" in info
    assert b"/MediaBox [0 0 595.275591 841.889764]" in objects  # A4 in points


def test_it_fetches_nothing_from_outside(alice: Any) -> None:
    html = pdf.report_html(alice)
    assert not re.search(r"""(src|href)=|url\(|@import""", html)


def test_an_empty_diary_still_makes_a_report(alice: Any) -> None:
    html = pdf.report_html(alice)
    assert "Nothing logged yet" in html
    assert "No twitch has been logged" in html
    assert "No questionnaire has been completed yet" in html
    assert "Warning signs ticked" not in html
    assert pdf.render(html).startswith(b"%PDF-")


def test_a_dismissed_warning_sign_is_still_reported(alice: Any) -> None:
    small_diary(alice, "alicetag")
    diary.dismiss_red_flags(alice)
    assert "Weakness that is new" in pdf.report_html(alice)


def test_the_report_shows_the_phq9_item_9_answer(alice: Any) -> None:
    from tests.assessments.conftest import save_result

    save_result(alice, "phq9", "000000002")
    html = pdf.report_html(alice)
    assert "Item 9, “Thoughts that you would be better off dead" in html
    assert "<strong>More than half the days</strong>" in html
