from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.instruments.base import Band, Instrument


class AssessmentResult(models.Model):
    """One completed questionnaire, stored exactly as it was shown.

    The score, band, screen and alert are copied in at the time, so a later change to a band
    definition never rewrites what someone was told.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_results"
    )
    instrument = models.CharField(
        max_length=20, choices=[(slug, i.name) for slug, i in INSTRUMENTS.items()]
    )
    # The option values picked, in item order; null for an item answered "does not apply".
    answers = models.JSONField()
    score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=40)
    positive_screen = models.BooleanField(null=True)
    safety_alert = models.BooleanField(default=False)
    subscales = models.JSONField(default=dict, blank=True)
    difficulty = models.PositiveSmallIntegerField(null=True, blank=True)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-taken_at", "-pk")
        indexes = [models.Index(fields=["user", "instrument", "-taken_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} result {self.pk}"

    @property
    def definition(self) -> Instrument:
        return INSTRUMENTS[self.instrument]

    @property
    def band_details(self) -> Band | None:
        """The band's current wording, if a band of that name still exists."""
        return self.definition.band_named(self.band)

    def answer_rows(self) -> list[dict[str, Any]]:
        """Each question with the answer given, for showing back to the person."""
        instrument = self.definition
        labels = {option.value: option.label for option in instrument.options}
        return [
            {
                "number": n,
                "text": item.text,
                "answer": item.skip_label if answer is None else labels.get(answer, answer),
                "reverse": item.reverse,
            }
            for n, (item, answer) in enumerate(
                zip(instrument.items, self.answers, strict=False), start=1
            )
        ]

    @property
    def safety_answer(self) -> dict[str, Any] | None:
        """The safety item's question and answer (PHQ-9 item 9), for anyone this result is
        shared with; None for questionnaires without one."""
        position = self.definition.safety_item
        if position is None:
            return None
        row = self.answer_rows()[position]
        return {**row, "alert": self.safety_alert}

    @property
    def difficulty_label(self) -> str:
        follow_up = self.definition.follow_up
        if follow_up is None or self.difficulty is None:
            return ""
        return next((o.label for o in follow_up.options if o.value == self.difficulty), "")
