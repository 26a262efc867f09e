import time

from django.core.management.base import BaseCommand

from courses.demo_content.service import demo_content_load


class Command(BaseCommand):
    help = (
        "Create the demo catalog: 4 themes, 12 Vietnamese SCORM modules built by the package builder and "
        "imported through the ingestion service, and 2 courses. Safe to run again: only what is missing or "
        "changed is created or imported."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        report = demo_content_load()
        elapsed = time.monotonic() - started
        if report.changed:
            self.stdout.write(
                f"Demo content: {len(report.created_pages)} pages created, "
                f"{len(report.imported_versions)} module packages imported ({elapsed:.1f}s)."
            )
        else:
            self.stdout.write(f"Demo content is up to date ({elapsed:.1f}s).")
        for identifier in report.kept_editor_packages:
            self.stdout.write(f"  kept the package an editor uploaded for module {identifier}")
