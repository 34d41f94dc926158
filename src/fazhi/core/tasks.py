"""Background tasks of the shared kernel (django.tasks on the django-tasks-db queue).

The daily sweep re-enqueues itself for the next morning, so one pending run exists at a time
whichever of several workers picks it up; ``daily_schedule_ensure`` (run when a worker starts)
creates it if none is pending. It raises deadline notifications, then runs the daily jobs apps
register with ``register_daily`` (reminders, the audit digest…). Every job must be idempotent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from fazhi.core import services

SWEEP_HOUR = 7
logger = logging.getLogger(__name__)
_daily_jobs: dict[str, Callable[[dt.date], object]] = {}


def register_daily(name: str, job: Callable[[dt.date], object]) -> None:
    """Run ``job(today)`` once a day in the sweep (apps call this from ``AppConfig.ready``)."""
    _daily_jobs[name] = job


def run_daily_jobs(today: dt.date) -> dict[str, str]:
    """Each job in its own transaction: one failing job does not stop the others."""
    outcomes: dict[str, str] = {}
    for name, job in sorted(_daily_jobs.items()):
        try:
            with transaction.atomic():
                outcomes[name] = str(job(today))
        except Exception:  # logged; the other jobs still run
            logger.exception("daily job %s failed", name)
            outcomes[name] = "failed"
    return outcomes


def _next_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    run = local.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        run += dt.timedelta(days=1)
    return run


@task()
def deadline_sweep() -> dict[str, str]:
    today = timezone.localdate()
    transaction.on_commit(daily_schedule_ensure)
    raised = services.deadline_notifications_raise(today=today)
    return {"deadline_notifications": str(raised), **run_daily_jobs(today)}


def daily_schedule_ensure() -> bool:
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
