"""The one lookup per diary model on behalf of a person: anything not theirs is a 404."""

import datetime as dt
from typing import Any

from twitchlog.core.access import get_owned_or_404
from twitchlog.diary.models import CheckIn, CustomFactor, DeviceImport, Episode, StressEvent


def get_episode_for_user(user: Any, pk: Any) -> Episode:
    return get_owned_or_404(Episode.objects.all(), user, pk=pk)


def get_checkin_for_user(user: Any, pk: Any) -> CheckIn:
    return get_owned_or_404(CheckIn.objects.all(), user, pk=pk)


def get_checkin_for_date(user: Any, day: dt.date) -> CheckIn:
    return get_owned_or_404(CheckIn.objects.all(), user, local_date=day)


def get_stress_event_for_user(user: Any, pk: Any) -> StressEvent:
    return get_owned_or_404(StressEvent.objects.all(), user, pk=pk)


def get_factor_for_user(user: Any, pk: Any) -> CustomFactor:
    return get_owned_or_404(CustomFactor.objects.all(), user, pk=pk)


def get_device_import_for_user(user: Any, pk: Any) -> DeviceImport:
    return get_owned_or_404(DeviceImport.objects.all(), user, pk=pk)
