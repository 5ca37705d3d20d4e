"""Does the demo account show exactly its planted drivers, whenever it is made?

``twitchlog demo`` builds 120 days ending today, so its diary depends on the date (which
weekday it starts on) and the hour (how much of today is logged). This seeds the demo diary
for a range of start dates and hours and reports, per seed, how often the insights engine
finds anything other than exactly the planted drivers. Run it after changing the engine or the
demo generator; core/demo.py's DEMO_SEED should stay at zero failures.

    TWITCHLOG_DATA_DIR=/tmp/demo-check python bench/demo_robustness.py --seeds 5 6 --dates 14
"""

import argparse
import datetime as dt
import os
from unittest import mock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twitchlog.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[5])
    parser.add_argument("--dates", type=int, default=7, help="consecutive start dates to try")
    parser.add_argument("--hours", type=float, nargs="+", default=[0.5, 12.0, 23.5])
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from twitchlog.accounts.models import User
    from twitchlog.core.timezones import zone
    from twitchlog.diary import demo
    from twitchlog.diary.daily import daily_frame
    from twitchlog.insights import analyze

    wanted = {(p.factor, p.lag_days) for p in demo.TRUTH if p.factor != "anxiety_episodes"}
    user, _ = User.objects.get_or_create(
        email="demo-check@example.org", defaults={"time_zone": "Europe/London"}
    )
    print(f"# planted: {sorted(wanted)} and the stress load; {args.dates} dates x {args.hours}")
    for seed in args.seeds:
        failures = 0
        for days_later in range(args.dates):
            for hour in args.hours:
                now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC) + dt.timedelta(
                    days=days_later, hours=hour
                )
                fixed = mock.Mock(side_effect=lambda name, at=now: at.astimezone(zone(name)))
                with mock.patch.object(demo, "local_now", fixed):
                    demo.seed_demo_diary(user, days=120, seed=seed)
                report = analyze(daily_frame(user), "twitch_count").to_dict()
                found = {
                    (f["factor"], f["lag_days"])
                    for f in report["findings"]
                    if f["verdict"] in ("raises", "lowers") and f["kind"] != "load"
                }
                if found != wanted or report["load"]["verdict"] != "raises":
                    failures += 1
                    print(
                        f"  seed {seed}, {now:%a %d %b %H:%M}: {sorted(found)}, "
                        f"load {report['load']['verdict']}"
                    )
        print(f"seed {seed}: {failures} of {args.dates * len(args.hours)} differ from the truth")


if __name__ == "__main__":
    main()
