from tests.access import Probe


def _token(p):  # type: ignore[no-untyped-def]
    from twitchlog.accounts.services import create_token

    token, _ = create_token(p.alice, "script")
    return {"token_id": token.pk}


def _pending(p):  # type: ignore[no-untyped-def]
    from django.core import mail

    from twitchlog.accounts.services import request_sign_up

    request_sign_up("someone-new@example.org", "a long calm phrase", "UTC")
    return {"key": mail.outbox[-1].body.split("/signup/confirm/")[1].split("/")[0]}


PROBES = {
    "accounts:signup": Probe("public"),
    "accounts:signup_sent": Probe("public"),
    # A bearer link, like a reset link: whoever holds it may finish that one sign-up.
    "accounts:signup_confirm": Probe("public", _pending),
    "accounts:login": Probe("public"),
    "accounts:logout": Probe("public", method="post"),
    "accounts:password_reset": Probe("public"),
    "accounts:password_reset_done": Probe("public"),
    "accounts:password_reset_confirm": Probe(
        "public", lambda p: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "accounts:password_reset_complete": Probe("public"),
    "accounts:profile": Probe("login"),
    "accounts:password_change": Probe("login"),
    "accounts:tokens": Probe("login"),
    "accounts:delete": Probe("login"),
    "accounts:revoke_token": Probe("owned", _token, method="post", owner_status=302),
    "GET /api/me": Probe("login"),
    "api:openapi-json": Probe("public"),
    "api:openapi-view": Probe("public"),
}
