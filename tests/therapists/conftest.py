from typing import Any

import pytest

from tests.therapists.factories import make_booking, make_therapist
from twitchlog.accounts.models import User
from twitchlog.therapists.models import Appointment, TherapistProfile


@pytest.fixture
def theo_profile(theo: User) -> TherapistProfile:
    return make_therapist(theo, name="Theo Marsh")


@pytest.fixture
def booking(alice: User, theo_profile: TherapistProfile) -> Appointment:
    """Alice's appointment with Theo, two days from now."""
    return make_booking(alice, theo_profile)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Emails go out after the transaction commits; run those callbacks inside a test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
