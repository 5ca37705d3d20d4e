"""Emails printed to the console (local use, no SMTP) hide signed links; the whole email is
saved to a file only the owner can read.

Before: the console backend printed each email whole, so a password reset link or an
appointment's manage link sat in the server's log for anyone reading it.
"""

import re
from pathlib import Path
from typing import Any

from django.core.mail import EmailMessage
from django.urls import reverse

from twitchlog.core.logs import HIDDEN


def test_a_reset_email_on_the_console_hides_its_token(
    client: Any, alice: Any, settings: Any, tmp_path: Path, capsys: Any
) -> None:
    settings.EMAIL_BACKEND = "twitchlog.core.mail.EmailBackend"
    settings.DATA_DIR = tmp_path
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    printed = capsys.readouterr().out
    assert "/accounts/reset/" in printed and HIDDEN in printed
    [saved] = (tmp_path / "emails").iterdir()
    assert saved.stat().st_mode & 0o077 == 0
    link = re.search(r"http\S*/accounts/reset/\S+/", saved.read_text())
    assert link is not None
    token = link.group(0).rstrip("/").rsplit("/", 1)[1]
    assert token not in printed
    # The saved link is the working one.
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 302


def test_an_invite_is_listed_by_name_only(settings: Any, tmp_path: Path, capsys: Any) -> None:
    settings.EMAIL_BACKEND = "twitchlog.core.mail.EmailBackend"
    settings.DATA_DIR = tmp_path
    url = "http://127.0.0.1:8000/therapists/manage/eyJhIjoxfQ:1tX:abcdef/"
    email = EmailMessage("You have an appointment", f"See it: {url}", to=["a@example.org"])
    email.attach("invite.ics", f"URL:{url}\r\n", "text/calendar")
    email.send()
    printed = capsys.readouterr().out
    assert "eyJhIjoxfQ" not in printed and "[attachments: invite.ics]" in printed
