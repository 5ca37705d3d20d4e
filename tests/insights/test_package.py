"""The insights package is a Django app too: importing it must not load the science stack."""

import subprocess
import sys


def test_importing_the_app_does_not_load_pandas_or_scipy() -> None:
    code = (
        "import sys, twitchlog.insights, twitchlog.insights.apps;"
        "print(sorted(m for m in ('pandas', 'scipy', 'statsmodels') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_analyze_is_loaded_on_first_use() -> None:
    import twitchlog.insights as insights
    from twitchlog.insights.engine import analyze

    assert insights.analyze is analyze
