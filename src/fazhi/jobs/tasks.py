"""The worker side of jobs (django.tasks on the django-tasks-db queue)."""

from __future__ import annotations

from django.tasks import task


@task()
def job_run(job_id: int) -> str:
    from fazhi.jobs.services import job_execute

    return job_execute(job_id).status
