import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twitchlog.settings")

application = get_wsgi_application()

# Each app process pays for the statistics imports once, at start-up, not on a first request.
# With gunicorn's --preload they are loaded once, before the workers fork.
from twitchlog.core.warmup import warm_up  # noqa: E402

warm_up()
