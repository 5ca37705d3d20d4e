import subprocess
import sys


def test_warm_up_loads_what_the_apps_named_and_the_core_names_none() -> None:
    code = (
        "import django, os, sys;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'twitchlog.settings');"
        "django.setup(); before = 'twitchlog.insights.engine' in sys.modules;"
        "from twitchlog.core.warmup import warm_up; warm_up();"
        "print(before, 'twitchlog.insights.engine' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
