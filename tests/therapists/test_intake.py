"""Intake: the therapist's questions, answered with a first booking, seen only by the two."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import client_for, make_user
from tests.therapists.factories import make_booking, make_therapist, slots_after
from twitchlog.assessments.models import AssessmentResult
from twitchlog.therapists import intake
from twitchlog.therapists.models import Appointment, Intake
from twitchlog.therapists.services import ChangeRefused
from twitchlog.therapists.templatetags.therapists_tags import slot_key


@pytest.fixture
def questions(theo: Any, theo_profile: Any) -> list[Any]:
    return [
        intake.add_question(theo, theo_profile, "What would you like help with?", "text", [], True),
        intake.add_question(
            theo, theo_profile, "Have you had therapy before?", "yes_no", [], False
        ),
        intake.add_question(
            theo, theo_profile, "Which suits you?", "choice", ["Mornings", "Evenings"], False
        ),
    ]


def _book(client: Any, profile: Any, **extra: Any) -> Any:
    start = slots_after(profile, count=1)[0].start
    data = {"start": slot_key(start), "session_format": "video", **extra}
    return client.post(f"/therapists/{profile.pk}/book/", data)


def _answers(questions: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        f"q{questions[0].pk}": "Worry about twitches.",
        f"q{questions[1].pk}": "no",
        f"q{questions[2].pk}": "Evenings",
        **extra,
    }


def test_a_first_booking_asks_the_questions_and_keeps_the_answers(
    alice: Any, alice_client: Any, theo_profile: Any, questions: list[Any]
) -> None:
    start = slots_after(theo_profile, count=1)[0].start
    page = alice_client.get(f"/therapists/{theo_profile.pk}/book/", {"start": slot_key(start)})
    text = page.content.decode()
    assert "What would you like help with?" in text and "Only Theo Marsh sees your answers" in text
    answer = _book(alice_client, theo_profile, **_answers(questions))
    assert answer.status_code == 302
    kept = Intake.objects.get()
    assert kept.answers == [
        {"question": "What would you like help with?", "answer": "Worry about twitches."},
        {"question": "Have you had therapy before?", "answer": "No"},
        {"question": "Which suits you?", "answer": "Evenings"},
    ]
    # Nothing attached unless ticked.
    assert kept.scores is None and kept.diary is None


def test_a_required_question_must_be_answered_and_nothing_is_booked(
    alice_client: Any, theo_profile: Any, questions: list[Any]
) -> None:
    answer = _book(alice_client, theo_profile, **_answers(questions, **{f"q{questions[0].pk}": ""}))
    assert answer.status_code == 200
    assert "Please answer this question." in answer.content.decode()
    assert not Appointment.objects.exists() and not Intake.objects.exists()


def test_only_a_first_session_asks(
    alice: Any, alice_client: Any, theo_profile: Any, questions: list[Any]
) -> None:
    make_booking(alice, theo_profile)
    start = slots_after(theo_profile, days=4, count=1)[0].start
    page = alice_client.get(f"/therapists/{theo_profile.pk}/book/", {"start": slot_key(start)})
    assert "What would you like help with?" not in page.content.decode()


def test_attachments_only_by_choice_and_seen_only_by_that_therapist(
    alice: Any, alice_client: Any, theo_client: Any, theo_profile: Any, questions: list[Any]
) -> None:
    _gad7(alice)
    answer = _book(alice_client, theo_profile, **_answers(questions, attach_diary="on"))
    assert answer.status_code == 302
    kept = Intake.objects.get()
    assert kept.scores is None  # not ticked
    assert kept.diary is not None and kept.diary["days"] == intake.DIARY_DAYS
    appointment = kept.appointment
    url = f"/therapists/appointments/{appointment.pk}/"
    theirs = theo_client.get(url).content.decode()
    assert "Intake from" in theirs and "Worry about twitches." in theirs
    assert "Diary, the 28 days before booking" in theirs
    assert "Latest questionnaire results" not in theirs
    mine = alice_client.get(url).content.decode()
    assert "What you sent Theo Marsh" in mine and "Worry about twitches." in mine
    # Another therapist of Alice's, and anyone else, see nothing of it.
    nina = make_user("nina@example.org", display_name="Nina")
    make_booking(alice, make_therapist(nina))
    assert client_for(nina).get(url).status_code == 404
    assert (
        "Worry about twitches."
        not in client_for(nina).get("/therapists/me/appointments/").content.decode()
    )


def _gad7(user: Any) -> None:
    AssessmentResult.objects.create(
        user=user,
        instrument="gad7",
        answers=[1] * 7,
        score=7,
        max_score=21,
        band="Mild",
        taken_at=timezone.now() - dt.timedelta(days=1),
    )


def test_the_scores_attached_are_the_latest_as_at_booking(
    alice: Any, alice_client: Any, theo_client: Any, theo_profile: Any, questions: list[Any]
) -> None:
    assert intake.scores_snapshot(alice) == []
    _gad7(alice)
    answer = _book(alice_client, theo_profile, **_answers(questions, attach_scores="on"))
    assert answer.status_code == 302
    kept = Intake.objects.get()
    assert [(r["score"], r["max_score"], r["band"]) for r in kept.scores] == [(7, 21, "Mild")]
    assert kept.diary is None
    page = theo_client.get(f"/therapists/appointments/{kept.appointment_id}/").content.decode()
    assert "7 of 21, Mild" in page


def test_the_therapist_manages_the_questions(
    theo: Any, theo_client: Any, theo_profile: Any
) -> None:
    answer = theo_client.post(
        "/therapists/me/intake/",
        {"text": "Pick one", "kind": "choice", "options": "A\nB\n\n", "required": "on"},
    )
    assert answer.status_code == 302
    question = theo_profile.intake_questions.get()
    assert question.options == ["A", "B"] and question.required
    bad = theo_client.post(
        "/therapists/me/intake/", {"text": "Pick", "kind": "choice", "options": "A"}
    )
    assert "Give 2 to 8 answers" in bad.content.decode()
    theo_client.post(f"/therapists/me/intake/{question.pk}/delete/")
    assert not theo_profile.intake_questions.exists()


def test_at_most_ten_questions(theo: Any, theo_profile: Any) -> None:
    for n in range(intake.MAX_QUESTIONS):
        intake.add_question(theo, theo_profile, f"Q{n}", "text", [], False)
    with pytest.raises(ChangeRefused, match="at most 10"):
        intake.add_question(theo, theo_profile, "One more", "text", [], False)


def test_a_series_keeps_the_intake_with_its_first_session(
    alice_client: Any, theo_profile: Any, questions: list[Any]
) -> None:
    answer = _book(alice_client, theo_profile, repeat="1", count="3", **_answers(questions))
    assert answer.status_code == 302
    first = Appointment.objects.order_by("start").first()
    assert Intake.objects.get().appointment == first
