"""Self-experiments: a registered plan, the days kept to it, an optional reminder.

The plan, outcome and analysis are frozen in ``registration`` when the experiment is made
(it is registered before it starts) and can never be changed: :meth:`Experiment.save`
refuses to write any frozen field of an existing row. Only stopping early and the reminder
time change afterwards, each saved with ``update_fields``.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from twitchlog.experiments.design import Block

FROZEN_FIELDS = frozenset({"user", "registration", "registered_at", "start_date", "end_date"})
CHANGEABLE_FIELDS = frozenset({"stopped_at", "stopped_on", "reminder_time", "reminder_sent_on"})


class RegisteredPlanError(Exception):
    """Someone tried to change a registered plan."""


class Experiment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiments"
    )
    # The frozen plan: change, outcome, effect of interest, design, schedule, expected power
    # and the analysis method (see services.register).
    registration = models.JSONField()
    registered_at = models.DateTimeField()
    start_date = models.DateField()  # local dates, copied from the registration for queries
    end_date = models.DateField()
    # Stopping early: when, and the local day it was stopped, the first day no longer in the
    # test (that day was not over, so its diary was not complete: see ``last_day``).
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    # The optional daily reminder (local time), and the local day it was last sent, which
    # `send_reminders` sets to claim a day's reminder.
    reminder_time = models.TimeField(null=True, blank=True)
    reminder_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["reminder_time", "end_date"])]

    def __str__(self) -> str:
        return f"experiment {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            fields = kwargs.get("update_fields")
            if fields is None or set(fields) - CHANGEABLE_FIELDS:
                raise RegisteredPlanError("A registered experiment's plan cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def change_label(self) -> str:
        return str(self.registration["change"]["label"])

    @property
    def outcome(self) -> str:
        return str(self.registration["outcome"])

    @property
    def blocks(self) -> list[Block]:
        return [
            Block(
                b["index"],
                b["condition"],
                dt.date.fromisoformat(b["start"]),
                dt.date.fromisoformat(b["end"]),
            )
            for b in self.registration["blocks"]
        ]

    @property
    def last_day(self) -> dt.date:
        """The last day in the test: the planned end, or the day before stopping.

        The day a test is stopped is left out, as the last day of a finished test is left out
        until it is over: its diary was not complete when the test stopped, and a stopped
        test's result is final at once, so it never changes after it was shown or shared.
        Before the start of a test stopped on its first day (or before it began): see
        ``has_days``."""
        if self.stopped_on is not None:
            return min(self.end_date, self.stopped_on - dt.timedelta(days=1))
        return self.end_date

    @property
    def has_days(self) -> bool:
        """False for a test stopped on its first day or before it began: no day of it was
        over, so there is nothing to analyse."""
        return self.last_day >= self.start_date


class KeptDay(models.Model):
    """The answer to "kept to the plan today?" for one local day of an experiment."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="kept_days")
    local_date = models.DateField()
    kept = models.BooleanField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["local_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "local_date"], name="experiments_one_answer_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"kept day {self.pk}"
