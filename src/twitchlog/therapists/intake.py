"""Intake forms: a therapist's short questions, answered when a client books a first session.

The client may also attach, by ticking each box, their latest questionnaire scores and a
summary of their diary, copied as they stand at booking. The intake belongs to the
appointment, so only its two people see it (see ``access``); audit entries carry ids only.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.diary.models import Episode
from twitchlog.diary.spots import spot_label
from twitchlog.therapists.models import Appointment, Intake, IntakeQuestion, TherapistProfile
from twitchlog.therapists.results import latest_results_for
from twitchlog.therapists.services import ChangeRefused

MAX_QUESTIONS = 10
MAX_OPTIONS = 8
# The diary summary covers this many days before booking.
DIARY_DAYS = 28


def questions(profile: TherapistProfile) -> list[IntakeQuestion]:
    return list(profile.intake_questions.all())


def is_first_session(client: User, profile: TherapistProfile) -> bool:
    """Whether the client has never had a session (booked, not cancelled) with the therapist."""
    return not Appointment.objects.filter(
        client=client, therapist=profile, status=Appointment.Status.BOOKED
    ).exists()


@transaction.atomic
def add_question(
    user: User, profile: TherapistProfile, text: str, kind: str, options: list[str], required: bool
) -> IntakeQuestion:
    if profile.intake_questions.count() >= MAX_QUESTIONS:
        raise ChangeRefused(f"An intake form has at most {MAX_QUESTIONS} questions.")
    if kind == IntakeQuestion.Kind.CHOICE and not 2 <= len(options) <= MAX_OPTIONS:
        raise ChangeRefused(f"Give 2 to {MAX_OPTIONS} answers to choose from, one a line.")
    question = IntakeQuestion.objects.create(
        profile=profile,
        text=text,
        kind=kind,
        options=options if kind == IntakeQuestion.Kind.CHOICE else [],
        required=required,
    )
    audit.log(user, "therapist.intake_question_added", question)
    return question


@transaction.atomic
def remove_question(user: User, question: IntakeQuestion) -> None:
    audit.log(user, "therapist.intake_question_removed", question)
    question.delete()


def scores_snapshot(client: User) -> list[dict[str, Any]]:
    """The latest result on each questionnaire, as the client sees it before attaching."""
    rows = latest_results_for(client) or []
    return [
        {
            "instrument": str(row["instrument"]),
            "score": row["score"],
            "max_score": row["max_score"],
            "band": str(row["band"]),
            "taken_on": row["taken_at"].date().isoformat(),
        }
        for row in rows
    ]


def diary_snapshot(client: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """Days logged, twitches logged and the commonest places, over the last DIARY_DAYS days."""
    now = now or timezone.now()
    since = (now - dt.timedelta(days=DIARY_DAYS)).date()
    recent = Episode.objects.filter(user=client, local_date__gte=since)
    places = (
        recent.values("region", "side").annotate(n=Count("id")).order_by("-n", "region", "side")
    )
    return {
        "days": DIARY_DAYS,
        "days_logged": recent.values("local_date").distinct().count(),
        "twitches": recent.count(),
        "places": [
            {"place": spot_label(p["region"], p["side"]), "count": p["n"]} for p in places[:3]
        ],
    }


def save(
    client: User,
    appointment: Appointment,
    answers: list[dict[str, str]],
    attach_scores: bool,
    attach_diary: bool,
) -> Intake:
    """Keep the client's answers (and what they chose to attach) with the appointment."""
    if appointment.client_id != client.pk:
        raise ChangeRefused("Only the client answers the intake form.")
    intake = Intake.objects.create(
        appointment=appointment,
        answers=answers,
        scores=scores_snapshot(client) if attach_scores else None,
        diary=diary_snapshot(client) if attach_diary else None,
    )
    audit.log(
        client,
        "appointment.intake_given",
        appointment,
        scores=attach_scores,
        diary=attach_diary,
    )
    return intake
