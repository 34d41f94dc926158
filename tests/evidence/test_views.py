"""Pages: depositor pages (own deposits only), the printable certificate, public verification."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.evidence import services
from fazhi.evidence.models import Deposit, DepositStatus, LogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(users):
    def make(role: str | None) -> Client:
        client = Client()
        if role:
            client.force_login(users[role])
        return client

    return make


def _deposit(user, content: bytes = b"contract", title: str = "合同") -> Deposit:
    return services.deposit_create(
        actor=user, upload=SimpleUploadedFile("c.txt", content), title=title, description="说明"
    )


def test_deposit_form_creates_a_deposit_and_shows_it(client_for):
    client = client_for("public")
    response = client.post(
        "/evidence/new/",
        {"title": "借款合同", "file": SimpleUploadedFile("loan.pdf", b"loan"), "description": ""},
    )
    deposit = Deposit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/evidence/{deposit.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "借款合同" in page and deposit.file_sha256 in page


def test_empty_upload_on_the_form_names_the_field(client_for):
    response = client_for("public").post(
        "/evidence/new/", {"title": "合同", "file": SimpleUploadedFile("e.pdf", b"")}
    )
    assert response.status_code == 200
    assert "文件为空" in response.content.decode()
    assert LogEntry.objects.count() == 0


def test_deposit_pages_need_a_login(client_for):
    response = client_for(None).get("/evidence/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_list_search_filter_export_and_query_count(
    client_for, users, django_assert_max_num_queries
):
    for i in range(3):
        _deposit(users["public"], bytes([i]), f"合同{i}")
    _deposit(users["drafter"], b"other", "别人的合同")
    client = client_for("public")
    with django_assert_max_num_queries(8):
        page = client.get("/evidence/").content.decode()
    assert page.count("合同") >= 3 and "别人的合同" not in page
    assert "合同1" in client.get("/evidence/", {"q": "合同1"}).content.decode()
    assert "合同0" not in client.get("/evidence/", {"q": "合同1"}).content.decode()
    erased = client.get("/evidence/", {"status": DepositStatus.FILE_ERASED}).content.decode()
    assert "还没有存证" in erased
    export = client.get("/evidence/", {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_others_deposits_are_not_found_on_every_page(client_for, users):
    deposit = _deposit(users["drafter"], title="别人的合同")
    client = client_for("public")
    for path in ("", "certificate/", "certificate.json"):
        response = client.get(f"/evidence/{deposit.pk}/{path}")
        assert response.status_code == 404
        assert "别人的合同" not in response.content.decode()
    response = client.post(f"/evidence/{deposit.pk}/erase/", {"reason": "x"})
    assert response.status_code == 404
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.DEPOSITED


def test_printable_certificate_has_an_inline_qr_code_to_the_public_page(client_for, users):
    deposit = _deposit(users["public"])
    page = client_for("public").get(f"/evidence/{deposit.pk}/certificate/").content.decode()
    assert "<svg" in page and "<img" not in page
    assert f"http://testserver/portal/evidence/?deposit={deposit.pk}" in page
    assert deposit.file_sha256 in page


def test_certificate_json_download(client_for, users):
    deposit = _deposit(users["public"])
    response = client_for("public").get(f"/evidence/{deposit.pk}/certificate.json")
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["leaf_index"] == deposit.entry_id


def test_erase_page_flow(client_for, users):
    deposit = _deposit(users["public"])
    client = client_for("public")
    response = client.post(f"/evidence/{deposit.pk}/erase/", {"reason": ""})
    assert response.status_code == 400
    assert 'data-code="required"' in response.content.decode()
    response = client.post(f"/evidence/{deposit.pk}/erase/", {"reason": "本人申请"})
    assert response.status_code == 302
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.FILE_ERASED


def test_public_verification_page_needs_no_login(client_for, users):
    deposit = _deposit(users["public"], b"the file")
    client = client_for(None)
    page = client.get(f"/portal/evidence/?deposit={deposit.pk}").content.decode()
    assert 'data-valid="true"' in page
    # Only log facts are public: never the title or description.
    assert "合同" not in page and "说明" not in page
    response = client.post("/portal/evidence/", {"sha256": hashlib.sha256(b"the file").hexdigest()})
    assert 'data-valid="true"' in response.content.decode()
    certificate = client_for("public").get(f"/evidence/{deposit.pk}/certificate.json").content
    forged = json.loads(certificate)
    forged["entry"]["size"] = 1
    response = client.post(
        "/portal/evidence/",
        {"certificate": SimpleUploadedFile("c.json", json.dumps(forged).encode())},
    )
    body = response.content.decode()
    assert 'data-code="certificate_not_included"' in body and 'data-valid="false"' in body


def test_public_page_unknown_deposit_and_bad_hash(client_for):
    client = client_for(None)
    assert 'data-code="not_found"' in client.get("/portal/evidence/?deposit=nope").content.decode()
    response = client.post("/portal/evidence/", {"sha256": "xyz"})
    assert response.status_code == 400
    assert "SHA-256" in response.content.decode()


def test_public_verification_page_post_is_rate_limited(client_for, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "public_form": "2/hour"},
    }
    client = client_for(None)
    codes = [client.post("/portal/evidence/", {"sha256": "a" * 64}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_public_key_and_heads_pages(client_for, users):
    _deposit(users["public"])
    client = client_for(None)
    assert b"BEGIN PUBLIC KEY" in client.get("/portal/evidence/public-key.pem").content
    page = client.get("/portal/evidence/heads/").content.decode()
    assert "/api/evidence/heads/1/" in page


def test_the_erasure_is_the_declared_step_on_the_deposit_page(client_for, users):
    """The detail page lists the step from ``evidence.procedures.DEPOSIT`` and posts it to the
    generic step page (a UUID record); once taken, the step is no longer offered."""
    from django.urls import reverse

    deposit = _deposit(users["public"])
    client = client_for("public")
    page = client.get(f"/evidence/{deposit.pk}/").content.decode()
    step = reverse("core:transition", args=["evidence.deposit", deposit.pk, "erase"])
    assert 'data-action="erase"' in page and step in page
    response = client.post(step, {"erase-reason": ""})
    assert response.status_code == 400 and "请填写删除依据" in response.content.decode()
    response = client.post(step, {"erase-reason": "本人申请"})
    assert response.status_code == 302
    deposit.refresh_from_db()
    assert (deposit.status, deposit.erasure_reason) == (DepositStatus.FILE_ERASED, "本人申请")
    assert 'data-action="erase"' not in client.get(f"/evidence/{deposit.pk}/").content.decode()
    # someone else's deposit is not found on the step page either
    other = _deposit(users["drafter"], b"other")
    step = reverse("core:transition", args=["evidence.deposit", other.pk, "erase"])
    assert client.post(step, {"erase-reason": "x"}).status_code == 404
