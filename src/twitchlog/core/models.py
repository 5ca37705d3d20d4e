from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """Who did what to which object, and when.

    The actor is a foreign key without a database constraint and without cascading, so the
    trail survives the deletion of the person it mentions (the id then points nowhere). Only
    identifiers and action names go in here, never health data: the audit log is read by
    operators, who have no business seeing a diary.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class Attempt(models.Model):
    """One counted attempt (a failed login, a sign-up) for throttling.

    Kept in the database rather than a per-process cache so that several app processes share
    one count. ``key`` is a hash, so the table holds no addresses or emails.
    """

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"
