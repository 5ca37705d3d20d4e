"""Joining and leaving the waitlist, and the page behind an offer's signed link."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from twitchlog.accounts.types import AuthedRequest
from twitchlog.therapists import access, services, waitlist
from twitchlog.therapists.access import may_change
from twitchlog.therapists.forms import WaitlistForm
from twitchlog.therapists.models import WaitlistOffer


@login_required
@require_POST
def join(request: AuthedRequest, pk: int) -> HttpResponse:
    therapist = access.get_listed_profile(pk)
    form = WaitlistForm(therapist, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("therapists:profile", pk=therapist.pk)
    anyone = form.cleaned_data["anyone"]
    try:
        waitlist.join(
            request.user,
            None if anyone else therapist,
            form.cleaned_data["session_format"],
            language=therapist.languages[0] if anyone and therapist.languages else "",
            city=therapist.city,
        )
    except services.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "You are on the waitlist. When a time comes free we email you a link, and hold "
            f"the time for you for {int(waitlist.OFFER_HOLD.total_seconds() // 60)} minutes.",
        )
    return redirect("therapists:appointments")


@login_required
@require_POST
def leave(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = access.get_waitlist_entry_for_client(request.user, pk)
    try:
        waitlist.leave(request.user, entry)
    except services.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You have left that waitlist.")
    return redirect("therapists:appointments")


def offer(request: HttpRequest, token: str) -> HttpResponse:
    """A freed time offered to one person: book it or let it go, without logging in.

    If they already have a session with this therapist that day, the page says so before
    anything is booked and offers to move that session here (or to keep both).
    """
    found = waitlist.offer_for_token(token)
    if found is None:
        return render(request, "therapists/manage_invalid.html", status=404)
    now = timezone.now()
    same_day = waitlist.same_day(found)
    ctx: dict[str, Any] = {
        "offer": found,
        "error": "",
        "zone_name": found.entry.client.time_zone,
        "terms": waitlist.terms(found),
        "same_day": [(a, may_change(a, "client", now)) for a in same_day],
    }
    if request.method == "POST":
        # A "Move my 14:00 session" button sends the session as ``move``.
        action = "move" if "move" in request.POST else request.POST.get("action")
        if action == "decline":
            waitlist.decline(found)
            messages.success(request, "Thank you. The time goes to the next person waiting.")
            return redirect("therapists:offer", token=token)
        move = next((a for a in same_day if str(a.pk) == request.POST.get("move")), None)
        if action == "take" and same_day:
            # A session that day was booked since the page was shown: nothing is booked
            # until they have seen it and chosen.
            ctx["error"] = (
                f"Nothing is booked yet: you already have a session with {found.therapist.name} "
                "that day. Please choose below whether to move it here or keep both."
            )
        elif action in ("take", "also") or (action == "move" and move is not None):
            try:
                appointment = waitlist.take(found, now, move=move if action == "move" else None)
            except services.AppointmentError as error:
                ctx["error"] = str(error)
                found.refresh_from_db()
            else:
                messages.success(
                    request,
                    "Your session has moved to this time. We have emailed you the updated invite."
                    if action == "move"
                    else "It is booked. We have emailed you a calendar invite.",
                )
                if request.user.is_authenticated and request.user.pk == found.entry.client_id:
                    return redirect("therapists:appointment", pk=appointment.pk)
                return redirect("therapists:offer", token=token)
        else:
            ctx["error"] = "That session cannot be moved to this time."
    ctx["open"] = found.status == WaitlistOffer.Status.OFFERED and found.expires_at > now
    status = 409 if ctx["error"] else 200
    return render(request, "therapists/offer.html", ctx, status=status)
