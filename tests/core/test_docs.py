"""The README documents every setting and command, so it cannot drift from the code."""

import re
from pathlib import Path

import twitchlog

ROOT = Path(twitchlog.__file__).parents[2]
README = (ROOT / "README.md").read_text()


def test_every_environment_variable_is_documented() -> None:
    settings_source = (ROOT / "src/twitchlog/settings.py").read_text()
    names = set(
        re.findall(
            r"""(?:getenv|envbool|envint|envlist|environ\[)\(?["']([A-Z_]+)["']""", settings_source
        )
    )
    assert "DATABASE_URL" in names and "SECRET_KEY" in names
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert missing == []


def test_every_twitchlog_command_is_documented() -> None:
    commands = {
        path.stem
        for path in (ROOT / "src/twitchlog").glob("*/management/commands/*.py")
        if not path.name.startswith("_")
    }
    assert "serve" in commands
    missing = sorted(c for c in commands if f"twitchlog {c}" not in README)
    assert missing == []


def test_the_first_screen_shows_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:40])
    assert "make run" in first_screen
    assert "make test" in first_screen
