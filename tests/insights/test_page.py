"""The insights page, its cache, its API twin and the command's --user source."""

import ast
import datetime as dt
import re
from dataclasses import replace
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from tests.insights.conftest import planted
from twitchlog.core.models import AuditEntry
from twitchlog.diary import services as diary_services
from twitchlog.diary import transfer
from twitchlog.diary.csvfile import write_daily
from twitchlog.insights import services
from twitchlog.insights.models import InsightReport
from twitchlog.insights.simulate import simulate_person


def give_diary(
    user: Any,
    days: int = 120,
    seed: int = 3,
    factor: str = "caffeine_mg",
    start: dt.date | None = None,
) -> None:
    """Import a simulated diary in which ``factor`` strongly raises twitching the same day."""
    spec = planted(factor, rate_ratio=2.0)
    frame, _ = simulate_person(days, seed, replace(spec, start=start) if start else spec)
    result = transfer.import_daily(user, transfer.read_for(user, write_daily(frame)))
    assert result is not None


def computations(user: Any) -> int:
    return AuditEntry.objects.filter(actor=user, action="insights.computed").count()


def test_a_new_diary_is_told_plainly_that_there_is_not_enough_data(alice_client: Any) -> None:
    page = alice_client.get(reverse("insights:index")).content.decode()
    assert "Not enough data yet" in page
    assert "28 logged days" in page
    assert "Likely drivers" not in page


def test_a_planted_driver_is_shown_with_its_cause_and_what_helps(
    alice: Any, alice_client: Any
) -> None:
    give_diary(alice)
    page = alice_client.get(reverse("insights:index")).content.decode()
    drivers = page.split("<h2>Likely drivers</h2>")[1].split("<h2>")[0]
    assert "Caffeine" in drivers and "more of it: more twitching" in drivers
    assert "worked out just now" in page
    assert reverse("knowledge:cause", args=["stimulants"]) in drivers
    assert "No clear effect" in page
    assert "not proof of cause" in page


def test_the_page_says_when_older_days_are_left_out(alice: Any, alice_client: Any) -> None:
    # A diary that ended years ago (an import takes no day after today), then a row of
    # twitches today: the two years before it hold none of that diary.
    give_diary(alice, days=60, start=dt.date(2022, 1, 3))
    assert "last two years" not in alice_client.get(reverse("insights:index")).content.decode()
    later = f"date,twitch_count\n{diary_services.today_for(alice)},3\n"
    transfer.import_daily(alice, transfer.read_for(alice, later))
    page = alice_client.get(reverse("insights:index")).content.decode()
    assert "It looks at the last two years of your diary" in page
    assert re.search(r"The \d+ days before that stay in your diary and your exports", page)


def test_the_report_is_kept_until_the_diary_changes(alice: Any, alice_client: Any) -> None:
    give_diary(alice, days=60)
    alice_client.get(reverse("insights:index"))
    alice_client.get(reverse("insights:index"))
    assert computations(alice) == 1

    table = transfer.read_for(alice, f"date,stress_level\n{diary_services.today_for(alice)},4\n")
    transfer.import_daily(alice, table)
    alice_client.get(reverse("insights:index"))
    assert computations(alice) == 2


def test_each_outcome_has_its_own_report(alice: Any, alice_client: Any) -> None:
    give_diary(alice, days=60)
    page = alice_client.get(reverse("insights:index"), {"outcome": "twitch_severity"})
    assert page.context["outcome"] == "twitch_severity"
    nonsense = alice_client.get(reverse("insights:index"), {"outcome": "drop table"})
    assert nonsense.context["outcome"] == "twitch_count"
    assert {r.outcome for r in alice.insight_reports.all()} == {"twitch_count", "twitch_severity"}


def test_the_api_returns_the_stored_report_and_when_it_was_made(
    alice: Any, alice_client: Any
) -> None:
    # The report's own shape is pinned in test_data_rules; here: the API adds only the time.
    give_diary(alice)
    body = alice_client.get("/api/insights/report").json()
    stored = alice.insight_reports.get(outcome="twitch_count")
    assert body == {**stored.report, "computed_at": stored.computed_at.isoformat()}
    raising = {f["factor"] for f in body["findings"] if f["verdict"] == "raises"}
    assert "caffeine_mg" in raising
    assert alice_client.get("/api/insights/report", {"outcome": "nope"}).status_code == 422


def test_a_stranger_sees_only_their_own_empty_report(alice: Any, charlie_client: Any) -> None:
    give_diary(alice)
    body = charlie_client.get("/api/insights/report").json()
    assert body["days_used"] == 0
    assert body["findings"] == []
    assert body["load"]["verdict"] == "not_enough_data"


def test_the_home_panel_counts_down_to_the_first_look(alice: Any, alice_client: Any) -> None:
    give_diary(alice, days=20)
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "until the first honest look" in home


def test_the_command_reads_an_accounts_diary(alice: Any) -> None:
    give_diary(alice)
    out = StringIO()
    call_command("insights", "--user", "ALICE@example.org", stdout=out)
    assert "Likely drivers" in out.getvalue()
    assert "caffeine" in out.getvalue().lower()
    with pytest.raises(CommandError, match="no account with the email"):
        call_command("insights", "--user", "nobody@example.org")


def test_a_stale_report_is_replaced_in_place(alice: Any) -> None:
    give_diary(alice, days=40)
    first = services.current_report(alice, "twitch_count").stored
    first.fingerprint = "stale"
    first.save()
    again = services.current_report(alice, "twitch_count").stored
    assert again.pk == first.pk and again.fingerprint != "stale"


def test_when_another_process_stores_the_report_first_its_copy_is_used(
    alice: Any, monkeypatch: Any
) -> None:
    give_diary(alice, days=40)
    theirs = services.current_report(alice, "twitch_count").stored
    theirs.fingerprint = "stale"
    theirs.save()

    def lose_the_race(**kwargs: Any) -> Any:
        raise IntegrityError("insights_one_per_outcome")

    monkeypatch.setattr(InsightReport.objects, "update_or_create", lose_the_race)
    assert services.current_report(alice, "twitch_count").stored.pk == theirs.pk


def test_the_fingerprint_covers_every_project_module_the_engine_imports() -> None:
    package = Path(services.__file__).parents[1]
    listed = set(services.ENGINE_SOURCES)
    for source in services.ENGINE_SOURCES:
        tree = ast.parse((package / source).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("twitchlog."):
                module = node.module.removeprefix("twitchlog.")
                names = [module] + [f"{module}.{alias.name}" for alias in node.names]
                files = {f"{name.replace('.', '/')}.py" for name in names}
                assert files & listed, f"{source} imports {node.module}, which is not listed"


def test_the_demo_page_shows_its_planted_drivers(alice: Any, alice_client: Any) -> None:
    from twitchlog.core.demo import DEMO_SEED
    from twitchlog.diary.demo import TRUTH, seed_demo_diary

    seed_demo_diary(alice, days=120, seed=DEMO_SEED)
    report = alice_client.get("/api/insights/report").json()
    found = {
        (f["factor"], f["lag_days"])
        for f in report["findings"]
        if f["verdict"] != "no_clear_effect" and f["verdict"] != "not_enough_data"
    }
    for planted_driver in TRUTH:
        if planted_driver.factor == "anxiety_episodes":
            assert report["load"]["verdict"] == "raises"
        else:
            assert (planted_driver.factor, planted_driver.lag_days) in found
    assert ("caffeine_mg", 0) not in found and ("caffeine_mg", 1) not in found
