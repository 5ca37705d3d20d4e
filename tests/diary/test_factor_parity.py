"""knowledge/factors.py is the one list of standard factors: the check-in model's columns, the
API's schema, the check-in form, the ``log checkin`` options and the daily CSV all follow it."""

import argparse
import dataclasses
from typing import Any

from twitchlog.diary import transfer
from twitchlog.diary.checkin_form import CHECKIN_SECTIONS, CheckInForm
from twitchlog.diary.checks import factor_column_problems
from twitchlog.diary.csvfile import read_daily
from twitchlog.diary.management.commands.log import Command
from twitchlog.diary.models import CheckIn
from twitchlog.diary.presets import DRINKS
from twitchlog.knowledge.factors import FACTORS, FACTORS_BY_NAME

NAMES = [factor.name for factor in FACTORS]


def test_the_check_in_model_has_one_column_of_the_right_kind_per_factor() -> None:
    assert factor_column_problems(CheckIn, FACTORS) == []


def test_the_model_check_names_a_factor_without_a_column_and_a_column_without_a_factor() -> None:
    new = dataclasses.replace(FACTORS_BY_NAME["water_l"], name="sauna_min")
    wrong_kind = dataclasses.replace(FACTORS_BY_NAME["nicotine"], kind="numeric")
    factors = [f for f in FACTORS if f.name not in ("water_l", "nicotine")]
    problems = factor_column_problems(CheckIn, [*factors, new, wrong_kind])
    assert problems == [
        "sauna_min has no column on CheckIn",
        "nicotine must be a nullable FloatField",
        "CheckIn.water_l is not a factor in knowledge/factors.py",
    ]


def test_the_api_schema_has_every_factor_with_its_type(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    properties = schema["components"]["schemas"]["CheckInIn"]["properties"]
    for factor in FACTORS:
        types = {t.get("type") for t in properties[factor.name]["anyOf"]} - {"null"}
        expected = (
            "boolean" if factor.kind == "binary" else "integer" if factor.integer else "number"
        )
        assert types == {expected}, factor.name
    not_factors = set(properties) - set(NAMES)
    assert not_factors == {
        "client_id", "date", "medication_events", "twitch_rating", "notes", "custom",
    }  # fmt: skip


def test_the_check_in_form_asks_every_factor_and_shows_every_field() -> None:
    form = CheckInForm()
    asked = set(form.fields) - {f"drink_{d.slug}" for d in DRINKS} - {"caffeine_other_mg"}
    assert set(NAMES) - {"caffeine_mg"} <= asked
    laid_out = {name for _, names in CHECKIN_SECTIONS for name in names}
    assert set(form.fields) - laid_out == {"notes", "also_noticed"}


def test_the_log_command_has_an_option_per_factor() -> None:
    parser = Command().create_parser("twitchlog", "log")
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    checkin = subparsers.choices["checkin"]
    options = {o for action in checkin._actions for o in action.option_strings}
    assert {f"--{name.replace('_', '-')}" for name in NAMES} <= options


def test_the_daily_csv_has_a_column_per_factor_and_reads_them_all(alice: Any) -> None:
    header = transfer.export_daily(alice).splitlines()[0].split(",")
    assert header == ["date", "twitch_count", "twitch_severity", *NAMES]
    table = read_daily(",".join(header) + "\n2026-11-20" + ",1" * (len(header) - 1) + "\n")
    assert table.standard == header[1:] and not table.custom
