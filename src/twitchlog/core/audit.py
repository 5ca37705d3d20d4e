"""The one way state changes are recorded. Every service function that changes data calls it."""

from typing import Any

from django.db import models

from twitchlog.core.models import AuditEntry


def log(actor: Any, action: str, obj: models.Model | None = None, **details: Any) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj``.

    ``details`` must never carry health data: ids, field names and counts only.
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        details=details,
    )
