from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from twitchlog.core.timezones import is_valid_zone


def validate_time_zone(value: str) -> None:
    if not is_valid_zone(value):
        raise ValidationError(
            "“%(value)s” is not a time zone we know. Pick one from the list, "
            "such as Europe/London or America/New_York.",
            params={"value": value},
            code="invalid_time_zone",
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person using Twitchlog. A therapist is a user with a therapist profile.

    The email address is the login. ``time_zone`` decides what a "day" is for the diary and
    how times are shown; ``country`` picks the crisis lines shown with safety notices.
    """

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField("name to show", max_length=80, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    country = models.CharField(
        max_length=2, blank=True, help_text="Two-letter country code, used for crisis lines."
    )
    health_data_consent_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]


class ApiToken(models.Model):
    """A personal access token for scripts and apps using the JSON API.

    Only a hash of the token is stored; the token itself is shown once, when it is made.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class PendingSignup(models.Model):
    """A sign-up waiting for its emailed link to be followed (on a server; see services).

    It holds what the form took — the password only as its hash — and a hash of the link's
    key. Until the link is followed there is no account, so a sign-up for an address that
    already has one looks the same from outside. Rows older than the link's lifetime are
    deleted as new ones are made.
    """

    email = models.EmailField(db_index=True)
    password = models.CharField(max_length=128)
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    next_url = models.CharField(max_length=200, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    consent_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"pending sign-up ({self.created_at:%Y-%m-%d})"
