"""Sheet imports run by the worker, never inside a request (a 100k-row sheet outlasts any
request timeout). A view or API call checks the upload (size, archive caps) and the caller's
role, queues the job and answers at once; the worker runs the app's own all-or-nothing import
service on the stored file, and the job page shows the count or every bad row.

An app marks an import service with ``@sheet_importer`` (a function ``(*, actor, data, **kw)``
returning the count); ``import_enqueue`` queues it; only marked services can run this way.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from rest_framework import serializers

from fazhi.core.importers import sheet_importer
from fazhi.jobs.registry import Outcome, job_runner, kind_of

Importer = Callable[..., int]
__all__ = ["import_enqueue", "queued_response", "sheet_import", "sheet_importer"]


def _service(path: str) -> Importer:
    module, _sep, name = path.rpartition(".")
    if not module.startswith("fazhi."):
        raise LookupError(path)
    func = getattr(import_module(module), name, None)
    if func is None or not getattr(func, "sheet_importer", False):
        raise LookupError(path)
    return func


@job_runner
def sheet_import(job: Any, progress: Callable[[int, int], None]) -> Outcome:
    """All-or-nothing, as in a request: one bad row refuses the file, every row is listed."""
    params = job.params or {}
    service = _service(params["service"])
    user = get_user_model().objects.get(pk=job.user_id)
    with job.upload.open("rb") as handle:
        data = handle.read()
    progress(0, 1)
    count = service(actor=user, data=data, **params.get("kwargs", {}))
    progress(count, count)
    return Outcome(message=_("已导入 %(count)s 条。") % {"count": count})


def import_enqueue(*, actor, service: Importer, data: bytes, title: str, **kwargs: Any):
    """Queue ``service`` on the upload; the upload is checked before anything is stored."""
    import io
    import zipfile

    from fazhi.core.error_codes import CoreErrorCode
    from fazhi.core.errors import ValidationFailed
    from fazhi.jobs.services import job_enqueue

    path = kind_of(service)
    _service(path)  # marked, or LookupError before anything is stored
    if data and not zipfile.is_zipfile(io.BytesIO(data)):  # refused now, not by a failed job
        raise ValidationFailed(
            CoreErrorCode.UNREADABLE_FILE,
            _("无法读取文件：不是有效的 Excel（.xlsx）文件。"),
            field="file",
        )
    return job_enqueue(
        actor=actor,
        runner=sheet_import,
        title=title,
        params={"service": path, "kwargs": kwargs},
        upload=data,
    )


class QueuedImportSerializer(serializers.Serializer):
    job = serializers.IntegerField(help_text="the job's id")
    status = serializers.CharField()
    url = serializers.CharField(help_text="GET it for progress, the count or the bad rows")


def queued_response(job) -> dict[str, Any]:
    """The API's answer to a queued import (202): where to follow it."""
    return {"job": job.pk, "status": job.status, "url": f"/api/jobs/{job.pk}/"}
