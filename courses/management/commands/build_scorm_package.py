import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.package_builder import DescriptionInvalid, description_from_dict, package_build, package_sha256


class Command(BaseCommand):
    help = (
        "Build a SCORM package (1.2 or 2004 3rd edition) from a module description in JSON: "
        "title, slides (title, body, illustration, alt) and a quiz (prompt, choices, answer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("description", help="the description, a JSON file")
        parser.add_argument("output", help="the zip to write")

    def handle(self, *args, description, output, **options):
        try:
            data = json.loads(Path(description).read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {description}") from error
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{description} is not valid JSON: {error}") from error
        try:
            module = description_from_dict(data)
        except DescriptionInvalid as invalid:
            raise CommandError(invalid.message) from invalid
        zip_bytes = package_build(description=module)
        Path(output).write_bytes(zip_bytes)
        self.stdout.write(
            f"Wrote {output}: SCORM {module.scorm_version}, {len(module.slides)} slides, {len(module.quiz)} questions, "
            f"{len(zip_bytes)} bytes, sha256 {package_sha256(zip_bytes)}"
        )
