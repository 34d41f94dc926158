"""A job's status page (refreshes itself while running), its download, and the JSON status."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.jobs import selectors
from fazhi.jobs.models import Job, JobStatus


def status_data(job: Job) -> dict[str, object]:
    return {
        "id": job.pk,
        "title": job.title,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "row_errors": job.row_errors,
        "filename": job.filename,
        "download": f"/jobs/{job.pk}/download/" if job.result else "",
    }


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = selectors.job_list(user=request.user)[:100]
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(user=request.user, pk=pk)
    running = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return render(request, "jobs/job_detail.html", {"job": job, "running": running})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = selectors.job_get(user=request.user, pk=pk)
    if not job.result:
        raise NotFound(CoreErrorCode.NOT_FOUND, "文件尚未生成。")
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.filename)


def job_status_api(request: HttpRequest, pk: int) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"code": "not_authenticated", "message": "请先登录。"}, status=401)
    return JsonResponse(status_data(selectors.job_get(user=request.user, pk=pk)))
