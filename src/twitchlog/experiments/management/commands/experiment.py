"""``twitchlog experiment``: plan, follow and read self-experiments, or analyse a CSV.

    twitchlog experiment analyze --csv FILE --outcome twitch_count [--effect E] [--json]
    twitchlog experiment plan --user EMAIL --change KEY [--label TEXT] [--start D] ...
    twitchlog experiment list --user EMAIL
    twitchlog experiment show --user EMAIL ID [--json]
    twitchlog experiment kept --user EMAIL ID yes|no [--date D]
    twitchlog experiment stop --user EMAIL ID

Exit codes of ``analyze``: 0 a result was printed (whatever the verdict, "too little data"
included), 2 the command was used wrongly, 3 the file could not be read, 4 the file was read
but cannot be analysed (a missing column, a value that is not allowed). Each error says why.
The other actions exit 1 with the reason when something cannot be done.
"""

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.experiments import design, wording
from twitchlog.experiments.analysis import OUTCOMES
from twitchlog.experiments.changes import CHANGES_BY_KEY, CUSTOM, EFFECT_CHOICES

MAX_CSV_BYTES = 5 * 1024 * 1024
UNREADABLE, UNUSABLE = 3, 4


class Command(BaseCommand):
    help = "Plan, follow and read self-experiments; analyse one in a CSV (docs/experiments.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="analyze|plan|list|show|kept|stop"
        )
        analyze = actions.add_parser(
            "analyze", help="The verdict of a block experiment in a daily CSV."
        )
        analyze.add_argument(
            "--csv",
            required=True,
            metavar="FILE",
            help="Daily diary CSV with `condition` (A/B/blank) and `adhered` (1/0) columns.",
        )
        analyze.add_argument("--outcome", default="twitch_count", choices=OUTCOMES)
        analyze.add_argument(
            "--stopped-early", action="store_true", help="The test was stopped before its end."
        )
        analyze.add_argument(
            "--effect",
            default=None,
            help="The difference that matters, as planned: 0.5, 0.67 or 0.75 (counts); -1 or -2 "
            "(rating). Without it an interval that holds no change reads 'could not tell'.",
        )
        analyze.add_argument("--json", action="store_true", help="Print the result as JSON.")
        plan = actions.add_parser("plan", help="Register a test (its plan is then fixed).")
        plan.add_argument("--user", required=True, help="The person's email.")
        plan.add_argument(
            "--change",
            required=True,
            choices=[*CHANGES_BY_KEY, CUSTOM],
            help="What to change on B days (custom: give --label).",
        )
        plan.add_argument("--label", default="", help="Your own change, with --change custom.")
        plan.add_argument("--outcome", default="twitch_count", choices=OUTCOMES)
        plan.add_argument(
            "--effect",
            default=None,
            help="Difference of interest: 0.5, 0.67 or 0.75 (counts); -1 or -2 (rating).",
        )
        plan.add_argument("--block-days", type=int, default=7, choices=design.BLOCK_DAYS)
        plan.add_argument("--pairs", type=int, help="2–6 (default: the suggested length).")
        plan.add_argument("--washout", action="store_true", help="A washout day between blocks.")
        plan.add_argument("--start", type=dt.date.fromisoformat, help="First day (default today).")
        plan.add_argument("--reminder", type=dt.time.fromisoformat, help="Daily email, HH:MM.")
        listing = actions.add_parser("list", help="A person's tests.")
        listing.add_argument("--user", required=True)
        show = actions.add_parser("show", help="One test: plan, schedule, result.")
        show.add_argument("--user", required=True)
        show.add_argument("id", type=int)
        show.add_argument("--json", action="store_true")
        kept = actions.add_parser("kept", help="Answer 'kept to the plan?' for a day.")
        kept.add_argument("--user", required=True)
        kept.add_argument("id", type=int)
        kept.add_argument("answer", choices=["yes", "no"])
        kept.add_argument("--date", type=dt.date.fromisoformat, help="Default: today.")
        stop = actions.add_parser("stop", help="Stop a test early (reported with the result).")
        stop.add_argument("--user", required=True)
        stop.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "analyze":
            self._analyze(options)
            return
        from django.http import Http404

        from twitchlog.accounts.lookup import user_by_email
        from twitchlog.experiments.access import get_experiment_for_user
        from twitchlog.experiments.services import ExperimentInputError

        user = user_by_email(options["user"])
        try:
            if options["action"] == "plan":
                self._plan(user, options)
            elif options["action"] == "list":
                self._list(user)
            else:
                try:
                    experiment = get_experiment_for_user(user, options["id"])
                except Http404:
                    raise CommandError(f"{user.email} has no test {options['id']}.") from None
                getattr(self, f"_{options['action']}")(user, experiment, options)
        except ExperimentInputError as error:
            raise CommandError(str(error)) from error

    def _plan(self, user: Any, options: dict[str, Any]) -> None:
        from twitchlog.experiments import services

        outcome = options["outcome"]
        effect = options["effect"] or EFFECT_CHOICES[outcome][0][0]
        advice = services.advise(user, outcome, effect, options["block_days"], options["washout"])
        plan = services.PlanInput(
            change_key=options["change"],
            custom_label=options["label"],
            outcome=outcome,
            effect_choice=effect,
            block_days=options["block_days"],
            pairs=options["pairs"] or advice.pairs,
            washout=options["washout"],
            start_date=options["start"] or services.today_for(user),
            reminder_time=options["reminder"],
        )
        experiment = services.register(user, plan)
        power = experiment.registration["expected_power"]
        self.stdout.write(
            f"Registered test {experiment.pk}: {experiment.change_label}, "
            f"{experiment.start_date} to {experiment.end_date}, "
            f"{plan.pairs} pairs of {plan.block_days}-day blocks "
            f"(about a {power:.0%} chance to see the difference you chose)."
        )
        if not advice.enough:
            self.stdout.write(
                wording.length_shortfall(advice.pairs, advice.power, advice.spread_from_diary)
            )
        for block in experiment.blocks:
            what = experiment.change_label if block.condition == design.CHANGE else "usual"
            self.stdout.write(f"  {block.start} to {block.end}: {what}")

    def _list(self, user: Any) -> None:
        from twitchlog.experiments import services

        today = services.today_for(user)
        for experiment in services.history(user):
            self.stdout.write(
                f"{experiment.pk}\t{experiment.start_date}\t{experiment.end_date}\t"
                f"{services.state(experiment, today)}\t{experiment.change_label}"
            )

    def _show(self, user: Any, experiment: Any, options: dict[str, Any]) -> None:
        from twitchlog.experiments import services

        state = services.state(experiment, services.today_for(user))
        result = services.result(experiment)
        if options["json"]:
            data = {
                **result.to_dict(),
                "state": state,
                "final": state in ("stopped", "finished"),
                "registration": experiment.registration,
            }
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{experiment.change_label} ({state}, {services.period(experiment)})")
        if state in ("stopped", "finished"):
            self.stdout.write(wording.result_text(result))
        else:
            self.stdout.write(f"The result comes after the last block, on {experiment.end_date}.")

    def _kept(self, user: Any, experiment: Any, options: dict[str, Any]) -> None:
        from twitchlog.experiments import services

        day = options["date"] or services.today_for(user)
        services.mark_kept(user, experiment, day, options["answer"] == "yes")
        self.stdout.write(f"Noted for {day}.")

    def _stop(self, user: Any, experiment: Any, options: dict[str, Any]) -> None:
        from twitchlog.experiments import services

        if services.stop(user, experiment):
            self.stdout.write(f"Stopped test {experiment.pk}; its result will say so.")
        else:
            self.stdout.write(f"Test {experiment.pk} had already ended or been stopped.")

    def _analyze(self, options: dict[str, Any]) -> None:
        import pandas as pd

        from twitchlog.experiments.analysis import TableError, analyze_frame

        meaningful = None
        if options["effect"] is not None:
            allowed = [value for value, _ in EFFECT_CHOICES[options["outcome"]]]
            if options["effect"] not in allowed:
                raise CommandError(
                    f"--effect for {options['outcome']} is one of {', '.join(allowed)}.",
                    returncode=2,
                )
            value = float(options["effect"])
            meaningful = math.log(value) if options["outcome"] == "twitch_count" else value
        path = Path(options["csv"])
        try:
            if path.stat().st_size > MAX_CSV_BYTES:
                raise CommandError(
                    f"{path} is larger than 5 MB; a daily CSV is far smaller.",
                    returncode=UNREADABLE,
                )
            frame = pd.read_csv(path, dtype=str, skipinitialspace=True, keep_default_na=False)
        except FileNotFoundError as error:
            raise CommandError(f"There is no file at {path}.", returncode=UNREADABLE) from error
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
            raise CommandError(
                f"Could not read {path} as a CSV file: {error}", returncode=UNREADABLE
            ) from error
        except pd.errors.EmptyDataError as error:
            raise CommandError(f"{path} is empty.", returncode=UNUSABLE) from error
        frame = frame.replace("", None)
        try:
            result = analyze_frame(frame, options["outcome"], options["stopped_early"], meaningful)
        except TableError as error:
            raise CommandError(f"{path}: {error}", returncode=UNUSABLE) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(wording.result_text(result))
