"""The diary: twitch episodes, one check-in per local day, stress events, custom factors.

Instants are stored in UTC. Each timed entry also stores the local date it belongs to and the
zone that date was worked out in, both fixed when it is logged: a person who moves to another
zone keeps every past day exactly where it was.

Every factor value is nullable. NULL means "not logged", which is different from 0 ("none").
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from twitchlog.diary.presets import STRESS_KINDS
from twitchlog.diary.spots import spot_label
from twitchlog.knowledge.vocabulary import (
    CONTEXTS,
    DURATIONS,
    REGIONS,
    RHYTHMS,
    SENSATIONS,
    SIDES,
    TIMINGS,
    choices,
)

ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]
NOT_NEGATIVE = [MinValueValidator(0)]


def _client_id_unique(model: str) -> models.UniqueConstraint:
    # NULLs never clash, so entries made without a client id are unaffected.
    return models.UniqueConstraint(fields=["user", "client_id"], name=f"diary_{model}_client_id")


class TimedEntry(models.Model):
    """What an entry logged at a moment has: the instant, its local date and zone, notes."""

    client_id = models.UUIDField(null=True, blank=True)
    occurred_at = models.DateTimeField()
    local_date = models.DateField()
    time_zone = models.CharField(max_length=64)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-occurred_at", "-id"]


class Episode(TimedEntry):
    """One twitch episode: where, what it felt like, and the optional details."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="episodes"
    )
    region = models.CharField(max_length=20, choices=[(r.slug, r.label) for r in REGIONS])
    side = models.CharField(max_length=6, choices=choices(SIDES))
    sensation = models.CharField(max_length=12, choices=choices(SENSATIONS))
    strength = models.PositiveSmallIntegerField(null=True, blank=True, validators=ZERO_TO_TEN)
    duration = models.CharField(
        max_length=12, blank=True, choices=[(term.slug, term.label) for term, _ in DURATIONS]
    )
    rhythm = models.CharField(max_length=12, blank=True, choices=choices(RHYTHMS))
    context = models.CharField(max_length=16, blank=True, choices=choices(CONTEXTS))
    timing = models.CharField(max_length=12, blank=True, choices=choices(TIMINGS))

    class Meta(TimedEntry.Meta):
        constraints = [_client_id_unique("episode")]
        indexes = [models.Index(fields=["user", "local_date"])]

    def __str__(self) -> str:
        return f"Episode {self.pk} on {self.local_date}"

    @property
    def spot_label(self) -> str:
        return spot_label(self.region, self.side)


class CheckIn(models.Model):
    """The evening check-in: one per person per local date, every value optional."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    client_id = models.UUIDField(null=True, blank=True)
    local_date = models.DateField()
    # Sleep that ended on the morning of this date.
    sleep_hours = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(24)]
    )
    sleep_quality = models.PositiveSmallIntegerField(null=True, blank=True, validators=ZERO_TO_TEN)
    caffeine_mg = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    # How many of each preset drink (presets.DRINKS) made up caffeine_mg, to refill the form.
    caffeine_drinks = models.JSONField(default=dict, blank=True)
    alcohol_units = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    nicotine = models.BooleanField(null=True, blank=True)
    recreational_drugs = models.BooleanField(null=True, blank=True)
    water_l = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    missed_meals = models.PositiveSmallIntegerField(null=True, blank=True)
    exercise_min = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    stress_level = models.PositiveSmallIntegerField(null=True, blank=True, validators=ZERO_TO_TEN)
    anxiety_episodes = models.PositiveSmallIntegerField(null=True, blank=True)
    overbreathing = models.PositiveSmallIntegerField(null=True, blank=True)
    magnesium_mg = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    calcium_mg = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    vitamin_d_iu = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    medication_change = models.BooleanField(null=True, blank=True)
    # Which of presets.MEDICATION_EVENTS happened; any of them makes medication_change true.
    medication_events = models.JSONField(default=list, blank=True)
    menstruating = models.BooleanField(null=True, blank=True)
    # Beats a minute at rest, as a watch estimates it; usually imported (DeviceValue).
    resting_hr = models.FloatField(null=True, blank=True, validators=NOT_NEGATIVE)
    # The day's overall twitching, 0-10: the CSV's twitch_severity.
    twitch_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=ZERO_TO_TEN)
    # A twitch_count that came from an imported file rather than from logged episodes.
    imported_twitch_count = models.PositiveIntegerField(null=True, blank=True)
    # False only for a day imported with an empty twitch_count: its count is "not logged"
    # rather than zero until an episode is logged for it.
    counts_episodes = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-local_date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="diary_one_checkin_a_day"),
            _client_id_unique("checkin"),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.pk} for {self.local_date}"


class StressEvent(TimedEntry):
    """A moment of acute stress (a panic attack, a fright, bad news) with its time and strength.

    These feed the insights engine's stress-load model, which needs their timing.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stress_events"
    )
    kind = models.CharField(max_length=16, choices=choices(STRESS_KINDS))
    strength = models.PositiveSmallIntegerField(validators=ZERO_TO_TEN)

    class Meta(TimedEntry.Meta):
        constraints = [_client_id_unique("stressevent")]
        indexes = [models.Index(fields=["user", "local_date"])]

    def __str__(self) -> str:
        return f"Stress event {self.pk} on {self.local_date}"


class CustomFactor(models.Model):
    """A factor a person tracks beyond the standard ones; ``column`` is its CSV column."""

    NUMERIC = "numeric"
    BINARY = "binary"
    KINDS = [(NUMERIC, "A number"), (BINARY, "Yes or no")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="custom_factors"
    )
    client_id = models.UUIDField(null=True, blank=True)
    name = models.CharField(max_length=60)
    column = models.SlugField(max_length=60)
    kind = models.CharField(max_length=8, choices=KINDS, default=NUMERIC)
    unit = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "column"], name="diary_factor_column"),
            _client_id_unique("customfactor"),
        ]

    def __str__(self) -> str:
        return f"Custom factor {self.pk}"


class CustomValue(models.Model):
    """One day's value of a custom factor. No row means "not logged"."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="custom_values")
    factor = models.ForeignKey(CustomFactor, on_delete=models.CASCADE, related_name="values")
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "factor"], name="diary_one_value_a_day")
        ]

    def __str__(self) -> str:
        return f"Value {self.pk}"


class RedFlagNote(models.Model):
    """A warning sign the person ticked while logging, shown until they dismiss it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="red_flag_notes"
    )
    key = models.CharField(max_length=32)  # knowledge.red_flags.RED_FLAGS key
    noted_on = models.DateField()
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return f"Red flag note {self.pk}"


class DiaryPreferences(models.Model):
    """How a person wants their diary to look. Kept here, not on the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_preferences"
    )
    show_menstruation = models.BooleanField(
        "Ask about periods and hormonal changes",
        default=True,
        help_text="Turn this off if the question does not apply to you. Past answers are kept.",
    )
    # Once set, the diary stops offering the warning-sign list while logging; the person can
    # still report something new from the settings or the "see a doctor" page.
    seen_doctor_on = models.DateField("Saw a doctor about the twitching on", null=True, blank=True)
    # One rating a day on the home page instead of logging each twitch.
    log_less = models.BooleanField("Log less", default=False)

    def __str__(self) -> str:
        return f"Diary preferences {self.pk}"


class DeviceValue(models.Model):
    """One day's value of a standard factor brought in from a phone or watch export.

    Kept apart from the check-in so that what the person typed always wins (the daily table
    uses this only where the check-in has no value) and importing a file again changes nothing.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_values"
    )
    local_date = models.DateField()
    column = models.CharField(max_length=32)  # "sleep_hours", "exercise_min" or "resting_hr"
    value = models.FloatField()
    source = models.CharField(max_length=300)  # "Apple Health: Apple Watch, iPhone"
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["local_date", "column"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "local_date", "column"], name="diary_one_device_value"
            )
        ]

    def __str__(self) -> str:
        return f"Device value {self.pk}"


class DeviceImport(models.Model):
    """A phone or watch export uploaded through the web or the API, read off the request.

    The file waits in the data folder until the import has run, then is deleted; the summary
    (counts only, no values) stays so the page and the API can show what changed.
    """

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATUSES = [(QUEUED, "Waiting"), (RUNNING, "Reading"), (DONE, "Done"), (FAILED, "Failed")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_imports"
    )
    token = models.UUIDField(unique=True)  # names the waiting file; never shown in a URL
    kind = models.CharField(max_length=16)  # devices.files.KINDS
    status = models.CharField(max_length=8, choices=STATUSES, default=QUEUED)
    progress = models.FloatField(default=0)  # share of the file read, 0-1
    summary = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Device import {self.pk}"


class DiaryVersion(models.Model):
    """A per-person counter that goes up with every diary write (see diary/versions.py).

    Whatever is computed from the diary (the driver analysis) stores the version it was
    computed at, and is current while the version has not moved.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="diary_version",
    )
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Diary version of user {self.pk}"
