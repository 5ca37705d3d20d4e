"""The diary's JSON API, one module per resource: episodes, check-ins, stress events, custom
factors, the daily table.

Creates are idempotent with a ``client_id`` (a UUID the client makes): sending the same
create twice stores one row, and the second answer is 200 with that row instead of 201.
Times without a zone are read in the person's zone (for a change, the entry's own zone);
times in answers are in UTC, with the local date and zone beside them.
"""

from ninja import Router

from twitchlog.api.diary import checkins, daily, episodes, factors, stress_events

router = Router(tags=["diary"])
for resource in (episodes, checkins, stress_events, factors, daily):
    router.add_router("", resource.router)
