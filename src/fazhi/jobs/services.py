"""Enqueue a job, run it in the worker, and keep its progress and result."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError, ImportFailed
from fazhi.core.exports import check_archive
from fazhi.jobs.models import Job, JobStatus
from fazhi.jobs.registry import Runner, kind_of, runner_for

logger = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def job_enqueue(
    *,
    actor: User,
    runner: Runner,
    title: str,
    params: dict[str, Any] | None = None,
    upload: bytes | None = None,
    upload_name: str = "upload.xlsx",
) -> Job:
    """Record the job and queue it for the worker; an upload is checked (size, ZIP bomb)
    before it is stored, so nothing is kept of a file the import would refuse outright."""
    from fazhi.core.error_codes import CoreErrorCode
    from fazhi.core.errors import ValidationFailed
    from fazhi.jobs.tasks import job_run

    if upload is not None:
        if not upload:
            raise ValidationFailed(CoreErrorCode.UNREADABLE_FILE, _("文件为空。"), field="file")
        if len(upload) > MAX_UPLOAD_BYTES:
            raise ValidationFailed(CoreErrorCode.FILE_TOO_LARGE, _("文件过大。"), field="file")
        check_archive(upload)
    kind = kind_of(runner)
    runner_for(kind)  # registered, or KeyError before anything is stored
    with transaction.atomic():
        job = Job.objects.create(kind=kind, title=title, user=actor, params=params or {})
        if upload is not None:
            job.upload.save(upload_name, ContentFile(upload), save=True)
        job_run.enqueue(job.pk)
    return job


def job_execute(job_id: int) -> Job:
    """Run a queued job (the worker calls this); the outcome is saved whatever happens."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        outcome = runner_for(job.kind)(job, progress)
    except ImportFailed as error:
        job.status, job.message, job.row_errors = JobStatus.FAILED, error.message, error.rows
    except ApplicationError as error:
        job.status, job.message = JobStatus.FAILED, str(error.message)
    except Exception:  # logged; the requester sees that it failed
        logger.exception("job %s failed", job.pk)
        job.status, job.message = JobStatus.FAILED, _("处理时发生内部错误，请联系管理员。")
    else:
        job.status, job.message = JobStatus.DONE, outcome.message
        if outcome.content is not None:
            job.filename = f"{outcome.title}-{timezone.localdate():%Y%m%d}.{outcome.extension}"
            job.result.save(job.filename, ContentFile(outcome.content), save=False)
    job.done = Job.objects.values_list("done", flat=True).get(pk=job.pk)
    job.total = Job.objects.values_list("total", flat=True).get(pk=job.pk)
    job.finished_at = timezone.now()
    job.save()
    return job
