"""A long import or export run by the task worker (``fazhi worker``) instead of a request."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


def _upload_path(job: Job, filename: str) -> str:
    return f"jobs/uploads/{job.created_at:%Y%m}/{filename}"


def _result_path(job: Job, filename: str) -> str:
    return f"jobs/results/{job.created_at:%Y%m}/{job.pk}/{filename}"


class Job(models.Model):
    """One background import or export; only its requester (or an administrator) sees it."""

    kind = models.CharField(_("任务类型"), max_length=200)
    title = models.CharField(_("名称"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("申请人"),
    )
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("已处理"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    upload = models.FileField(_("上传文件"), upload_to=_upload_path, blank=True, max_length=300)
    result = models.FileField(_("结果文件"), upload_to=_result_path, blank=True, max_length=300)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    message = models.CharField(_("结果说明"), max_length=1000, blank=True)
    row_errors = models.JSONField(_("行错误"), default=list, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
