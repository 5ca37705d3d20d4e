"""What the daily CSV reader takes and how it refuses, the same on every way in: the import
page, the API and the ``diary import`` command all read a file through csvfile."""

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user
from tests.diary.test_api import api_client
from twitchlog.accounts.models import User
from twitchlog.diary import services
from twitchlog.diary.csvfile import CsvProblems, read_daily
from twitchlog.diary.models import CheckIn

Importer = Callable[[User, bytes, Path], str | None]


def via_page(user: User, data: bytes, folder: Path, name: str = "diary.csv") -> str | None:
    """None when imported, or the page's refusal."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("diary:import"), {"file": SimpleUploadedFile(name, data)})
    return None if response.status_code == 302 else response.content.decode()


def via_api(user: User, data: bytes, folder: Path, name: str = "diary.csv") -> str | None:
    response = api_client(user).post("/api/diary/imports", {"file": SimpleUploadedFile(name, data)})
    return None if response.status_code == 200 else response.content.decode()


def via_command(user: User, data: bytes, folder: Path, name: str = "diary.csv") -> str | None:
    target = folder / name
    target.write_bytes(data)
    errors = io.StringIO()
    try:
        call_command(
            "diary", "import", "--user", user.email, str(target),
            stdout=io.StringIO(), stderr=errors,
        )  # fmt: skip
    except CommandError as error:
        return f"{errors.getvalue()}\n{error}"
    return None


WAYS_IN: dict[str, Importer] = {"page": via_page, "api": via_api, "command": via_command}


# --- Days after today ----------------------------------------------------------------------


def test_a_row_after_today_is_refused_with_its_row() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(CsvProblems) as refused:
        read_daily(f"date,twitch_count\n2026-11-01,2\n{tomorrow},3\n")
    assert [str(p) for p in refused.value.problems] == [
        f"Row 3, column date: {tomorrow} has not come yet"
    ]


@pytest.mark.parametrize("way", WAYS_IN)
def test_a_day_after_the_persons_today_is_refused_on_every_way_in(
    db: Any, way: str, tmp_path: Path
) -> None:
    # Samoa's neighbour Pago Pago is UTC-11: its tomorrow is still today somewhere on Earth,
    # which the reader alone would let through. The check-in refuses it; so does the file.
    person = make_user("pago@example.org", time_zone="Pacific/Pago_Pago")
    today = services.today_for(person)
    tomorrow = today + dt.timedelta(days=1)
    text = f"date,twitch_count\n{today},2\n{tomorrow},3\n"
    refusal = WAYS_IN[way](person, text.encode(), tmp_path)
    assert refusal is not None
    assert f"Row 3, column date: {tomorrow} has not come yet" in refusal
    assert not CheckIn.objects.exists()
    assert WAYS_IN[way](person, f"date,twitch_count\n{today},2\n".encode(), tmp_path) is None
    assert CheckIn.objects.get().local_date == today
