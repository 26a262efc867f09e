import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# SCORM commits, the runtime's hot path, are answered ahead of Django's handler.
from scorm_player.wsgi import CommitRoute  # noqa: E402 - needs the apps loaded above

application = CommitRoute(django_application)
