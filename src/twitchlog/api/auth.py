from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from twitchlog.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer twl_...`` with a token made on the profile's API page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


# Scripts use a token; pages of our own (htmx) may call the API with the session cookie,
# which ninja protects with the CSRF check.
default_auth = [TokenAuth(), SessionAuth()]
