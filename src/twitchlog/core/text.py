"""Single-line text: names, cities, factor names. Pure: no Django.

A line break or another control character in a name can forge lines in an email that shows
it ("Hello Sam\\nYour appointment is cancelled, call ...") or confuse a log, and bidi
overrides can make a name read differently from what it is. So single-line fields refuse
them, and emails pass every name through ``one_line`` as well, for names stored before.
"""

import re

# C0 and C1 controls (tab and line breaks included), DEL, line and paragraph separators, and
# the invisible direction marks and overrides.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")

SINGLE_LINE_MESSAGE = (
    "Please keep this to one line of ordinary text: line breaks, tabs and invisible "
    "control characters cannot be used here."
)


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def one_line(text: str) -> str:
    """``text`` with every control character a space and runs of spaces made one."""
    return " ".join(_CONTROL.sub(" ", text).split())
