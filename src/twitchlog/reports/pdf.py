"""The printed report: an HTML page rendered to an A4 PDF by WeasyPrint.

Nothing is fetched while rendering: the page carries its own CSS and its chart as inline SVG,
uses fonts installed on the machine, and the URL fetcher allows ``data:`` addresses only, so
a stray link can never reach the network. The PDF's title is "Twitchlog report" and nothing
more, since a file's properties are shown by viewers and search tools where the page is not.
"""

import logging

from django.template.loader import render_to_string

from twitchlog.accounts.models import User
from twitchlog.knowledge.symptom import DISCLAIMER
from twitchlog.reports.chart import weekly_chart
from twitchlog.reports.summary import Period, summarise

# WeasyPrint reports each rendering step at INFO; that is noise in a server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def report_html(user: User, period: Period | None = None) -> str:
    summary = summarise(user, period)
    return render_to_string(
        "reports/report.html",
        {
            "s": summary,
            "chart": weekly_chart(summary.weeks, summary.partial_week),
            "has_urgent": any(row.flag.urgency != "routine" for row in summary.flags),
            "disclaimer": DISCLAIMER,
        },
    )


def render(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango and its fonts, which only this needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    pdf: bytes = document.write_pdf()
    return pdf


def report_pdf(user: User, period: Period | None = None) -> bytes:
    return render(report_html(user, period))
