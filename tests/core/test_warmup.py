import subprocess
import sys


def test_warm_up_loads_what_the_apps_named_and_the_core_names_none() -> None:
    code = (
        "import django, os, sys;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'twitchlog.settings');"
        "django.setup(); before = 'twitchlog.insights.engine' in sys.modules;"
        "from twitchlog.core.warmup import warm_up; warm_up();"
        "import gc; print(before, 'twitchlog.insights.engine' in sys.modules,"
        " gc.get_freeze_count() > 10000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # ... and what is loaded is out of the garbage collector's way.
    assert out.stdout.split() == ["False", "True", "True"]
