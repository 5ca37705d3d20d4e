"""Local email: printed to the console with its signed links hidden, saved whole to a file.

Without SMTP settings, emails go to the console, which is also the server's log. A reset or
appointment link in a log could be used by anyone who reads it, so the console shows each
email with every signed link replaced (core/logs.py) and attachments by name only, and the
whole email is saved under ``$TWITCHLOG_DATA_DIR/emails/``, readable by the owner only, for
the person running the app on their own machine.
"""

import copy
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.utils import timezone

from twitchlog.core.logs import redact


def _saved(message: EmailMessage) -> Path:
    folder = Path(settings.DATA_DIR) / "emails"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{stamp}.eml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(message.message().as_bytes())
    return path


def _for_the_console(message: EmailMessage) -> EmailMessage:
    shown = copy.copy(message)
    shown.body = redact(str(message.body))
    alternatives: list[Any] = getattr(message, "alternatives", [])
    if alternatives:
        shown.alternatives = [(redact(str(content)), kind) for content, kind in alternatives]  # type: ignore[attr-defined]
    names = [a[0] if isinstance(a, tuple) else a.get_filename() for a in message.attachments]
    shown.attachments = []
    if names:
        shown.body += "\n\n[attachments: " + ", ".join(str(n) for n in names) + "]"
    return shown


class EmailBackend(ConsoleBackend):
    def write_message(self, message: EmailMessage) -> None:
        path = _saved(message)
        super().write_message(_for_the_console(message))
        self.stream.write(f"(Links are hidden here; the whole email is in {path})\n")
