"""What the diary's commands share: finding the person by email."""

from django.core.management.base import CommandError

from twitchlog.accounts.models import User


def user_by_email(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"There is no account with the email {email}.")
    return user
