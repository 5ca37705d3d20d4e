"""Account operations. Each one that changes data writes the audit log."""

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from twitchlog.accounts.models import ApiToken, PendingSignup, User
from twitchlog.core import audit, sql
from twitchlog.core.timezones import country_for_zone

TOKEN_PREFIX = "twl_"  # noqa: S105 (a visible prefix, not a secret)


SIGNUP_LINK_LIFETIME = timedelta(days=3)
SIGNUP_SUBJECT = "Finish making your account"
OWNER_SUBJECT = "Someone tried to sign up with your email address"


def _create_account(email: str, time_zone: str, consent_at: datetime, password_hash: str) -> User:
    # The zone's country picks the crisis lines shown with safety notices from the first day;
    # the person can change it on their profile.
    user = User.objects.create(
        email=User.objects.normalize_email(email).lower(),
        password=password_hash,
        time_zone=time_zone,
        country=country_for_zone(time_zone),
        health_data_consent_at=consent_at,
    )
    audit.log(user, "account.created", user)
    audit.log(user, "consent.health_data.given", user)
    return user


@transaction.atomic
def sign_up(email: str, password: str, time_zone: str) -> User:
    """Create an account at once, for someone who has consented to us storing their health
    data. Used where sign-up needs no emailed link (a local install; see request_sign_up)."""
    return _create_account(email, time_zone, timezone.now(), make_password(password))


def request_sign_up(email: str, password: str, time_zone: str, next_url: str = "") -> None:
    """Sign-up on a server: nothing the answer shows says whether ``email`` has an account.

    A new address gets a link that makes the account when it is followed; an address that
    already has an account gets a note telling its owner so, with links to log in or reset the
    password. Both paths hash the password and send one email, so they take about as long.
    """
    now = timezone.now()
    password_hash = make_password(password)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        exists = User.objects.filter(email__iexact=email).exists()
        if not exists:
            forget_old_sign_ups(now)
            PendingSignup.objects.create(
                email=email.lower(),
                password=password_hash,
                time_zone=time_zone,
                next_url=next_url,
                key_hash=hash_token(raw),
                consent_at=now,
            )
    if exists:
        context = {
            "login_url": settings.SITE_URL + reverse("accounts:login"),
            "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
        }
        subject, body = OWNER_SUBJECT, render_to_string("accounts/email/signup_owner.txt", context)
    else:
        link = settings.SITE_URL + reverse("accounts:signup_confirm", args=[raw])
        body = render_to_string(
            "accounts/email/signup_confirm.txt", {"link": link, "days": SIGNUP_LINK_LIFETIME.days}
        )
        subject = SIGNUP_SUBJECT
    mail.EmailMessage(subject, body, to=[email]).send()


def forget_old_sign_ups(now: datetime | None = None) -> int:
    """Delete the sign-ups whose link has run out (the privacy notice promises it); run by
    each new sign-up and by ``send_reminders``. Returns how many."""
    cutoff = (now or timezone.now()) - SIGNUP_LINK_LIFETIME
    deleted, _ = PendingSignup.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def pending_sign_up(raw: str) -> PendingSignup | None:
    """The sign-up waiting behind a link's key, if the link still works."""
    cutoff = timezone.now() - SIGNUP_LINK_LIFETIME
    return PendingSignup.objects.filter(key_hash=hash_token(raw), created_at__gte=cutoff).first()


def finish_sign_up(raw: str) -> tuple[User, str] | None:
    """Make the account a followed link stands for; returns it and where the person was going.

    None when the link no longer works: too old, already used, or the address got an account
    through another link in the meantime (every pending sign-up for it ends then).
    """
    with transaction.atomic():
        pending = pending_sign_up(raw)
        if pending is None:
            return None
        # Whatever happens next, this address's waiting sign-ups are used up.
        PendingSignup.objects.filter(email__iexact=pending.email).delete()
        if User.objects.filter(email__iexact=pending.email).exists():
            return None
        try:
            with transaction.atomic():
                user = _create_account(
                    pending.email, pending.time_zone, pending.consent_at, pending.password
                )
        except IntegrityError:  # two links for one address followed at the same moment
            return None
    return user, pending.next_url


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


# How often a token's last use is written down: a busy script does not turn every read into
# a write.
TOKEN_USE_EVERY = timedelta(seconds=60)


@cache
def _token_sql() -> str:
    # Only names from the models' own _meta go into the text; values go as parameters.
    user, token = User._meta, ApiToken._meta
    q = connection.ops.quote_name
    return (
        f"SELECT {sql.columns(User, 'u')}, t.{q('id')} AS token_id,"  # noqa: S608
        f" (t.{q('last_used_at')} IS NULL OR t.{q('last_used_at')} < %s) AS token_stale"
        f" FROM {q(user.db_table)} u JOIN {q(token.db_table)} t ON t.{q('user_id')} = u.{q('id')}"
        f" WHERE t.{q('key_hash')} = %s AND u.{q('is_active')}"
    )


def user_for_token(raw: str) -> User | None:
    """The active account this API token belongs to, or None.

    Every API request asks this, so the join is written out: building it through the ORM cost
    four times what running it does (bench/hot_paths.py). It reads the same as
    ``ApiToken.objects.select_related("user").filter(key_hash=..., user__is_active=True)``.
    """
    now = timezone.now()
    stale_before = connection.ops.adapt_datetimefield_value(now - TOKEN_USE_EVERY)
    found = sql.instances(User, _token_sql(), [stale_before, hash_token(raw)])
    if not found:
        return None
    user = found[0]
    if getattr(user, "token_stale"):  # noqa: B009 (the query's own columns)
        ApiToken.objects.filter(pk=getattr(user, "token_id")).update(last_used_at=now)  # noqa: B009
    return user
