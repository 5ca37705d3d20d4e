"""Schema fuzzing: schemathesis sends generated requests to every operation in
/api/openapi.json with a real token. No answer may be a server error (5xx), and every answer
with a documented status must match the schema. A bug this finds gets its own regression test
next to the code it concerns.

Bounded: a fixed number of examples per operation, derandomised so CI runs the same requests
each time; everything runs in-process (WSGI), nothing leaves the test.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.accounts.models import User
from twitchlog.accounts.services import create_token

EXAMPLES = 25


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI handler, whose start and end close the database
    connection; on PostgreSQL that would end the test's own transaction. Django's test client
    unhooks the same two signals for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: Any) -> str:
    person = User.objects.create_user(email="fuzz@example.org", password="long enough 123")
    # Something to read, change and delete, so ids in paths sometimes name real rows.
    make_episode(person)
    make_checkin(person, sleep_hours=7)
    make_stress_event(person)
    make_factor(person)
    return create_token(person, "fuzz")[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_breaks_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
