"""``twitchlog assess score|take``: score answers, or take a questionnaire in the terminal."""

import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.accounts.models import User
from twitchlog.assessments import services
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.instruments.base import Instrument
from twitchlog.assessments.scoring import (
    Answer,
    AnswerError,
    Score,
    allowed_values,
    check_answer,
    check_answers,
    score,
)

# What to type for "does not apply" on an item that may be skipped.
SKIP_WORDS = {"-", "na", "n/a"}


def _parse(token: str) -> object:
    token = token.strip()
    if token.lower() in SKIP_WORDS:
        return None
    try:
        return int(token)
    except ValueError:
        return token or "nothing"


def _summary(instrument: Instrument, result: Score) -> list[str]:
    lines = [f"{instrument.name}: {result.score} of {result.max_score} ({result.band})"]
    if result.positive_screen is not None:
        lines.append(f"Positive screen: {'yes' if result.positive_screen else 'no'}")
    for sub in result.subscales.values():
        screen = " (positive screen)" if sub.positive_screen else ""
        lines.append(f"  {sub.label}: {sub.score} of {sub.max_score}{screen}")
    if instrument.safety_item is not None:
        lines.append(f"Safety alert: {'yes' if result.safety_alert else 'no'}")
    if instrument.validation_note:
        lines.append(f"Note: {instrument.validation_note}.")
    lines.append("A questionnaire is a screening aid, not a diagnosis.")
    return lines


class Command(BaseCommand):
    help = "Score a questionnaire's answers, or take one in the terminal and save the result."
    # Tests hand in a file to read answers from instead of the terminal.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        names = sorted(INSTRUMENTS)

        scorer = actions.add_parser("score", help="Score a list of answers.")
        scorer.add_argument("instrument", choices=names)
        scorer.add_argument(
            "--answers",
            required=True,
            help="Comma-separated answers in item order, e.g. 0,1,2,3; '-' for 'does not apply'.",
        )
        scorer.add_argument("--json", action="store_true", help="Print the result as JSON.")

        taker = actions.add_parser("take", help="Answer the questions here and save the result.")
        taker.add_argument("instrument", choices=names)
        taker.add_argument("--user", required=True, help="Email address of the account.")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = INSTRUMENTS[options["instrument"]]
        if options["action"] == "score":
            self._score(instrument, options["answers"], options["json"])
        else:
            self._take(instrument, options["user"], options.get("stdin") or sys.stdin)

    def _score(self, instrument: Instrument, raw: str, as_json: bool) -> None:
        answers = [_parse(token) for token in raw.split(",")]
        if problems := check_answers(instrument, answers):
            raise CommandError("\n".join(problem.message for problem in problems))
        result = score(instrument, answers)  # type: ignore[arg-type]
        if as_json:
            self.stdout.write(json.dumps(result.to_dict()))
        else:
            self.stdout.write("\n".join(_summary(instrument, result)))

    def _ask(self, stdin: TextIO, prompt: str, instrument: Instrument, position: int) -> Answer:
        while True:
            self.stdout.write(prompt, ending="")
            self.stdout.flush()
            line = stdin.readline()
            if not line:
                raise CommandError(f"Stopped before item {position + 1}; nothing was saved.")
            if not stdin.isatty():  # piped answers are not echoed by a terminal; show them
                self.stdout.write(line.strip())
            answer = _parse(line)
            if check_answer(instrument, position, answer) is None:
                return answer  # type: ignore[return-value]
            self.stdout.write(f"Please type one of {allowed_values(instrument, position)}.")

    def _take(self, instrument: Instrument, email: str, stdin: TextIO) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"There is no account with the email address {email}.")
        self.stdout.write(f"{instrument.name}: {instrument.title}")
        if instrument.validation_note:
            self.stdout.write(f"Note: {instrument.validation_note}.")
        self.stdout.write(instrument.stem)
        self.stdout.write(
            "Answer with the number: "
            + " · ".join(f"{o.value} = {o.label}" for o in instrument.options)
        )
        answers = []
        for position, item in enumerate(instrument.items):
            skip = f" ('-' = {item.skip_label.lower()})" if item.skip_label else ""
            answers.append(
                self._ask(stdin, f"{position + 1}. {item.text}{skip}: ", instrument, position)
            )
        difficulty = None
        if instrument.follow_up is not None:
            choices = " · ".join(f"{o.value} = {o.label}" for o in instrument.follow_up.options)
            self.stdout.write(f"{instrument.follow_up.text}\n{choices}")
            self.stdout.write("(Not part of the score; press Enter to leave it out): ", ending="")
            line = stdin.readline().strip()
            if not stdin.isatty():
                self.stdout.write(line)
            if line:
                try:
                    difficulty = int(line)
                except ValueError as exc:
                    raise CommandError(f"difficulty: {line} is not a number") from exc
        try:
            stored = services.take_assessment(user, instrument, answers, difficulty=difficulty)
        except AnswerError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")
        if stored.safety_alert:
            self.stdout.write(
                self.style.ERROR(
                    "Please reach out to someone now. One of your answers says you have had "
                    "thoughts of being better off dead or of hurting yourself. If you are in "
                    "danger, call your emergency number."
                )
            )
            for line_info in services.crisis_lines(user.country):
                self.stdout.write(f"  {line_info['name']}: {line_info['detail']}")
            self.stdout.write("")
        result = score(instrument, answers)
        self.stdout.write("\n".join(_summary(instrument, result)))
        self.stdout.write(self.style.SUCCESS(f"Saved as result {stored.pk}."))
