import json

from django.core.management.base import BaseCommand, CommandError

from scorm_player.errors import PackageRejected
from scorm_player.models import Package
from scorm_player.selectors import package_version_report
from scorm_player.services import package_import


class Command(BaseCommand):
    help = "Validate a SCORM zip and import it as a new package (or a new version of one)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .zip file")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the import report as one JSON object")
        parser.add_argument("--title", default="", help="package title (default: the manifest's)")
        parser.add_argument("--package", type=int, help="add the zip as a new version of this package id")

    def handle(self, *args, path, as_json, title, package, **options):
        target = Package.objects.filter(pk=package).first() if package else None
        if package and target is None:
            raise CommandError(f"No package with id {package}")
        try:
            version = package_import(file=path, title=title, package=target)
        except PackageRejected as rejection:
            raise CommandError(f"Rejected ({rejection.code}): {rejection}") from rejection
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        report = package_version_report(version=version)
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(
                f"Imported package {report['id']} version {version.number}: {report['title']} "
                f"(SCORM {report['scorm_version']}, {len(report['scos'])} SCOs, {len(report['warnings'])} warnings)"
            )
            for warning in report["warnings"]:
                self.stdout.write(f"  warning: {warning}")
