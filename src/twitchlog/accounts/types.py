from django.http import HttpRequest

from twitchlog.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind ``login_required`` or API auth: ``user`` is a real account."""

    user: User
