"""``twitchlog demo`` as a whole: every app's demo data, one login, no email to anyone."""

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

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


@pytest.mark.django_db
def test_no_demo_on_a_server(settings: Any) -> None:
    # Before: `twitchlog demo` on a public server listed four therapists anyone could sign in
    # as, with a password printed in the docs.
    settings.HTTPS = True
    with pytest.raises(CommandError, match="TWITCHLOG_HTTPS=1"):
        call_command("demo", "--days", "30", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_no_one_can_sign_in_as_a_demo_therapist() -> None:
    call_command("demo", "--days", "30", stdout=StringIO())
    therapists = User.objects.filter(therapist_profile__isnull=False)
    assert therapists.count() == 4
    assert not any(t.has_usable_password() for t in therapists)
    assert not any(t.check_password("demo therapist password") for t in therapists)
