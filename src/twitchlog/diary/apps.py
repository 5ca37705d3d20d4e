from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "twitchlog.diary"
    label = "diary"

    def ready(self) -> None:
        from django.core import checks

        from twitchlog.core.registry import add_home_panel, add_nav_link
        from twitchlog.diary import panels, versions
        from twitchlog.diary.checks import check_factor_columns

        checks.register(check_factor_columns, checks.Tags.models)
        versions.connect()

        add_nav_link("Diary", "diary:today", 10, "/diary/")
        add_home_panel("diary-red-flags", "diary/panels/red_flags.html", 0, panels.red_flags)
        add_home_panel("diary-start", "diary/panels/start.html", 5, panels.start)
        add_home_panel("diary", "diary/panels/quick_log.html", 10, panels.quick_log)
