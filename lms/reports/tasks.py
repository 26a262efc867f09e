from celery import shared_task

from .services import report_export_run


@shared_task(acks_late=True)
def report_export_run_task(export_id):
    report_export_run(export_id=export_id)
