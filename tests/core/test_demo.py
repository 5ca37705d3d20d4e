"""``twitchlog demo`` as a whole: every app's demo data, one login, no email to anyone."""

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from twitchlog.accounts.models import User
from twitchlog.assessments.models import AssessmentResult
from twitchlog.therapists.models import Appointment


@pytest.mark.django_db
def test_the_demo_fills_every_area_and_resets_quietly(capsys: Any) -> None:
    out = StringIO()
    call_command("demo", "--days", "60", "--password", "demo pass 123", stdout=out)
    demo = User.objects.get(email="demo@example.org")
    assert demo.check_password("demo pass 123")
    assert "demo@example.org" in out.getvalue()

    results = AssessmentResult.objects.filter(user=demo)
    assert {r.instrument for r in results} == {"gad7", "hyperstim", "phq9", "pss10"}
    assert not results.filter(safety_alert=True).exists()
    gad7 = list(results.filter(instrument="gad7").order_by("taken_at"))
    assert gad7[0].score > gad7[-1].score  # a slow improvement

    appointment = Appointment.objects.get(client=demo)
    assert appointment.shared_at is not None and appointment.is_active

    # Again: the old account (and its appointment) goes, and nobody is emailed about it.
    call_command("demo", "--days", "30", stdout=StringIO())
    assert User.objects.filter(email="demo@example.org").count() == 1
    assert mail.outbox == []
    assert "Subject:" not in capsys.readouterr().out
