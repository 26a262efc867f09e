import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the first admin account if none exists, and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("LMS_ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        password_file = settings.LOCAL_STATE_DIR / "admin_password"
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            password = os.environ.get("LMS_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
            User.objects.create_superuser(username=username, email="", password=password)
            password_file.write_text(password)
            password_file.chmod(0o600)
        password = password_file.read_text().strip() if password_file.exists() else "(set before; unchanged)"
        self.stdout.write(f"Admin login: username '{username}', password '{password}'")
