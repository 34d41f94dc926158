"""The daily deadline sweep on the database task queue, as a worker runs it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from fazhi.core import deadlines, services
from fazhi.core.domain.calendar import DayBasis
from fazhi.core.models import Notification
from fazhi.core.tasks import daily_schedule_ensure, deadline_sweep

pytestmark = pytest.mark.django_db(transaction=True)


def test_schedule_is_created_once():
    assert daily_schedule_ensure() is True
    assert daily_schedule_ensure() is False
    pending = DBTaskResult.objects.get()
    assert pending.status == "READY"
    assert pending.run_after.astimezone(dt.UTC).hour == 23  # 07:00 in Asia/Shanghai


def test_worker_runs_the_sweep_and_schedules_the_next(tree, users, monkeypatch):
    deadlines.register(
        deadlines.ClockType("test.task", "测试", 5, DayBasis.WORKING, "x", "测试依据")
    )
    services.clock_start(
        clock_type="test.task",
        subject=tree.market,
        organization=tree.market,
        start_date=dt.date(2022, 9, 30),
        label="逾期事项",
    )
    deadline_sweep.enqueue()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert (
        Notification.objects.filter(
            user=users["department_legal_officer"], title="已逾期：逾期事项"
        ).count()
        == 1
    )
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # tomorrow's run


def test_daily_jobs_run_each_in_its_own_transaction(tree):
    from fazhi.core import tasks

    seen = []

    def broken(today):
        raise RuntimeError("job failed")

    def counting(today):
        seen.append(today)
        return 3

    tasks.register_daily("test.broken", broken)
    tasks.register_daily("test.counting", counting)
    try:
        outcomes = tasks.run_daily_jobs(dt.date(2022, 10, 11))
    finally:
        tasks._daily_jobs.pop("test.broken")
        tasks._daily_jobs.pop("test.counting")
    assert outcomes["test.broken"] == "failed"
    assert outcomes["test.counting"] == "3"
    assert seen == [dt.date(2022, 10, 11)]
