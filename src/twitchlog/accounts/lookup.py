"""Finding an account from the command line, for every app's commands."""

from django.core.management.base import CommandError

from twitchlog.accounts.models import User


def user_by_email(email: str) -> User:
    """The account with this email (any case), or a CommandError that says there is none."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"There is no account with the email {email}.")
    return user
