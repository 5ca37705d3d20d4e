"""Keep signed links out of the logs.

A request log line carries the URL. Four kinds of URL here work without logging in: the link
in appointment emails (``/therapists/manage/<token>/``), a waitlist offer
(``/therapists/waitlist/offer/<token>/``), the password reset link
(``/accounts/reset/<uid>/<token>/``) and the link that finishes a sign-up
(``/accounts/signup/confirm/<key>/``). Emails printed locally go through the same filter
(core/mail.py). Anyone reading a log could use them, so the token is
replaced before a line is written. Two query strings say something about a person's body: a
search of the guides (``?q=``), typed by them, can name a symptom or thoughts of suicide, and
the spot tapped on the body map (``/diary/log/?spot=left-calf``) says where they twitch; both
are hidden too. Every other URL holds ids, dates and fixed choices only.
"""

import logging
import re

_TOKENS = re.compile(
    r"(/therapists/manage/|/therapists/waitlist/offer/|/accounts/reset/[^/\s]+/"
    r"|/accounts/signup/confirm/)"
    r"(?!set-password/)[^/\s?\"]+"
)
_SEARCH = re.compile(r"([?&](?:q|spot)=)[^&\s\"]*")
HIDDEN = "[token hidden]"


def redact(text: str) -> str:
    return _SEARCH.sub(r"\1[hidden]", _TOKENS.sub(rf"\1{HIDDEN}", text))


class RedactSignedLinks(logging.Filter):
    """A handler filter: rewrites the message and its arguments, and always lets it through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True
