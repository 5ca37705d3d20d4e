"""The diary's four ways in (the check-in page, the API, the ``log`` command, the CSV import),
driven with the same input, so a test can show that every one of them follows the same rule.

Each driver takes text values as a person would type them (``"1"``/``"0"`` for yes and no)
and returns None when the input was stored, or the refusal it got.
"""

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.diary.test_api import api_client
from twitchlog.accounts.models import User
from twitchlog.diary import transfer
from twitchlog.diary.checkin_form import checkin_initial
from twitchlog.diary.columns import STANDARD_BY_NAME
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.models import CheckIn, CustomFactor

Driver = Callable[[User, dt.date, dict[str, str]], str | None]


def _custom_columns(user: User) -> dict[str, CustomFactor]:
    return {f.column: f for f in CustomFactor.objects.filter(user=user)}


def via_form(user: User, day: dt.date, values: dict[str, str]) -> str | None:
    """Post the check-in page as the browser would: what is stored already, plus the values."""
    client = Client()
    client.force_login(user)
    stored = CheckIn.objects.filter(user=user, local_date=day).first()
    data: dict[str, Any] = checkin_initial(stored) if stored else {}
    factors = _custom_columns(user)
    for name, text in values.items():
        data[f"custom_{factors[name].pk}" if name in factors else name] = text
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(reverse("diary:checkin", kwargs={"day": day}), data)
    if response.status_code == 302:
        return None
    return response.content.decode()


def _api_value(name: str, text: str) -> Any:
    column = STANDARD_BY_NAME.get(name)
    if text == "":
        return None
    if column is not None and column.kind == "binary":
        return text == "1"
    try:
        return json.loads(text)
    except ValueError:
        return text


def via_api(user: User, day: dt.date, values: dict[str, str]) -> str | None:
    client = api_client(user)
    factors = _custom_columns(user)
    body: dict[str, Any] = {"custom": {}}
    for name, text in values.items():
        if name in factors:
            body["custom"][name] = _api_value(name, text)
        else:
            body[name] = _api_value(name, text)
    stored = CheckIn.objects.filter(user=user, local_date=day).first()
    if stored is None:
        response = client.post(
            "/api/diary/checkins",
            {"date": day.isoformat(), **body},
            content_type="application/json",
        )
    else:
        response = client.patch(
            f"/api/diary/checkins/{stored.pk}", body, content_type="application/json"
        )
    return None if response.status_code in (200, 201) else response.content.decode()


def via_cli(user: User, day: dt.date, values: dict[str, str]) -> str | None:
    factors = _custom_columns(user)
    args = ["log", "checkin", "--user", user.email, "--date", day.isoformat()]
    for name, text in values.items():
        if name in factors:
            args += ["--factor", f"{name}={text}"]
        else:
            args += [f"--{name.replace('_', '-')}", text]
    try:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as error:
        return str(error)
    return None


def via_csv(user: User, day: dt.date, values: dict[str, str]) -> str | None:
    header = ",".join(["date", *values])
    row = ",".join([day.isoformat(), *values.values()])
    try:
        transfer.import_daily(user, transfer.read_for(user, f"{header}\n{row}\n"))
    except CsvProblems as problems:
        return str(problems)
    return None


CHECKIN_PATHS: dict[str, Driver] = {
    "form": via_form,
    "api": via_api,
    "cli": via_cli,
    "csv": via_csv,
}


def episode_via_form(user: User, region: str, side: str, **extra: str) -> str | None:
    client = Client()
    client.force_login(user)
    data = {"step": "details", "region": region, "side": side, "sensation": "twitch"}
    if "when" in extra:
        data["occurred_at"] = extra["when"]
    data["notes"] = extra.get("notes", "")
    response = client.post(reverse("diary:log"), data)
    return None if response.status_code == 302 else response.content.decode()


def episode_via_api(user: User, region: str, side: str, **extra: str) -> str | None:
    body = {"region": region, "side": side, "notes": extra.get("notes", "")}
    if "when" in extra:
        body["occurred_at"] = extra["when"]
    response = api_client(user).post("/api/diary/episodes", body, content_type="application/json")
    return None if response.status_code in (200, 201) else response.content.decode()


def episode_via_cli(user: User, region: str, side: str, **extra: str) -> str | None:
    args = [
        "log",
        "twitch",
        "--user",
        user.email,
        "--where",
        f"{side}-{region}" if side else region,
    ]
    if "when" in extra:
        args += ["--when", extra["when"]]
    args.append(f"--notes={extra.get('notes', '')}")
    try:
        call_command(*args, stdout=io.StringIO())
    except CommandError as error:
        return str(error)
    return None


EPISODE_PATHS = {"form": episode_via_form, "api": episode_via_api, "cli": episode_via_cli}


def factor_via_form(user: User, name: str) -> str | None:
    client = Client()
    client.force_login(user)
    data = {"name": name, "kind": "numeric", "unit": ""}
    response = client.post(reverse("diary:factors"), data)
    return None if response.status_code == 302 else response.content.decode()


def factor_via_api(user: User, name: str) -> str | None:
    response = api_client(user).post(
        "/api/diary/factors", {"name": name}, content_type="application/json"
    )
    return None if response.status_code in (200, 201) else response.content.decode()


def factor_via_csv(user: User, name: str) -> str | None:
    """A file's new column makes a factor (the command line makes none)."""
    return via_csv(user, dt.date(2026, 11, 20), {name: "2"})


FACTOR_PATHS = {"form": factor_via_form, "api": factor_via_api, "csv": factor_via_csv}
