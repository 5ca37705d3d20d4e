"""Therapists, their availability, and appointments.

A therapist is an ordinary user with a ``TherapistProfile``. The profile is listed in the
directory once a staff member has approved it and it meets the recommendation: a master's-level
or higher qualification and lived experience of an anxiety disorder.

Times of day in availability are the therapist's local wall-clock times; appointments are
stored as UTC instants.

Why one module of some 480 lines: the models hold one another (profile, hours, appointment,
series, waitlist offer, intake) through constraints that only read right together, above all
the exclusion constraint that makes double-booking impossible.
"""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from twitchlog.accounts.models import validate_time_zone
from twitchlog.therapists.choices import LISTABLE_QUALIFICATIONS, Qualification, SessionFormat
from twitchlog.therapists.constraints import PostgresExclusionConstraint


class TherapistProfileQuerySet(models.QuerySet["TherapistProfile"]):
    def listed(self) -> "TherapistProfileQuerySet":
        """Profiles the directory shows: approved, and meeting the recommendation."""
        return self.filter(
            approved_at__isnull=False,
            qualification__in=LISTABLE_QUALIFICATIONS,
            lived_experience=True,
            user__is_active=True,
        ).exclude(Q(licence_number="") | Q(licence_body="") | Q(jurisdiction=""))


class TherapistProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist_profile"
    )
    name = models.CharField(
        "name clients see", max_length=100, help_text="For example Dr Maya Okafor."
    )
    credentials = models.CharField(
        max_length=200,
        help_text="Degrees and registrations, e.g. MSc Clinical Psychology, HCPC registered.",
    )
    qualification = models.CharField(
        "highest qualification", max_length=16, choices=Qualification.choices
    )
    lived_experience = models.BooleanField(
        "I have lived experience of an anxiety disorder",
        default=False,
        help_text="We recommend therapists who have been through it themselves.",
    )
    # The registration staff check before listing; shown on the profile.
    licence_number = models.CharField(
        "licence or registration number",
        max_length=60,
        blank=True,
        help_text="As it appears on your registering body's public register.",
    )
    licence_body = models.CharField(
        "registering or licensing body",
        max_length=120,
        blank=True,
        help_text="For example HCPC, BACP, or the California Board of Behavioral Sciences.",
    )
    jurisdiction = models.CharField(
        "where the licence holds",
        max_length=80,
        blank=True,
        help_text="Country, and state or province where it matters, e.g. Ontario, Canada.",
    )
    approaches = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    formats = models.JSONField("session formats", default=list, blank=True)
    city = models.CharField(max_length=80, blank=True, help_text="Where you see people in person.")
    session_minutes = models.PositiveSmallIntegerField(
        "session length (minutes)",
        default=50,
        validators=[MinValueValidator(20), MaxValueValidator(180)],
    )
    fee = models.DecimalField(
        "fee per session", max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, default="GBP")
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    bio = models.TextField(
        "about you",
        max_length=1500,
        help_text="A few calm sentences on how you work. Clients read this first.",
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        "break after each session (minutes)",
        default=10,
        validators=[MaxValueValidator(120)],
    )
    notice_hours = models.PositiveSmallIntegerField(
        "minimum notice for a booking (hours)",
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )
    horizon_days = models.PositiveSmallIntegerField(
        "how far ahead people can book (days)",
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    cancel_notice_hours = models.PositiveSmallIntegerField(
        "minimum notice for a client to cancel or move (hours)",
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )
    photo_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    applied_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = TherapistProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_listed(self) -> bool:
        return (
            self.approved_at is not None
            and self.qualification in LISTABLE_QUALIFICATIONS
            and self.lived_experience
            and self.user.is_active
            and bool(self.licence_number and self.licence_body and self.jurisdiction)
        )


class TherapistPhoto(models.Model):
    """The profile photo, re-encoded as a small JPEG and kept in the database.

    In the database rather than on disk so that every app process on every machine can serve
    it; re-encoding also drops whatever metadata (such as a location) the original carried.
    """

    profile = models.OneToOneField(
        TherapistProfile, on_delete=models.CASCADE, primary_key=True, related_name="photo"
    )
    image = models.BinaryField()
    content_type = models.CharField(max_length=32, default="image/jpeg")

    def __str__(self) -> str:
        return f"photo of {self.profile}"


class WeeklyHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    profile = models.ForeignKey(
        TherapistProfile, on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField("from")
    end = models.TimeField("until")

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name_plural = "weekly hours"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="weekly_end_after")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class ExtraHours(models.Model):
    profile = models.ForeignKey(
        TherapistProfile, on_delete=models.CASCADE, related_name="extra_hours"
    )
    day = models.DateField("date")
    start = models.TimeField("from")
    end = models.TimeField("until")

    class Meta:
        ordering = ["day", "start"]
        verbose_name_plural = "extra hours"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="extra_end_after")
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.start:%H:%M}–{self.end:%H:%M}"


class TimeOff(models.Model):
    profile = models.ForeignKey(TherapistProfile, on_delete=models.CASCADE, related_name="time_off")
    first_day = models.DateField("first day off")
    last_day = models.DateField("last day off")

    class Meta:
        ordering = ["first_day"]
        verbose_name_plural = "time off"
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="time_off_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_day:%Y-%m-%d} to {self.last_day:%Y-%m-%d}"


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class AppointmentSeries(models.Model):
    """Sessions booked together, weekly or fortnightly at one local time of the therapist.

    Each session is an ordinary ``Appointment`` (so the exclusion constraint guards every one
    of them); the series only ties them together so that the rest can be cancelled or moved
    at once.
    """

    therapist = models.ForeignKey(TherapistProfile, on_delete=models.CASCADE, related_name="series")
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_series"
    )
    every_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "appointment series"

    def __str__(self) -> str:
        return f"series {self.pk}"


class Appointment(models.Model):
    """One booked session between a client and a therapist.

    ``blocked_until`` is the session's end plus the therapist's break after it, fixed when the
    time is booked. On PostgreSQL an exclusion constraint forbids two active appointments of
    one therapist whose [start, blocked_until) ranges overlap, so the database itself refuses a
    double booking however many app processes race for the same time.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"

    class Attendance(models.TextChoices):
        ATTENDED = "attended", "Attended"
        LATE_CANCELLED = "late_cancelled", "Cancelled late"
        MISSED = "missed", "Missed"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    therapist = models.ForeignKey(
        TherapistProfile, on_delete=models.CASCADE, related_name="appointments"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_appointments"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    blocked_until = models.DateTimeField()
    session_format = models.CharField(max_length=16, choices=SessionFormat.choices)
    series = models.ForeignKey(
        AppointmentSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    # Calendar invites are updated in place: each change sends the same UID with a higher
    # SEQUENCE.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the reminder went out, or at booking when the appointment was already too
    # close for one; `send_reminders` claims a row by setting it where it is still empty.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The client's consent to show their shared summary to the therapist for this appointment,
    # and the end of its window, fixed when they shared (moving the appointment ends the share).
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_until = models.DateTimeField(null=True, blank=True)
    # Marked by the therapist once the session has started.
    attendance = models.CharField(max_length=16, choices=Attendance.choices, blank=True)

    class Meta:
        ordering = ["start"]
        indexes = [
            models.Index(fields=["therapist", "start"]),
            models.Index(fields=["client", "start"]),
            models.Index(fields=["status", "reminded_at", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start"), blocked_until__gte=models.F("end")),
                name="appointment_times_ordered",
            ),
            PostgresExclusionConstraint(
                name="appointment_no_overlap",
                expressions=[
                    ("therapist", RangeOperators.EQUAL),
                    (TsTzRange("start", "blocked_until", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=Q(status="booked"),
                violation_error_message="That time was just taken.",
            ),
        ]

    def __str__(self) -> str:
        return f"appointment {self.pk} at {self.start:%Y-%m-%d %H:%M} UTC"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.BOOKED

    def is_upcoming(self, now: dt.datetime) -> bool:
        return self.is_active and self.start > now

    def participant_role(self, user: Any) -> str | None:
        if user.pk == self.client_id:
            return "client"
        if user.pk == self.therapist.user_id:
            return "therapist"
        return None


class WaitlistEntry(models.Model):
    """A client asking to be offered an earlier time that frees up.

    With a therapist: times of that therapist. Without one: times of any listed therapist who
    offers ``session_format`` (and speaks ``language``, when given), and, in person, who sees
    people in ``city``: the city of the therapist the client joined from, the only place we
    know they can get to (a client has no address here).
    """

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_waitlist"
    )
    therapist = models.ForeignKey(
        TherapistProfile,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="waitlist",
    )
    session_format = models.CharField(max_length=16, choices=SessionFormat.choices)
    language = models.CharField(max_length=8, blank=True)
    # In person: where the client can get to (see above); blank offers no other therapist's
    # in-person times.
    city = models.CharField(max_length=80, blank=True)
    # Only times starting before this are offered (e.g. the client's current booking).
    before = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the client took an offered time, or left the waitlist.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "waitlist entries"

    def __str__(self) -> str:
        return f"waitlist entry {self.pk}"


class FreedSlot(models.Model):
    """A booked time that became free (cancelled or moved away), to offer to the waitlist."""

    therapist = models.ForeignKey(
        TherapistProfile, on_delete=models.CASCADE, related_name="freed_slots"
    )
    start = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once taken, booked by someone else, too close, or no one on the waitlist wants it.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["closed_at", "created_at"])]

    def __str__(self) -> str:
        return f"freed slot {self.pk}"


class WaitlistOffer(models.Model):
    """One freed time offered to one waitlist entry, held for it until ``expires_at``."""

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        TAKEN = "taken", "Taken"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        LOST = "lost", "No longer free"

    freed = models.ForeignKey(FreedSlot, on_delete=models.CASCADE, related_name="offers")
    entry = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="offers")
    therapist = models.ForeignKey(
        TherapistProfile, on_delete=models.CASCADE, related_name="waitlist_offers"
    )
    start = models.DateTimeField()
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OFFERED)
    created_at = models.DateTimeField(auto_now_add=True)
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # A freed time is offered to one person at a time.
            models.UniqueConstraint(
                fields=["freed"], condition=Q(status="offered"), name="one_open_offer_per_slot"
            ),
            models.UniqueConstraint(fields=["freed", "entry"], name="one_offer_per_entry"),
        ]
        indexes = [models.Index(fields=["therapist", "status", "start"])]

    def __str__(self) -> str:
        return f"waitlist offer {self.pk}"


class IntakeQuestion(models.Model):
    """One question of a therapist's intake form, answered by a client booking a first session."""

    class Kind(models.TextChoices):
        TEXT = "text", "Free text"
        CHOICE = "choice", "One of several answers"
        YES_NO = "yes_no", "Yes or no"

    profile = models.ForeignKey(
        TherapistProfile, on_delete=models.CASCADE, related_name="intake_questions"
    )
    text = models.CharField("question", max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TEXT)
    # For "choice": the answers to choose from.
    options = models.JSONField(default=list, blank=True)
    required = models.BooleanField("the client must answer", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"intake question {self.pk}"


class Intake(models.Model):
    """A client's answers to the intake form, kept with the first appointment they booked.

    The questions are copied with the answers, so a later edit of the form does not change
    what the client answered. ``scores`` and ``diary`` are filled only when the client chose
    to attach them, as they stood at booking. Only the two people of the appointment see it.
    """

    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, primary_key=True, related_name="intake"
    )
    answers = models.JSONField(default=list)  # [{"question": ..., "answer": ...}]
    scores = models.JSONField(null=True, blank=True)
    diary = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"intake for appointment {self.appointment_id}"
