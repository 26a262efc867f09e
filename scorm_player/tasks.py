from celery import shared_task

from .services import package_import_job_run


@shared_task(acks_late=True)
def package_import_job_run_task(job_id):
    package_import_job_run(job_id=job_id)
