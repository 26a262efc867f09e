from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.services import ImportRejected, units_import_csv

DEMO = Path(__file__).resolve().parents[2] / "data" / "units_demo.csv"


class Command(BaseCommand):
    help = "Create or update organisational units from a CSV/XLSX file (code, name, kind, parent code). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help=f"the file; default: the demo city ({DEMO.name})")

    def handle(self, *args, file=None, **options):
        path = Path(file) if file else DEMO
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = units_import_csv(raw=path.read_bytes(), filename=path.name)
        except ImportRejected as error:
            raise CommandError(str(error)) from error
        for number, message in report.errors:
            self.stderr.write(f"row {number}: {message}")
        self.stdout.write(f"units: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, {len(report.errors)} rows with errors")
