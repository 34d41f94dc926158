"""Background import of the subjects library (tens of thousands of rows: not in a request)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from fazhi.jobs.registry import Outcome, job_runner


@job_runner
def subjects_import(job: Any, progress: Callable[[int, int], None]) -> Outcome:
    """All-or-nothing, as in a request: one bad row refuses the file, every row is listed."""
    from fazhi.inspections import services

    user = get_user_model().objects.get(pk=job.user_id)
    with job.upload.open("rb") as handle:
        data = handle.read()
    progress(0, 1)
    count = services.library_import_xlsx(actor=user, kind="subjects", data=data)
    progress(count, count)
    return Outcome(message=_("已导入检查对象 %(count)s 条。") % {"count": count})
