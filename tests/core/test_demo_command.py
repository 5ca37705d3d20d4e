"""``twitchlog demo``: the project-wide demo login, seeded by every app."""

import datetime as dt
import io
from typing import Any

from django.core.management import call_command

from twitchlog.accounts.models import User
from twitchlog.diary.models import CheckIn, Episode


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_demo_makes_a_login_and_running_it_again_resets_it(db: Any) -> None:
    out = run("demo", "--days", "30", "--password", "demo-pass-123")
    assert "demo@example.org" in out and "demo-pass-123" in out
    user = User.objects.get(email="demo@example.org")
    assert user.check_password("demo-pass-123")
    first = Episode.objects.filter(user=user).count()
    assert first > 30 and CheckIn.objects.filter(user=user).count() > 20
    Episode.objects.create(
        user=user,
        occurred_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        local_date=dt.date(2020, 1, 1),
        time_zone="UTC",
        region="calf",
        side="left",
        sensation="twitch",
    )
    out = run("demo", "--days", "30")
    user = User.objects.get(email="demo@example.org")
    assert Episode.objects.filter(user=user).count() == first
    assert not Episode.objects.filter(local_date=dt.date(2020, 1, 1)).exists()
    password = out.split("Password:")[1].splitlines()[0].strip()
    assert user.check_password(password) and password != "demo-pass-123"
