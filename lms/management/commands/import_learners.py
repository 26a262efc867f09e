import csv
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.models import Learner
from lms.services import ImportRejected, first_login_path, learners_import


class Command(BaseCommand):
    help = (
        "Create or update learners (civil servants by default) from a CSV/XLSX file with columns "
        "name, email and/or phone, unit code, position. Idempotent; rows with problems are listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", default=Learner.Kind.CIVIL_SERVANT, choices=Learner.Kind.values)
        parser.add_argument("--links", help="write the new accounts' one-time set-password links to this CSV file")
        parser.add_argument("--base-url", default=getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "", help="prefix for the links")

    def handle(self, *args, file, kind, links=None, base_url="", **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        started = time.monotonic()
        try:
            report = learners_import(raw=path.read_bytes(), filename=path.name, kind=kind)
        except ImportRejected as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        for number, message in report.errors:
            self.stderr.write(f"row {number}: {message}")
        if links:
            with open(links, "w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["row", "login", "name", "set_password_link"])
                for number, user in report.new_users:
                    writer.writerow([number, user.username, user.first_name, base_url.rstrip("/") + first_login_path(user=user)])
        self.stdout.write(
            f"learners: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} rows with errors ({elapsed:.1f} s)"
        )
