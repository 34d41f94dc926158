"""Background imports and exports: enqueued by the page, run by the worker, seen by the owner."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.exports import xlsx_bytes
from fazhi.core.models import Role
from fazhi.inspections.models import Subject
from fazhi.inspections.services.library import SUBJECT_HEADERS
from fazhi.jobs.models import Job, JobStatus
from fazhi.jobs.services import job_execute
from tests.disputes.factories import committee, mediator, register
from tests.factories import user_with_role
from tests.inspections.conftest import code


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _job_id(response) -> int:
    assert response.status_code == 302, response.content[:500]
    return int(response["Location"].rstrip("/").split("/")[-1])


def test_ledger_export_runs_in_the_worker_and_only_its_owner_downloads(client, tree, users):
    town_committee = committee(tree.town)
    mediator(town_committee)
    case = register(users["mediator"], town_committee)
    client.force_login(users["mediator"])
    job_id = _job_id(client.get(reverse("disputes:cases"), {"export": "xlsx"}))
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.QUEUED and not job.result
    page = client.get(reverse("jobs:detail", args=[job_id])).content.decode()
    assert "排队中" in page and "csp_nonce" not in page
    assert client.get(f"/api/jobs/{job_id}/").json()["status"] == "queued"
    assert job_execute(job_id).status == JobStatus.DONE
    status = client.get(f"/api/jobs/{job_id}/").json()
    assert status["percent"] == 100 and status["download"]
    assert status["filename"].startswith("调解案件-") and status["filename"].endswith(".xlsx")
    download = client.get(reverse("jobs:download", args=[job_id]))
    assert download.status_code == 200
    assert "调解案件-" in unquote(download["Content-Disposition"])
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    assert case.case_no in [row[0] for row in sheet.iter_rows(values_only=True)]
    # Another user of another town sees neither the job nor its file.
    client.force_login(user_with_role(Role.MEDIATOR, tree.other_town, username="outsider"))
    assert client.get(reverse("jobs:detail", args=[job_id])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job_id])).status_code == 404
    assert client.get(f"/api/jobs/{job_id}/").status_code == 404
    client.logout()
    assert client.get(f"/api/jobs/{job_id}/").status_code == 401


def _subjects_file(rows) -> bytes:
    return xlsx_bytes(title="检查对象", headers=SUBJECT_HEADERS, rows=rows)


def _row(n: int, credit: str | None = None) -> list:
    return [
        f"测试餐馆{n}",
        credit or code(n),
        "长安镇1号",
        "TOWN",
        "餐饮单位",
        "餐饮",
        "高",
        "A",
        "",
    ]


def test_subjects_import_is_all_or_nothing_with_row_errors(client, tree, users):
    client.force_login(users["administrator"])
    url = reverse("inspections:library_import")
    bad = _subjects_file([_row(1), _row(2, credit="91330481MA2XXXXXX0")])
    upload = io.BytesIO(bad)
    upload.name = "subjects.xlsx"
    job_id = _job_id(client.post(url, {"kind": "subjects", "file": upload}))
    assert job_execute(job_id).status == JobStatus.FAILED
    assert Subject.objects.count() == 0
    page = client.get(reverse("jobs:detail", args=[job_id])).content.decode()
    assert "失败" in page and "credit_code" in page and "<td>3</td>" in page
    good = io.BytesIO(_subjects_file([_row(1), _row(2)]))
    good.name = "subjects.xlsx"
    job_id = _job_id(client.post(url, {"kind": "subjects", "file": good}))
    job = job_execute(job_id)
    assert job.status == JobStatus.DONE and "2" in job.message
    assert Subject.objects.count() == 2


def test_a_decompression_bomb_is_refused_before_anything_is_queued(client, tree, users):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    bomb = io.BytesIO(buffer.getvalue())
    bomb.name = "subjects.xlsx"
    client.force_login(users["justice_legal_officer"])
    response = client.post(
        reverse("inspections:library_import"), {"kind": "subjects", "file": bomb}
    )
    assert response.status_code == 400
    assert "解压后过大" in response.content.decode()
    assert not Job.objects.exists()


def test_a_role_outside_the_library_cannot_queue_an_import(client, tree, users):
    client.force_login(users["mediator"])
    upload = io.BytesIO(_subjects_file([_row(1)]))
    upload.name = "subjects.xlsx"
    response = client.post(
        reverse("inspections:library_import"), {"kind": "subjects", "file": upload}
    )
    assert response.status_code == 403
    assert not Job.objects.exists()
