"""When a check-in reminder is due. Pure: no Django.

The person picks a wall-clock time ("20:00") and the reminder goes out on the first run of
``send_reminders`` at which their own clock, in the zone they are in now, shows that time or
later on a local day without one yet. Reading the wall clock (not adding hours to midnight)
keeps it right across clock changes: when 02:30 does not exist (clocks go forward) it goes at
03:00; when 01:30 happens twice (clocks go back) the second time finds the day already
reminded. A move to another zone simply means another local day and clock.
"""

import datetime as dt
from zoneinfo import ZoneInfo

# After this long past the chosen time (cron stopped, the machine was off), skip the day
# rather than remind late in the evening or at night.
LATE = dt.timedelta(hours=3)


def due_day(
    now: dt.datetime, zone_name: str, at: dt.time, paused_until: dt.date | None = None
) -> dt.date | None:
    """The local day a reminder is due for at ``now`` (aware), or None."""
    local = now.astimezone(ZoneInfo(zone_name))
    day = local.date()
    if paused_until is not None and day < paused_until:
        return None
    wall = dt.datetime.combine(day, local.time().replace(tzinfo=None))
    chosen = dt.datetime.combine(day, at)
    if not chosen <= wall < chosen + LATE:
        return None
    return day
