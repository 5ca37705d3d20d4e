"""Planning, following and reading a test through the pages."""

import datetime as dt
from html.parser import HTMLParser

import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from twitchlog.accounts.models import User
from twitchlog.diary import services as diary
from twitchlog.experiments import services
from twitchlog.experiments.models import Experiment, KeptDay

from .helpers import make_experiment, plan


def test_the_plan_shows_the_power_then_registers(alice: User, alice_client: Client) -> None:
    today = services.today_for(alice)
    fields = {
        "change": "no-caffeine-after-noon",
        "aim": "twitch_count:0.5",
        "block_days": "7",
        "start_date": today.isoformat(),
    }
    preview = alice_client.post("/experiments/plan/", {**fields, "preview": "1"})
    text = preview.content.decode()
    assert "Chance to see it" in text
    assert "assumes a typical amount of variation" in text  # alice has no diary yet
    assert "Register and start" in text
    assert not Experiment.objects.exists()
    done = alice_client.post("/experiments/plan/", {**fields, "register": "1"})
    experiment = Experiment.objects.get(user=alice)
    assert done["Location"] == f"/experiments/{experiment.pk}/"
    assert experiment.registration["change"]["label"] == "No caffeine after noon"
    assert len(experiment.blocks) == 2 * experiment.registration["pairs"]


def test_a_custom_change_needs_words_and_keeps_what_was_typed(alice_client: Client) -> None:
    page = alice_client.post(
        "/experiments/plan/",
        {
            "change": "custom",
            "aim": "twitch_count:0.5",
            "block_days": "7",
            "start_date": "2026-01-01",
            "reminder_time": "21:15",
            "preview": "1",
        },
    )
    text = page.content.decode()
    assert "Say in a few words what you will change." in text
    assert 'value="21:15"' in text


def test_a_start_in_the_past_is_refused(alice: User, alice_client: Client) -> None:
    past = services.today_for(alice) - dt.timedelta(days=3)
    page = alice_client.post(
        "/experiments/plan/",
        {
            "change": "regular-meals",
            "aim": "twitch_count:0.5",
            "block_days": "7",
            "start_date": past.isoformat(),
            "register": "1",
        },
    )
    assert "starts today or later" in page.content.decode()
    assert not Experiment.objects.exists()


def test_the_home_page_shows_today_and_takes_one_tap(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice, days_ago=0)
    home = alice_client.get("/home/").content.decode()
    assert "Your test: No caffeine after noon" in home
    assert "Kept to the plan today?" in home
    today = services.today_for(alice)
    alice_client.post(
        f"/experiments/{experiment.pk}/kept/",
        {"day": today.isoformat(), "kept": "yes", "next": "/home/"},
    )
    assert KeptDay.objects.get(experiment=experiment, local_date=today).kept
    assert "Today’s answer is noted" in alice_client.get("/home/").content.decode()


def test_a_day_outside_the_test_cannot_be_answered(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice, days_ago=0)
    tomorrow = services.today_for(alice) + dt.timedelta(days=1)
    page = alice_client.post(
        f"/experiments/{experiment.pk}/kept/", {"day": tomorrow.isoformat(), "kept": "no"}
    )
    assert "not ahead" in page.content.decode()
    assert not KeptDay.objects.exists()


def test_the_result_page_reads_the_diary(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice, days_ago=40, pairs=2)
    for block in experiment.blocks:
        day = block.start
        while day <= block.end:
            rating = 2 if block.condition == "B" else 6
            diary.save_checkin(alice, day, {"twitch_rating": rating})
            day += dt.timedelta(days=1)
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "Result:" in page
    assert "Registered plan" in page
    assert "twitches a day during the change" in page


def test_stopping_is_confirmed_and_reported(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice)
    assert (
        "Stop the test" in alice_client.get(f"/experiments/{experiment.pk}/stop/").content.decode()
    )
    alice_client.post(f"/experiments/{experiment.pk}/stop/")
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "Stopped early" in page
    assert "never read as “likely helps”" in page


def test_the_history_lists_each_test_with_its_result(alice: User, alice_client: Client) -> None:
    make_experiment(alice, days_ago=100)
    page = alice_client.get("/experiments/").content.decode()
    assert "No caffeine after noon" in page
    assert "Finished" in page and "Too little data" in page


def test_todays_check_in_links_to_the_answer(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice, days_ago=0)
    page = alice_client.get("/diary/check-in/", follow=True).content.decode()
    assert f"/experiments/{experiment.pk}/kept/" in page


def test_a_running_test_shows_no_verdict_along_the_way(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice, days_ago=20, pairs=3)
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "The result comes after the last block" in page
    assert "Too little data" not in page and "Could not tell" not in page


def test_todays_answer_counts_in_the_result_card_as_in_the_schedule(
    alice: User, alice_client: Client
) -> None:
    # Before, the result card read its share from the analysis, which leaves today out while
    # the test runs: after a "Yes" today it still said "No answers yet" beside "1 of 1".
    experiment = make_experiment(alice, days_ago=0)
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "No answers yet" in page
    today = services.today_for(alice)
    alice_client.post(f"/experiments/{experiment.pk}/kept/", {"day": today, "kept": "yes"})
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "No answers yet" not in page
    assert "So far you kept to the plan on 1 of 1 day answered." in page
    assert "<td>1 of 1</td>" in page


def test_a_finished_test_counts_the_same_answers_as_its_schedule(
    alice: User, alice_client: Client
) -> None:
    experiment = make_experiment(alice, days_ago=40, pairs=2)
    first, second = experiment.blocks[0].start, experiment.blocks[0].start + dt.timedelta(days=1)
    services.mark_kept(alice, experiment, first, True)
    services.mark_kept(alice, experiment, second, False)
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "Kept to the plan on 50% of the days answered (1 day not kept)." in page
    assert "<td>1 of 2</td>" in page


def _preview(user: User, client: Client, aim: str) -> str:
    today = services.today_for(user)
    fields = {
        "change": "no-caffeine-after-noon",
        "aim": aim,
        "block_days": "7",
        "start_date": today.isoformat(),
        "preview": "1",
    }
    return client.post("/experiments/plan/", fields).content.decode()


def test_a_new_persons_plan_says_what_the_chance_means(alice: User, alice_client: Client) -> None:
    # Before, a new person (no diary, so a typical spread assumed) read "Your days vary a lot"
    # and "probably be too short to tell (about a 76% chance)": a chance of three in four
    # called "probably too short", of a diary they did not have.
    text = _preview(alice, alice_client, "twitch_count:0.5")
    assert "assumes a typical amount of variation" in text
    assert "probably be too short" not in text
    assert "falls short of the 80% chance we aim for" in text
    assert "would show it with about a 76% chance" in text
    assert "Your days vary" not in text

    text = _preview(alice, alice_client, "twitch_count:0.67")
    assert "would probably be too short to tell" in text
    assert "would show it with only about a 35% chance" in text
    assert "Your days vary" not in text


def finished_with_ratings(user: User, pair_ratings: tuple[int, int]) -> Experiment:
    """A finished two-pair test of the 0–10 rating (one point lower matters), each pair's
    days rated alike: the same level in both pairs reads as no change with a narrow interval;
    different levels as no change with a wide one."""
    experiment = make_experiment(
        user, days_ago=40, pairs=2, outcome="twitch_severity", effect_choice="-1"
    )
    for block in experiment.blocks:
        for offset in range(7):
            day = block.start + dt.timedelta(days=offset)
            rating = pair_ratings[block.index // 2]
            diary.save_checkin(user, day, {"twitch_rating": rating})
    return experiment


def test_a_test_that_could_not_tell_says_so_on_its_page_and_in_the_list(
    alice: User, alice_client: Client
) -> None:
    # Before, an interval from far below to far above no change read "No clear difference"
    # in the headline and the list, which reads as "no effect".
    experiment = finished_with_ratings(alice, (6, 2))
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "Result: Could not tell" in page
    assert "not a sign that the change does nothing" in page
    listing = alice_client.get("/experiments/").content.decode()
    assert "Finished · Could not tell" in listing
    for text in (page, listing):
        assert "No clear difference" not in text and "Little or no difference" not in text
    result = alice_client.get(f"/api/experiments/{experiment.pk}/result").json()
    assert result["verdict"] == "could_not_tell"
    assert result["meaningful_effect"] == -1


def test_a_narrow_interval_inside_what_matters_reads_little_or_no_difference(
    alice: User, alice_client: Client
) -> None:
    experiment = finished_with_ratings(alice, (5, 5))
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert "Result: Little or no difference" in page
    assert "inside the difference you said would matter" in page
    listing = alice_client.get("/experiments/").content.decode()
    assert "Finished · Little or no difference" in listing
    result = alice_client.get(f"/api/experiments/{experiment.pk}/result").json()
    assert result["verdict"] == "no_meaningful_difference"
    assert -1 < result["ci_low"] < 0 < result["ci_high"] < 1


def test_a_test_stopped_on_its_first_day_keeps_the_answer_and_its_dates(
    alice: User, alice_client: Client, theo: User
) -> None:
    # Before: after "Yes" and stopping the same day the page said "No answers yet" with "–" in
    # the Kept column, the header gave the planned end, and the therapist's preview read
    # "(1 Dec 2026 to 30 Nov 2026, stopped early)": an end before the start.
    from tests.therapists.factories import make_booking, make_therapist
    from twitchlog.therapists.services import set_sharing

    experiment = make_experiment(alice, days_ago=0, change_key="evening-magnesium")
    today = services.today_for(alice)
    alice_client.post(f"/experiments/{experiment.pk}/kept/", {"day": today, "kept": "yes"})
    assert "<td>1 of 1</td>" in alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    alice_client.post(f"/experiments/{experiment.pk}/stop/")
    experiment.refresh_from_db()

    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    day = f"{today:%-d %b %Y}"
    assert f"Stopped early · started and stopped on {day}" in page
    assert f"{experiment.end_date:%-d %b %Y}" not in page.split("</h1>")[1].split("</p>")[0]
    assert "<td>1 of 1</td>" in page  # the answer is kept
    assert "No answers yet" not in page
    assert f"The answer for {day}, the day the test was stopped (“yes”), is kept but not" in page
    assert "stopped on its first day, before that day was over, so there are no days" in page
    assert "As planned, every day of each block" not in page
    assert KeptDay.objects.get(experiment=experiment).kept

    booking = make_booking(alice, make_therapist(theo))
    set_sharing(alice, booking, True)
    own = alice_client.get(reverse("therapists:appointment", args=[booking.pk])).content.decode()
    assert f"(stopped early: started and stopped on {day})" in own
    assert " to " not in own.split("(stopped early:")[1].split(")")[0]
    listing = alice_client.get("/experiments/").content.decode()
    assert f"Started and stopped on {day} · Stopped early · Too little data" in listing


def test_a_test_stopped_later_covers_the_days_before_the_stop_day(
    alice: User, alice_client: Client
) -> None:
    experiment = make_experiment(alice, days_ago=2)
    today = services.today_for(alice)
    yesterday = today - dt.timedelta(days=1)
    services.mark_kept(alice, experiment, yesterday, False)
    services.mark_kept(alice, experiment, today, True)
    assert services.stop(alice, experiment)
    table = services.table(experiment, today)
    assert table["date"].max() == pd.Timestamp(yesterday)  # the stop day is left out
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    start = f"{experiment.start_date:%-d %b %Y}"
    assert f"Stopped early · started {start}, stopped on {today:%-d %b %Y}" in page
    assert "Kept to the plan on 0% of the days answered (1 day not kept)." in page
    assert "the day the test was stopped (“yes”), is kept but not counted" in page
    assert "you stopped" not in page  # the therapist reads this summary too
    assert services.result(experiment).adherence == 0.0
    api = alice_client.get(f"/api/experiments/{experiment.pk}").json()
    assert [d["date"] for d in api["kept_days"]] == [yesterday.isoformat(), today.isoformat()]


def test_a_test_stopped_before_it_began_says_so(alice: User, alice_client: Client) -> None:
    today = services.today_for(alice)
    experiment = services.register(alice, plan(today + dt.timedelta(days=3)))
    assert services.stop(alice, experiment)
    assert experiment.stopped_on == today  # the day it was stopped, not its start
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert f"stopped on {today:%-d %b %Y}, before its start on" in page
    assert "stopped before it began, so there are no days to compare" in page


class _Groups(HTMLParser):
    """The Yes/No buttons and the name of the group each sits in (aria-labelledby's text)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []  # per open element: the id it is labelled by
        self.texts: dict[str, str] = {}
        self.reading: list[str] = []
        self.buttons: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "br", "img", "meta", "link"):
            return
        group = found.get("aria-labelledby") if found.get("role") == "group" else None
        self.stack.append(group)
        if found.get("id"):
            self.reading.append(found["id"] or "")
            self.texts[found["id"] or ""] = ""
        else:
            self.reading.append("")
        if tag == "button":
            groups = [g for g in self.stack if g]
            self.buttons.append((found.get("value") or "", groups[-1] if groups else None))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in ("input", "br", "img", "meta", "link"):
            self.stack.pop()
            self.reading.pop()

    def handle_data(self, data: str) -> None:
        for element_id in self.reading:
            if element_id:
                self.texts[element_id] += data


def test_the_yes_and_no_buttons_are_named_by_the_question(
    alice: User, alice_client: Client
) -> None:
    # Before, "Kept to the plan today?" was plain text beside bare "Yes" and "No" buttons.
    experiment = make_experiment(alice, days_ago=0)
    for url in (f"/experiments/{experiment.pk}/", "/home/"):
        parser = _Groups()
        parser.feed(alice_client.get(url).content.decode())
        kept = [(value, group) for value, group in parser.buttons if value in ("yes", "no")]
        assert [value for value, _ in kept] == ["yes", "no"], url
        for _, group in kept:
            assert group is not None, url
            assert parser.texts[group].strip().startswith("Kept to the plan today?"), url


def test_an_empty_plan_is_answered_in_plain_sentences(alice_client: Client) -> None:
    # Before: "What will you change?: This field is required." and the like.
    text = alice_client.post("/experiments/plan/", {"preview": "1"}).content.decode()
    assert "This field is required" not in text
    for sentence in (
        "Choose the change to test, or “Something else” to describe your own.",
        "Choose the difference that would matter to you.",
        "Choose how many days each block lasts: 5, 6 or 7.",
        "Give the day the test starts: today or a later day.",
    ):
        assert escape(sentence) in text
    bad = {"change": "x", "aim": "y", "block_days": "9", "pairs": "12", "start_date": "soon"}
    text = alice_client.post("/experiments/plan/", {**bad, "preview": "1"}).content.decode()
    assert "Select a valid choice" not in text and "Enter a valid" not in text
    assert escape("Give the day the test starts as a date, such as 2026-12-01.") in text


@pytest.mark.parametrize("button", ["preview", "register"])
def test_a_start_in_the_past_is_refused_before_the_plan_is_offered(
    alice: User, alice_client: Client, button: str
) -> None:
    # Before, "Work out the length" took a start of 2020-01-01 without a word and offered
    # "Register and start" (registering was refused, but only then).
    fields = {
        "change": "regular-meals",
        "aim": "twitch_count:0.5",
        "block_days": "7",
        "start_date": "2020-01-01",
        "reminder_time": "21:15",
        button: "1",
    }
    text = alice_client.post("/experiments/plan/", fields).content.decode()
    assert "A test starts today or later, so the plan is fixed before it begins." in text
    assert "Register and start" not in text
    assert "Chance to see it" not in text
    assert 'value="2020-01-01"' in text and 'value="21:15"' in text  # what was typed stays
    assert not Experiment.objects.exists()
    far = services.today_for(alice) + dt.timedelta(days=61)
    text = alice_client.post("/experiments/plan/", {**fields, "start_date": far}).content.decode()
    assert "Start within the next 60 days." in text and "Register and start" not in text


def test_the_kept_form_says_what_is_missing(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice, days_ago=0)
    today = services.today_for(alice).isoformat()
    page = alice_client.post(f"/experiments/{experiment.pk}/kept/", {"day": today})
    text = page.content.decode()
    assert "Choose yes or no." in text and "This field is required" not in text
