"""Access probes for every therapist page and API operation.

"owned" probes build an object of alice's: charlie must get 404 and alice must not. Where the
owner must be a therapist (availability rows, shared summaries), alice is made the therapist
and theo her client.
"""

from typing import Any

from tests.access import Personas, Probe
from tests.therapists.factories import make_booking, make_therapist
from twitchlog.therapists.links import manage_token
from twitchlog.therapists.models import TherapistPhoto, WeeklyHours
from twitchlog.therapists.services import set_sharing


def _listed(p: Personas) -> dict[str, Any]:
    return {"pk": make_therapist(p.theo).pk}


def _with_photo(p: Personas) -> dict[str, Any]:
    from django.utils import timezone

    profile = make_therapist(p.theo, photo_updated_at=timezone.now())
    TherapistPhoto.objects.create(profile=profile, image=b"\xff\xd8\xff")
    return {"pk": profile.pk}


def _alices_booking(p: Personas) -> dict[str, Any]:
    return {"pk": make_booking(p.alice, make_therapist(p.theo)).pk}


def _api_booking(p: Personas) -> dict[str, Any]:
    return {"appointment_id": _alices_booking(p)["pk"]}


def _alice_as_therapist_sharing(p: Personas) -> dict[str, Any]:
    booking = make_booking(p.theo, make_therapist(p.alice))
    set_sharing(p.theo, booking, True)
    return {"pk": booking.pk}


def _alices_hours(p: Personas) -> dict[str, Any]:
    profile = make_therapist(p.alice, weekly=[])
    hours = WeeklyHours.objects.create(profile=profile, weekday=0, start="09:00", end="12:00")
    return {"kind": "weekly", "item_id": hours.pk}


def _manage_token(p: Personas) -> dict[str, Any]:
    return {"token": manage_token(make_booking(p.alice, make_therapist(p.theo)), "client")}


def _api_listed(p: Personas) -> dict[str, Any]:
    return {"therapist_id": make_therapist(p.theo).pk}


# A Monday 09:00 UTC slot, offered by a therapist who takes bookings years ahead.
FAR_SLOT = "2030-01-07T09:00:00Z"


def _far_ahead(p: Personas) -> dict[str, Any]:
    theo = p.theo
    theo.time_zone = "UTC"
    theo.save()
    return {"therapist_id": make_therapist(theo, horizon_days=3650).pk}


def _api_move(p: Personas) -> dict[str, Any]:
    booking = make_booking(p.alice, make_therapist(p.theo))
    return {"appointment_id": booking.pk}


def _alices_waitlist_entry(p: Personas) -> dict[str, Any]:
    from twitchlog.therapists.waitlist import join

    return {"pk": join(p.alice, make_therapist(p.theo), "video").pk}


def _offer_token(p: Personas) -> dict[str, Any]:
    from twitchlog.therapists.services import cancel_appointment
    from twitchlog.therapists.waitlist import join, offer_freed_slots, offer_token

    profile = make_therapist(p.theo)
    booking = make_booking(p.charlie, profile)
    cancel_appointment(p.charlie, booking)
    join(p.alice, profile, "video")
    offer_freed_slots()
    return {"token": offer_token(profile.waitlist_offers.get())}


def _alice_as_therapist_past(p: Personas) -> dict[str, Any]:
    import datetime as dt

    from twitchlog.therapists.models import Appointment

    booking = make_booking(p.theo, make_therapist(p.alice))
    earlier = booking.start - dt.timedelta(days=5)
    Appointment.objects.filter(pk=booking.pk).update(
        start=earlier,
        end=earlier + dt.timedelta(minutes=50),
        blocked_until=earlier + dt.timedelta(minutes=60),
    )
    return {"pk": booking.pk}


def _alices_intake_question(p: Personas) -> dict[str, Any]:
    from twitchlog.therapists.intake import add_question

    profile = make_therapist(p.alice)
    return {"pk": add_question(p.alice, profile, "What brings you?", "text", [], False).pk}


PROBES = {
    "therapists:directory": Probe("public"),
    "therapists:profile": Probe("public", _listed),
    "therapists:photo": Probe("public", _with_photo),
    "therapists:book": Probe("login", _listed),
    "therapists:appointments": Probe("login"),
    "therapists:appointment": Probe("owned", _alices_booking),
    "therapists:cancel": Probe("owned", _alices_booking, method="post", owner_status=302),
    "therapists:reschedule": Probe("owned", _alices_booking),
    "therapists:sharing": Probe(
        "owned", _alices_booking, method="post", data={"share": "1"}, owner_status=302
    ),
    "therapists:shared_summary": Probe("owned", _alice_as_therapist_sharing, owner_status=200),
    "therapists:manage": Probe("public", _manage_token),
    "therapists:attendance": Probe(
        "owned",
        _alice_as_therapist_past,
        method="post",
        data={"attendance": "attended"},
        owner_status=302,
    ),
    "therapists:waitlist_join": Probe(
        "login", _listed, method="post", data={"session_format": "video"}
    ),
    "therapists:waitlist_leave": Probe(
        "owned", _alices_waitlist_entry, method="post", owner_status=302
    ),
    "therapists:offer": Probe("public", _offer_token),
    "therapists:apply": Probe("login"),
    "therapists:edit_profile": Probe("login"),
    "therapists:availability": Probe("login"),
    "therapists:availability_delete": Probe(
        "owned", _alices_hours, method="post", owner_status=302
    ),
    "therapists:dashboard": Probe("login"),
    "therapists:intake": Probe("login"),
    "therapists:intake_delete": Probe(
        "owned", _alices_intake_question, method="post", owner_status=302
    ),
    "GET /api/therapists/": Probe("login"),
    "GET /api/therapists/{therapist_id}": Probe("login", _api_listed),
    "GET /api/therapists/{therapist_id}/slots": Probe("login", _api_listed),
    "GET /api/therapists/bookings": Probe("login"),
    "POST /api/therapists/{therapist_id}/bookings": Probe(
        "login", _far_ahead, data={"start": FAR_SLOT, "session_format": "video"}
    ),
    "GET /api/therapists/bookings/{appointment_id}": Probe("owned", _api_booking),
    "POST /api/therapists/bookings/{appointment_id}/cancel": Probe("owned", _api_booking),
    "POST /api/therapists/bookings/{appointment_id}/reschedule": Probe(
        "owned", _api_move, data={"start": "2030-01-01T09:00:00Z"}
    ),
}


def SEED(p: Personas) -> list[str]:
    """An appointment of alice's; charlie's pages must not show her in it."""
    from tests.conftest import make_user

    p.alice.display_name = "Alicesecret Client"
    p.alice.save()
    make_booking(p.alice, make_therapist(make_user("seed-therapist@example.org")))
    return ["Alicesecret Client", p.alice.email]
