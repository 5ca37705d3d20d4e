"""Staff approve therapists in the admin; the demo seeds listed therapists, again and again."""

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import client_for, make_user
from tests.therapists.factories import make_booking, make_therapist
from twitchlog.core.models import AuditEntry
from twitchlog.therapists.availability import next_free_slot
from twitchlog.therapists.demo import seed_demo_therapists
from twitchlog.therapists.models import Appointment, TherapistProfile


def test_staff_approve_applications_in_the_admin(theo: Any) -> None:
    profile = make_therapist(theo, approved=False)
    staff = make_user("staff@example.org", is_staff=True, is_superuser=True)
    admin = client_for(staff)
    changelist = reverse("admin:therapists_therapistprofile_changelist")
    assert admin.get(changelist).status_code == 200
    admin.post(changelist, {"action": "approve", "_selected_action": [profile.pk]})
    profile.refresh_from_db()
    assert profile.is_listed and profile.approved_by == staff
    assert AuditEntry.objects.get(action="therapist.approved").actor == staff
    # Everything else is read-only there: therapists edit their own profiles.
    change = admin.get(reverse("admin:therapists_therapistprofile_change", args=[profile.pk]))
    assert 'name="credentials"' not in change.content.decode()


def test_people_who_are_not_staff_cannot_approve(theo: Any, alice_client: Client) -> None:
    profile = make_therapist(theo, approved=False)
    changelist = reverse("admin:therapists_therapistprofile_changelist")
    alice_client.post(changelist, {"action": "approve", "_selected_action": [profile.pk]})
    profile.refresh_from_db()
    assert profile.approved_at is None


def test_demo_therapists_are_listed_and_bookable_and_reset_on_rerun(alice: Any, db: Any) -> None:
    profiles = seed_demo_therapists()
    assert len(profiles) == 4
    assert len({p.time_zone for p in profiles}) == 4
    assert all(p.is_listed and next_free_slot(p) is not None for p in profiles)
    make_booking(alice, profiles[0], days=2)
    again = seed_demo_therapists()
    assert [p.pk for p in again] == [p.pk for p in profiles]
    assert TherapistProfile.objects.count() == 4
    assert not Appointment.objects.exists()
    assert sum(p.time_off.count() for p in again) == 1


def test_applications_waiting_for_a_decision_come_first(theo: Any, alice: Any) -> None:
    waiting = make_therapist(theo, approved=False)
    make_therapist(alice, approved=True)
    staff = make_user("staff@example.org", is_staff=True, is_superuser=True)
    page = client_for(staff).get(reverse("admin:therapists_therapistprofile_changelist"))
    rows = list(page.context["cl"].result_list)
    assert rows[0] == waiting
