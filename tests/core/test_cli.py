"""The ``fazhi`` command: its own subcommands, Django's, and refusals with a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_deadline_prints_iso_date():
    assert run("deadline", "2022-09-30", "--working-days", "5") == "2022-10-12\n"


def test_deadline_explain_lists_each_day():
    output = run("deadline", "2022-09-30", "--working-days", "5", "--explain")
    assert output.splitlines()[0] == "2022-10-12"
    assert "  2022-10-07 法定节假日（国庆节），跳过" in output
    assert "  2022-10-09 调休工作日（国庆节），计第2日" in output


def test_deadline_calendar_days_roll_forward():
    assert run("deadline", "2022-09-26", "--days", "5") == "2022-10-08\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2022-02-30", "--days", "5"], "start: '2022-02-30' is not a date"),
        (["2022-09-30", "--days", "-3"], "--working-days/--days"),
    ],
)
def test_deadline_refuses_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        run("deadline", *args)


def test_report_json_shape(tree):
    data = json.loads(run("report", "--year", "2022", "--format", "json"))
    assert data["year"] == 2022
    assert data["indicators"]["grassroots.towns"] == {"value": 2, "name": "镇(街道)", "unit": "个"}
    assert all(set(item) >= {"value", "name", "unit"} for item in data["indicators"].values())


def test_report_refuses_unknown_scope(tree):
    with pytest.raises(CommandError, match="--scope"):
        run("report", "--year", "2022", "--scope", "NOPE")


def test_console_script_lists_commands_and_runs_django_ones():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    help_text = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    for command in ("deadline", "report", "demo", "serve", "worker", "migrate", "createsuperuser"):
        assert command in help_text
    assert "fazhi help <subcommand>" in help_text
    bad = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "deadline", "yesterday", "--days", "1"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 1
    assert "is not a date" in bad.stderr
