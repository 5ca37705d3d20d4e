"""A therapist's own pages: the profile, availability, appointments and shared summaries."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from twitchlog.accounts.types import AuthedRequest
from twitchlog.core.forms import working_copy
from twitchlog.experiments import export as experiments
from twitchlog.therapists import access, intake, services
from twitchlog.therapists.availability import free_slots, slots_by_local_day
from twitchlog.therapists.forms import (
    BookingRulesForm,
    ExtraHoursForm,
    IntakeQuestionForm,
    ProfileForm,
    TimeOffForm,
    WeeklyHoursForm,
)
from twitchlog.therapists.models import (
    Appointment,
    ExtraHours,
    TherapistProfile,
    TimeOff,
    WeeklyHours,
)
from twitchlog.therapists.results import latest_results_for

PREVIEW_SLOTS = 30  # the availability page shows this many free times, and says so

AVAILABILITY_KINDS: dict[str, Any] = {
    "weekly": (WeeklyHours, WeeklyHoursForm),
    "extra": (ExtraHours, ExtraHoursForm),
    "off": (TimeOff, TimeOffForm),
}


def _save_photo(request: AuthedRequest, profile: TherapistProfile, form: ProfileForm) -> None:
    if jpeg := form.cleaned_data.get("photo"):
        services.set_photo(request.user, profile, jpeg)
    elif form.cleaned_data.get("remove_photo"):
        services.remove_photo(request.user, profile)


@login_required
def apply(request: AuthedRequest) -> HttpResponse:
    if access.own_profile(request.user) is not None:
        return redirect("therapists:edit_profile")
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        initial={"time_zone": request.user.time_zone, "name": request.user.display_name},
    )
    if request.method == "POST" and form.is_valid():
        profile = services.apply_as_therapist(request.user, form.save(commit=False))
        _save_photo(request, profile, form)
        messages.success(
            request,
            "Thank you. Your profile is saved; someone from our team will check it before it "
            "appears in the directory. Meanwhile, add the hours you are available.",
        )
        return redirect("therapists:availability")
    return render(request, "therapists/apply.html", {"form": form})


@login_required
def edit_profile(request: AuthedRequest) -> HttpResponse:
    profile = access.own_profile(request.user)
    if profile is None:
        return redirect("therapists:apply")
    # The directory notice shows ``profile`` as stored; the form writes into a copy.
    form = ProfileForm(request.POST or None, request.FILES or None, instance=working_copy(profile))
    if request.method == "POST" and form.is_valid():
        changed = [f for f in form.changed_data if f not in ("photo", "remove_photo")]
        if changed:
            profile = form.save(commit=False)
            if services.update_profile(request.user, profile, changed):
                messages.info(
                    request,
                    "You changed your name, qualifications or licence details, so your profile "
                    "is hidden from the directory until our team has checked it again. "
                    "Appointments already booked stand.",
                )
        _save_photo(request, profile, form)
        messages.success(request, "Your profile is saved.")
        return redirect("therapists:edit_profile")
    return render(request, "therapists/edit_profile.html", {"form": form, "therapist": profile})


def _overlaps(profile: Any, which: str, form: Any) -> bool:
    """Whether new hours overlap hours already set for that weekday or date (then the form
    says which, in plain words): the list would show both, and the slots are the same."""
    data = form.cleaned_data
    if which == "weekly":
        same = profile.weekly_hours.filter(weekday=data["weekday"])
    elif which == "extra":
        same = profile.extra_hours.filter(day=data["day"])
    else:
        return False
    clash = same.filter(start__lt=data["end"], end__gt=data["start"]).first()
    if clash is None:
        return False
    form.add_error(
        None,
        f"These hours overlap {clash.start:%H:%M} to {clash.end:%H:%M} that you already have "
        "on that day. Remove that one first if you want to change it.",
    )
    return True


@login_required
def availability(request: AuthedRequest) -> HttpResponse:
    profile = access.own_profile(request.user)
    if profile is None:
        return redirect("therapists:apply")
    which = request.POST.get("form", "") if request.method == "POST" else ""
    forms: dict[str, Any] = {
        kind: form_class(request.POST if which == kind else None, prefix=kind)
        for kind, (_, form_class) in AVAILABILITY_KINDS.items()
    }
    # The preview below follows the stored booking rules, so refused ones go into a copy.
    forms["rules"] = BookingRulesForm(
        request.POST if which == "rules" else None, instance=working_copy(profile), prefix="rules"
    )
    if which in forms and forms[which].is_valid() and not _overlaps(profile, which, forms[which]):
        form = forms[which]
        if which == "rules":
            if form.changed_data:
                services.update_profile(
                    request.user, form.save(commit=False), list(form.changed_data)
                )
        else:
            item = form.save(commit=False)
            item.profile = profile
            services.add_availability(request.user, item)
        messages.success(request, "Saved. The preview below shows what clients can book now.")
        return redirect("therapists:availability")
    now = timezone.now()
    preview = free_slots(profile, now, now + dt.timedelta(days=14))
    ctx = {
        "therapist": profile,
        "forms": forms,
        "weekly": profile.weekly_hours.all(),
        "extra": profile.extra_hours.filter(day__gte=timezone.localdate() - dt.timedelta(days=1)),
        "time_off": profile.time_off.filter(last_day__gte=timezone.localdate()),
        "preview": slots_by_local_day(preview[:PREVIEW_SLOTS], profile.time_zone),
        "preview_cut": len(preview) > PREVIEW_SLOTS,
        "preview_total": len(preview),
    }
    return render(request, "therapists/availability.html", ctx)


@login_required
@require_POST
def availability_delete(request: AuthedRequest, kind: str, item_id: int) -> HttpResponse:
    if kind not in AVAILABILITY_KINDS:
        raise Http404
    model = AVAILABILITY_KINDS[kind][0]
    item = access.get_availability_item_for_therapist(model.objects.all(), request.user, item_id)
    services.remove_availability(request.user, item)
    messages.success(request, "Removed.")
    return redirect("therapists:availability")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    profile = access.own_profile(request.user)
    if profile is None:
        return redirect("therapists:apply")
    now = timezone.now()
    booked = list(profile.appointments.select_related("client"))
    for appointment in booked:
        appointment.summary_visible = access.shared_summary_visible(appointment, now)  # type: ignore[attr-defined]
    ctx = {
        "therapist": profile,
        "upcoming": [a for a in booked if a.is_active and a.end > now],
        "past": [a for a in reversed(booked) if not a.is_active or a.end <= now][:100],
        "counts": services.attendance_counts(profile),
        "attendance_choices": Appointment.Attendance.choices,
    }
    return render(request, "therapists/dashboard.html", ctx)


@login_required
@require_POST
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for_therapist(request.user, pk)
    try:
        services.mark_attendance(request.user, appointment, request.POST.get("attendance", ""))
    except services.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Attendance saved.")
    if request.POST.get("next") == "appointment":
        return redirect("therapists:appointment", pk=appointment.pk)
    return redirect("therapists:dashboard")


@login_required
def shared_summary(request: AuthedRequest, pk: int) -> HttpResponse:
    appointment = access.get_shared_appointment_for_therapist(request.user, pk)
    ctx = {
        "appointment": appointment,
        "therapist": appointment.therapist,
        "results": latest_results_for(appointment.client),
        "experiments": experiments.records(appointment.client, finished_only=True),
        "visible_until": appointment.shared_until,
    }
    response = render(request, "therapists/shared_summary.html", ctx)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def intake_form(request: AuthedRequest) -> HttpResponse:
    """The therapist's intake questions: see, add, remove."""
    profile = access.own_profile(request.user)
    if profile is None:
        return redirect("therapists:apply")
    form = IntakeQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intake.add_question(
                request.user, profile, data["text"], data["kind"], data["options"], data["required"]
            )
        except services.AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Question added.")
            return redirect("therapists:intake")
    ctx = {
        "therapist": profile,
        "form": form,
        "questions": intake.questions(profile),
        "max_questions": intake.MAX_QUESTIONS,
    }
    return render(request, "therapists/intake.html", ctx)


@login_required
@require_POST
def intake_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    question = access.get_intake_question_for_therapist(request.user, pk)
    intake.remove_question(request.user, question)
    messages.success(request, "Question removed. Answers already given keep it.")
    return redirect("therapists:intake")
