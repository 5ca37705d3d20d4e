"""The directory, booking, and a person's own appointments.

Why one module of some 400 lines: these are the client's side of the therapists app, page by
page (directory, profile, booking, series, waitlist, an appointment and its changes); each view
is thin and calls one service, and splitting them would only scatter one person's journey.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from twitchlog.accounts.types import AuthedRequest
from twitchlog.core import sql
from twitchlog.core.timezones import zone
from twitchlog.experiments import export as experiments
from twitchlog.therapists import access, intake, links, series, services
from twitchlog.therapists.availability import (
    alternatives,
    directory_entries,
    free_slots,
    is_free,
    jurisdictions,
    next_free_slot,
    slots_by_local_day,
)
from twitchlog.therapists.forms import (
    BookForm,
    DirectoryFilterForm,
    RescheduleForm,
    TimeOfDayForm,
    WaitlistForm,
    parse_start,
)
from twitchlog.therapists.models import Appointment, TherapistProfile, WaitlistEntry
from twitchlog.therapists.results import latest_results_for
from twitchlog.therapists.slots import MOVE_SPAN, Slot, in_part_of_day, local_days, move_window

SLOT_WEEK = dt.timedelta(days=7)


def viewer_zone(request: HttpRequest) -> str:
    user = request.user
    return str(user.time_zone) if user.is_authenticated else "UTC"


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, places=jurisdictions())
    filters = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    entries = directory_entries(
        now,
        language=filters.get("language", ""),
        session_format=filters.get("format", ""),
        approach=filters.get("approach", ""),
        jurisdiction=filters.get("jurisdiction", ""),
        part_of_day=filters.get("time_of_day", ""),
        zone_name=viewer_zone(request),
    )
    if within := form.within_days():
        entries = [(p, s) for p, s in entries if s and s.start <= now + dt.timedelta(days=within)]
    ctx = {"form": form, "entries": entries, "zone_name": viewer_zone(request)}
    return render(request, "therapists/directory.html", ctx)


def _week_from(request: HttpRequest, zone_name: str) -> dt.date:
    """The local day the slot list begins on (``?from=YYYY-MM-DD``, else today)."""
    today = timezone.now().astimezone(zone(zone_name)).date()
    try:
        day = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        day = today
    return min(max(day, today), today + dt.timedelta(days=366))


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    therapist = access.get_profile_for_viewer(request.user, pk)
    zone_name = viewer_zone(request)
    first = _week_from(request, zone_name)
    last = first + SLOT_WEEK - dt.timedelta(days=1)
    start, end = local_days(first, last, zone(zone_name))
    when_form = TimeOfDayForm(request.GET)
    part = when_form.cleaned_data["when"] if when_form.is_valid() else ""
    week = free_slots(therapist, start, end)
    if part:
        week = in_part_of_day(week, part, zone(zone_name))
    ctx = {
        "therapist": therapist,
        "when_form": when_form,
        "part": part,
        "days": slots_by_local_day(week, zone_name),
        "next_slot": week[0]
        if week
        else next_free_slot(therapist, part_of_day=part, zone_name=zone_name),
        "week_start": first,
        "week_end": last,
        "earlier": first - SLOT_WEEK if first > timezone.localdate() else None,
        "later": last + dt.timedelta(days=1),
        "zone_name": zone_name,
        "is_own": request.user.is_authenticated and request.user.pk == therapist.user_id,
    }
    if request.user.is_authenticated and not ctx["is_own"] and therapist.is_listed:
        ctx["waitlist_form"] = WaitlistForm(therapist, prefix=None)
    return render(request, "therapists/profile.html", ctx)


def photo(request: HttpRequest, pk: int) -> HttpResponse:
    therapist = access.get_profile_for_viewer(request.user, pk)
    stored = getattr(therapist, "photo", None)
    if stored is None:
        return HttpResponse(status=404)
    response = HttpResponse(bytes(stored.image), content_type=stored.content_type)
    # Links carry ?v=<time of upload>, so a new photo gets a new address. A profile that is
    # not listed yet is seen only by its owner, so no shared cache may keep its photo.
    scope = "public" if therapist.is_listed else "private"
    response["Cache-Control"] = f"{scope}, max-age=604800"
    return response


def _taken(
    request: HttpRequest,
    template: str,
    ctx: dict[str, Any],
    therapist: TherapistProfile,
    error: services.AppointmentError,
    near: dt.datetime,
    moving: Appointment | None = None,
) -> HttpResponse:
    others = alternatives(therapist, near, exclude=moving)
    ctx |= {"error": str(error), "alternatives": slots_by_local_day(others, viewer_zone(request))}
    status = 409 if isinstance(error, services.SlotTaken | services.SlotNotOffered) else 400
    return render(request, template, ctx, status=status)


@login_required
def book(request: AuthedRequest, pk: int) -> HttpResponse:
    therapist = access.get_listed_profile(pk)
    data = request.POST if request.method == "POST" else None
    asked = intake.questions(therapist) if intake.is_first_session(request.user, therapist) else []
    form = BookForm(therapist, data, initial={"start": request.GET.get("start", "")}, intake=asked)
    start = parse_start(request.POST.get("start") or request.GET.get("start", ""))
    if start is None:
        return redirect("therapists:profile", pk=therapist.pk)
    end = start + dt.timedelta(minutes=therapist.session_minutes)
    ctx = {
        "therapist": therapist,
        "form": form,
        "start": start,
        "end": end,
        "inside_cancel_notice": access.inside_cancel_notice(therapist, start, timezone.now()),
    }
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["repeat"]:
            return _book_series(request, therapist, form, ctx)
        try:
            with transaction.atomic():
                appointment = services.book_slot(
                    request.user,
                    therapist,
                    form.cleaned_data["start"],
                    form.cleaned_data["session_format"],
                )
                _save_intake(request, form, appointment)
        except services.AppointmentError as error:
            return _taken(request, "therapists/book.html", ctx, therapist, error, start)
        messages.success(
            request, "Your appointment is booked. We have emailed you a calendar invite."
        )
        return redirect("therapists:appointment", pk=appointment.pk)
    if request.method == "GET" and not is_free(therapist, start):
        not_offered = services.SlotNotOffered()
        return _taken(request, "therapists/book.html", ctx, therapist, not_offered, start)
    return render(request, "therapists/book.html", ctx)


def _save_intake(request: AuthedRequest, form: BookForm, appointment: Appointment) -> None:
    """Keep the answers to the intake form with a first session, when there is a form."""
    if form.intake:
        intake.save(
            request.user,
            appointment,
            form.intake_answers(),
            attach_scores=form.cleaned_data.get("attach_scores", False),
            attach_diary=form.cleaned_data.get("attach_diary", False),
        )


def _book_series(
    request: AuthedRequest, therapist: TherapistProfile, form: BookForm, ctx: dict[str, Any]
) -> HttpResponse:
    data = form.cleaned_data
    try:
        with transaction.atomic():
            booked = series.book_series(
                request.user,
                therapist,
                data["start"],
                data["session_format"],
                data["repeat"],
                data["count"],
                skip=data["skip"],
            )
            _save_intake(request, form, booked[0])
    except series.SeriesConflict as conflict:
        ctx |= {
            "conflict": conflict,
            "conflicts": [
                (when, nearest)
                for when, nearest in zip(conflict.conflicts, conflict.alternatives, strict=True)
                if when not in conflict.beyond
            ],
            "skip": [c.isoformat() for c in [*data["skip"], *conflict.conflicts]],
            "rest": conflict.bookable,
        }
        return render(request, "therapists/book.html", ctx, status=409)
    except services.AppointmentError as error:
        return _taken(request, "therapists/book.html", ctx, therapist, error, data["start"])
    messages.success(
        request,
        f"Your {len(booked)} appointments are booked. We have emailed you one calendar invite "
        "with all of them.",
    )
    return redirect("therapists:appointment", pk=booked[0].pk)


def _split(appointments: list[Appointment], now: dt.datetime) -> dict[str, list[Appointment]]:
    return {
        "upcoming": [a for a in appointments if a.end > now and a.is_active],
        "past": [a for a in reversed(appointments) if a.end <= now or not a.is_active],
    }


@login_required
def appointments(request: AuthedRequest) -> HttpResponse:
    mine = list(
        Appointment.objects.filter(client=request.user).select_related(
            "therapist", "therapist__user"
        )
    )
    ctx: dict[str, Any] = {**_split(mine, timezone.now())}
    ctx["waiting"] = WaitlistEntry.objects.filter(
        client=request.user, ended_at__isnull=True
    ).select_related("therapist__user")  # is_listed reads the therapist's account
    return render(request, "therapists/appointments.html", ctx)


def _appointment_context(appointment: Appointment, role: str, now: dt.datetime) -> dict[str, Any]:
    therapist = appointment.therapist
    may_change = access.may_change(appointment, role, now)
    later = series.remaining(appointment, now)[1:] if appointment.series_id else []
    return {
        "appointment": appointment,
        "series_sessions": series.sessions_of(appointment),
        "later_sessions": later,
        "other": appointment.client.short_name if role == "therapist" else therapist.name,
        "intake": getattr(appointment, "intake", None),
        "therapist": therapist,
        "role": role,
        "may_change": may_change,
        "too_late": appointment.is_upcoming(now) and not may_change,
        # Sharing is offered before the session; one already given can be withdrawn until
        # its window ends.
        "started": appointment.start <= now,
        "attendance_choices": Appointment.Attendance.choices,
        "sharing_section": appointment.is_active
        and (appointment.is_upcoming(now) or appointment.shared_at is not None),
        "summary_visible": access.shared_summary_visible(appointment, now),
        "summary_until": appointment.shared_until
        or appointment.end + access.SHARED_SUMMARY_AFTER_END,
        "zone_name": therapist.time_zone if role == "therapist" else appointment.client.time_zone,
    }


@login_required
def appointment(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access.get_appointment_for_participant(request.user, pk)
    role = found.participant_role(request.user) or "client"
    ctx = _appointment_context(found, role, timezone.now())
    if role == "client":
        # Consent is only informed if the client sees exactly what the therapist would see.
        ctx["shared_results"] = latest_results_for(found.client)
        ctx["shared_experiments"] = experiments.records(found.client, finished_only=True)
    return render(request, "therapists/appointment.html", ctx)


@login_required
@require_POST
def cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access.get_appointment_for_participant(request.user, pk)
    try:
        if request.POST.get("following") == "1":
            cancelled = series.cancel_rest(request.user, found)
            done = f"{len(cancelled)} appointment{'' if len(cancelled) == 1 else 's'} cancelled"
        else:
            services.cancel_appointment(request.user, found)
            done = "The appointment is cancelled"
    except services.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{done}, and we have let both of you know.")
    return redirect("therapists:appointment", pk=found.pk)


@dataclass(frozen=True)
class MoveChoices:
    """Free times an appointment could move to, by local day, from ``first`` to ``last``;
    ``earlier`` and ``later`` are where the lists before and after begin (None at an end)."""

    first: dt.date
    last: dt.date
    days: list[tuple[dt.date, list[Slot]]]
    earlier: dt.date | None
    later: dt.date | None


def _day_asked(request: HttpRequest) -> dt.date | None:
    """The local date the person paged the move choices to (``?from=YYYY-MM-DD``), if any."""
    try:
        return dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return None


def move_choices(
    appointment: Appointment, zone_name: str, wanted: dt.date | None = None
) -> MoveChoices:
    """Free times around the appointment's own date (see ``slots.move_window``)."""
    now = timezone.now()
    tz = zone(zone_name)
    today = now.astimezone(tz).date()
    therapist = appointment.therapist
    last_bookable = (now + dt.timedelta(days=therapist.horizon_days)).astimezone(tz).date()
    current = appointment.start.astimezone(tz).date()
    first, last = move_window(today, current, last_bookable, wanted)
    start, end = local_days(first, last, tz)
    found = free_slots(therapist, start, end, now=now, exclude=appointment)
    return MoveChoices(
        first=first,
        last=last,
        days=slots_by_local_day([s for s in found if s.start != appointment.start], zone_name),
        earlier=max(today, first - MOVE_SPAN) if first > today else None,
        later=last + dt.timedelta(days=1) if last < last_bookable else None,
    )


@login_required
def reschedule(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access.get_appointment_for_participant(request.user, pk)
    form = RescheduleForm(request.POST if request.method == "POST" else None)
    role = found.participant_role(request.user)
    other = found.client.short_name if role == "therapist" else found.therapist.name
    wanted = _day_asked(request)
    following = bool(found.series_id) and request.GET.get("following") == "1"
    ctx = {
        "appointment": found,
        "form": form,
        "moves": move_choices(found, viewer_zone(request), wanted),
        "other_party": other,
        "following": following,
        "later_sessions": series.remaining(found, timezone.now())[1:] if following else [],
    }
    if request.method == "POST" and form.is_valid():
        try:
            if following:
                series.move_rest(request.user, found, form.cleaned_data["start"])
            else:
                services.reschedule_appointment(request.user, found, form.cleaned_data["start"])
        except series.SeriesConflict as conflict:
            ctx["error"] = str(conflict)
            ctx["conflicts"] = [
                (when, nearest)
                for when, nearest in zip(conflict.conflicts, conflict.alternatives, strict=True)
                if when not in conflict.beyond
            ]
            return render(request, "therapists/reschedule.html", ctx, status=409)
        except services.AppointmentError as error:
            ctx["error"] = str(error)
            ctx["moves"] = move_choices(found, viewer_zone(request), wanted)
            return render(request, "therapists/reschedule.html", ctx, status=409)
        moved = "The appointments have moved" if following else "The appointment has moved"
        messages.success(request, f"{moved}, and we have let both of you know.")
        return redirect("therapists:appointment", pk=found.pk)
    return render(request, "therapists/reschedule.html", ctx)


@login_required
@require_POST
def sharing(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access.get_appointment_for_client(request.user, pk)
    share = request.POST.get("share") == "1"
    try:
        services.set_sharing(request.user, found, share)
    except services.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{found.therapist.name} can now see your shared summary for this appointment."
            if share
            else f"{found.therapist.name} can no longer see your shared summary.",
        )
    return redirect("therapists:appointment", pk=found.pk)


def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the signed link in emails: see, move or cancel without logging in."""
    resolved = links.appointment_for_token(token)
    if resolved is None:
        return render(request, "therapists/manage_invalid.html", status=404)
    found, role, actor = resolved
    now = timezone.now()
    ctx = _appointment_context(found, role, now) | {"token": token, "error": ""}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                services.cancel_appointment(actor, found)
                ctx["done"] = "The appointment is cancelled, and we have let both of you know."
            else:
                start = parse_start(request.POST.get("start", ""))
                if start is None:
                    raise services.ChangeRefused("Please pick a new time from the list.")
                services.reschedule_appointment(actor, found, start)
                ctx["done"] = "The appointment has moved, and we have let both of you know."
        except services.AppointmentError as error:
            ctx["error"] = str(error)
        found.refresh_from_db()
        ctx |= _appointment_context(found, role, now)
    if ctx["may_change"]:
        ctx["moves"] = move_choices(found, ctx["zone_name"], _day_asked(request))
    status = 409 if ctx["error"] else 200
    return render(request, "therapists/manage.html", ctx, status=status)


@cache
def _either_role_sql() -> str:
    q = connection.ops.quote_name
    table, profiles = q(Appointment._meta.db_table), q(TherapistProfile._meta.db_table)
    status, end, start = q("status"), q("end"), q("start")
    therapist, client, pk, user = q("therapist_id"), q("client_id"), q("id"), q("user_id")
    # Only the tables' and columns' names go into the text; the values are parameters.
    return (
        f"SELECT {sql.columns(Appointment, 'a')} FROM {table} a"  # noqa: S608
        f" JOIN {profiles} t ON t.{pk} = a.{therapist}"
        f" WHERE a.{status} = %s AND a.{end} > %s AND (a.{client} = %s OR t.{user} = %s)"
        f" ORDER BY a.{start} LIMIT 1"
    )


def _next_in_either_role(user_id: int, now: dt.datetime) -> Appointment | None:
    """The person's next booked appointment as client or as therapist. On every home page,
    so the query is written out; it is ``Appointment.objects.filter(status=BOOKED,
    end__gt=now).filter(Q(client=user) | Q(therapist__user=user)).order_by("start").first()``,
    whose building in the ORM cost several times running it."""
    params = [Appointment.Status.BOOKED.value, connection.ops.adapt_datetimefield_value(now)]
    found = sql.instances(Appointment, _either_role_sql(), [*params, user_id, user_id])
    return found[0] if found else None


def next_appointment_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Home page panel: the person's next appointment, as client and as therapist."""
    if not request.user.is_authenticated:
        return None
    user = request.user
    now = timezone.now()
    # Most people have no appointment: one query finds the next in either role, and only a
    # person with one asks for the next in the other role. No select_related: the joins cost
    # more than the query; the appointment shown loads its therapist or client.
    first = _next_in_either_role(user.pk, now)
    if first is None:
        return None
    upcoming = Appointment.objects.filter(status=Appointment.Status.BOOKED, end__gt=now)
    upcoming = upcoming.order_by("start")
    as_client: Appointment | None
    as_therapist: Appointment | None
    if first.client_id == user.pk:
        as_client, as_therapist = first, upcoming.filter(therapist__user=user).first()
    else:
        as_client, as_therapist = upcoming.filter(client=user).first(), first
    return {
        "as_client": as_client,
        "as_therapist": as_therapist,
    }


def deletion_note(request: HttpRequest) -> dict[str, Any] | None:
    """On the delete-account page: the upcoming sessions deleting cancels, and who is told."""
    if not request.user.is_authenticated:
        return None
    groups = services.upcoming_by_other_party(request.user)
    if not groups:
        return None
    return {
        "groups": [
            {"name": name, "count": len(sessions), "next": sessions[0].start}
            for name, sessions in groups
        ],
        "total": sum(len(sessions) for _name, sessions in groups),
        "names": [name for name, _sessions in groups],
    }
