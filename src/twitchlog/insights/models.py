from django.conf import settings
from django.db import models

from twitchlog.knowledge.factors import OUTCOMES


class InsightReport(models.Model):
    """The latest driver analysis of a person's diary, for one outcome.

    A cache, not a record: ``diary_version`` is the person's diary version it was computed at
    (diary/versions.py) and ``fingerprint`` identifies the engine's code and the outcome; the
    report is recomputed whenever either moves.  ``outcome_days`` keeps the outcome per logged
    day ("YYYY-MM-DD" -> value) for the page's chart, so showing a current report reads no
    diary rows.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insight_reports"
    )
    outcome = models.CharField(max_length=32, choices=sorted(OUTCOMES.items()))
    fingerprint = models.CharField(max_length=64)
    diary_version = models.PositiveBigIntegerField(default=0)
    outcome_days = models.JSONField(default=dict)
    report = models.JSONField()
    computed_at = models.DateTimeField()
    compute_ms = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "outcome"], name="insights_one_per_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.outcome} report of user {self.user_id}"
