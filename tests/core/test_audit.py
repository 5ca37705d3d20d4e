from typing import Any

from django.utils import timezone

from twitchlog.core import audit
from twitchlog.core.models import AuditEntry


def test_it_records_actor_action_and_object(alice: Any) -> None:
    before = timezone.now()
    audit.log(alice, "thing.done", alice, fields=["a"])
    entry = AuditEntry.objects.get()
    assert before <= entry.at <= timezone.now()
    assert (entry.actor_id, entry.action) == (alice.pk, "thing.done")
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(alice.pk))
    assert entry.details == {"fields": ["a"]}


def test_entries_survive_the_deletion_of_their_actor(alice: Any) -> None:
    audit.log(alice, "thing.done", alice)
    alice_id = alice.pk
    alice.delete()
    entry = AuditEntry.objects.get(action="thing.done")
    assert entry.actor_id == alice_id


def test_anonymous_actors_are_recorded_as_none(db: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    audit.log(AnonymousUser(), "page.seen")
    entry = AuditEntry.objects.get()
    assert entry.actor_id is None
    assert entry.object_type == ""
