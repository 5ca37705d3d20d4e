"""Account operations. Each one that changes data writes the audit log."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from twitchlog.accounts.models import ApiToken, User
from twitchlog.core import audit
from twitchlog.core.timezones import country_for_zone

TOKEN_PREFIX = "twl_"  # noqa: S105 (a visible prefix, not a secret)


@transaction.atomic
def sign_up(email: str, password: str, time_zone: str) -> User:
    """Create an account for someone who has consented to us storing their health data."""
    # The zone's country picks the crisis lines shown with safety notices from the first day;
    # the person can change it on their profile.
    user = User.objects.create_user(
        email,
        password,
        time_zone=time_zone,
        country=country_for_zone(time_zone),
        health_data_consent_at=timezone.now(),
    )
    audit.log(user, "account.created", user)
    audit.log(user, "consent.health_data.given", user)
    return user


@transaction.atomic
def update_profile(user: User, changed: list[str]) -> None:
    user.save(update_fields=changed)
    audit.log(user, "account.profile_updated", user, fields=sorted(changed))


@transaction.atomic
def password_set(user: User, reset: bool, end_tokens: bool = True) -> int:
    """Record a new password: changed knowing the old one, or reset through an emailed link.

    A reset ends every API token, since whoever knew the old password may have made one; a
    change ends them when the person chooses to (the default). Sessions made before either
    end on their own: Django ties each one to the password it was made with. Returns how many
    tokens ended.
    """
    audit.log(user, "account.password_reset" if reset else "account.password_changed", user)
    if not (reset or end_tokens):
        return 0
    ended, _ = ApiToken.objects.filter(user=user).delete()
    if ended:
        audit.log(user, "api_token.ended_all", user, count=ended)
    return ended


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person and everything of theirs (their rows cascade). The audit trail stays."""
    audit.log(user, "account.deleted", user)
    user.delete()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make a new API token; the raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[: len(TOKEN_PREFIX) + 6], key_hash=hash_token(raw)
    )
    audit.log(user, "api_token.created", token)
    return token, raw


@transaction.atomic
def revoke_token(user: User, token: ApiToken) -> None:
    audit.log(user, "api_token.revoked", token)
    token.delete()


def user_for_token(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # Write at most once a minute, so a busy script does not turn every read into a write.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
