from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import Role
from fazhi.core.scoping import scope_for
from fazhi.jobs.models import Job


def job_list(*, user) -> QuerySet[Job]:
    """The user's own jobs (an administrator sees all): exports carry scoped data."""
    queryset = Job.objects.all()
    if not scope_for(user).has_role(Role.ADMINISTRATOR):
        queryset = queryset.filter(user=user)
    return queryset


def job_get(*, user, pk: int) -> Job:
    job = job_list(user=user).filter(pk=pk).first()
    if job is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("后台任务不存在。"))
    return job
