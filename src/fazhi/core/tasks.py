"""Background tasks of the shared kernel (django.tasks on the django-tasks-db queue).

The daily deadline sweep re-enqueues itself for the next morning, so one pending run exists at
a time whichever of several workers picks it up; ``daily_schedule_ensure`` (run when a worker
starts) creates it if none is pending. The sweep itself is idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from fazhi.core import services

SWEEP_HOUR = 7


def _next_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    run = local.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        run += dt.timedelta(days=1)
    return run


@task()
def deadline_sweep() -> int:
    raised = services.deadline_notifications_raise(today=timezone.localdate())
    transaction.on_commit(lambda: daily_schedule_ensure(skip_running=True))
    return raised


def daily_schedule_ensure(*, skip_running: bool = False) -> bool:
    """Enqueue tomorrow's sweep unless one is already waiting; True if one was enqueued."""
    from django_tasks_db.models import DBTaskResult

    pending = DBTaskResult.objects.filter(
        task_path=f"{deadline_sweep.func.__module__}.{deadline_sweep.func.__qualname__}",
        status="READY",
    )
    if pending.exists():
        return False
    deadline_sweep.using(run_after=_next_run(timezone.now())).enqueue()
    return True
