"""The REST API: deposits (own only), certificates, public heads, proofs and verification."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from fazhi.evidence import domain, keys, merkle, services
from fazhi.evidence.models import Deposit, LogEntry, SignedTreeHead

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    def as_role(role: str | None) -> APIClient:
        client = APIClient()
        if role:
            client.force_authenticate(users[role])
        return client

    return as_role


def _deposit(user, content: bytes = b"contract", title: str = "合同") -> Deposit:
    return services.deposit_create(
        actor=user, upload=SimpleUploadedFile("c.txt", content), title=title
    )


def test_deposit_over_the_api_returns_a_verifiable_certificate(api):
    response = api("public").post(
        "/api/evidence/deposits/",
        {"file": SimpleUploadedFile("c.pdf", b"pdf bytes"), "title": "合同"},
        format="multipart",
    )
    assert response.status_code == 201
    body = response.json()
    certificate = domain.parse_certificate(body["certificate"])
    domain.verify_certificate(
        certificate,
        trusted_public_key=keys.public_key_bytes(),
        file_sha256=hashlib.sha256(b"pdf bytes").hexdigest(),
    )
    assert body["certificate"]["verify_url"].startswith("http://testserver/portal/evidence/?")
    assert body["deposit"]["index"] == 0


@pytest.mark.parametrize(("content", "code"), [(b"", "file_empty"), (b"x" * 11, "file_too_large")])
def test_bad_uploads_are_400_naming_the_field_and_append_nothing(api, settings, content, code):
    settings.FAZHI_MAX_UPLOAD_BYTES = 10
    response = api("public").post(
        "/api/evidence/deposits/",
        {"file": SimpleUploadedFile("c.pdf", content), "title": "合同"},
        format="multipart",
    )
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == (code, "file")
    assert LogEntry.objects.count() == 0


def test_deposits_need_a_login(api):
    response = api(None).post(
        "/api/evidence/deposits/", {"file": SimpleUploadedFile("c", b"x"), "title": "t"}
    )
    assert response.status_code in (401, 403)
    assert api(None).get("/api/evidence/deposits/").status_code in (401, 403)
    assert LogEntry.objects.count() == 0


def test_a_depositor_sees_only_their_own_deposits(api, users):
    mine = _deposit(users["public"], b"mine", "我的合同")
    theirs = _deposit(users["drafter"], b"theirs", "别人的合同")
    listed = api("public").get("/api/evidence/deposits/").json()["results"]
    assert [d["title"] for d in listed] == ["我的合同"]
    assert api("public").get(f"/api/evidence/deposits/{mine.pk}/").status_code == 200
    for path in (
        f"/api/evidence/deposits/{theirs.pk}/",
        f"/api/evidence/deposits/{theirs.pk}/certificate/",
    ):
        response = api("public").get(path)
        assert response.status_code == 404
        assert "别人的合同" not in response.content.decode()
    # Even an administrator does not read someone's private deposit details.
    assert api("administrator").get(f"/api/evidence/deposits/{theirs.pk}/").status_code == 404


def test_erase_over_the_api_is_for_the_depositor(api, users):
    deposit = _deposit(users["public"])
    response = api("drafter").post(f"/api/evidence/deposits/{deposit.pk}/erase/", {"reason": "x"})
    assert (response.status_code, response.json()["code"]) == (403, "not_yours")
    response = api("public").post(f"/api/evidence/deposits/{deposit.pk}/erase/", {"reason": "申请"})
    assert response.status_code == 200
    assert response.json()["status"] == "file_erased"


def test_public_key_and_heads_need_no_login(api, users):
    _deposit(users["public"])
    key = api(None).get("/api/evidence/public-key/").json()
    assert base64.b64decode(key["public_key"]) == keys.public_key_bytes()
    assert key["log_id"] == keys.log_id()
    head = api(None).get("/api/evidence/heads/latest/").json()
    assert head["tree_size"] == 1
    assert domain.head_signature_valid(
        public_key=keys.public_key_bytes(),
        tree_size=1,
        timestamp=head["timestamp"],
        root_hash=bytes.fromhex(head["root_hash"]),
        signature=base64.b64decode(head["signature"]),
    )


def test_latest_head_of_an_empty_log_is_404(api):
    response = api(None).get("/api/evidence/heads/latest/")
    assert (response.status_code, response.json()["code"]) == (404, "head_not_found")


def test_consistency_proof_between_any_two_signed_heads_verifies(api, users):
    for i in range(7):
        _deposit(users["public"], bytes([i]))
    response = api(None).get("/api/evidence/consistency/", {"first": 3, "second": 7})
    assert response.status_code == 200
    body = response.json()
    assert merkle.verify_consistency(
        3,
        7,
        bytes.fromhex(body["first"]["root_hash"]),
        bytes.fromhex(body["second"]["root_hash"]),
        [bytes.fromhex(p) for p in body["proof"]],
    )


@pytest.mark.parametrize(
    ("query", "status", "code", "field"),
    [
        ({"first": 2, "second": 99}, 404, "head_not_found", "second"),
        ({"first": 0, "second": 3}, 400, "invalid_size", "first"),
        ({"first": "x", "second": 3}, 400, "invalid_size", "first"),
        ({"first": 3, "second": 2}, 400, "invalid_size", "first"),
        ({"second": 2}, 400, "invalid_size", "first"),
    ],
)
def test_consistency_for_missing_or_bad_heads_is_a_clear_4xx(
    api, users, query, status, code, field
):
    for i in range(3):
        _deposit(users["public"], bytes([i]))
    response = api(None).get("/api/evidence/consistency/", query)
    assert response.status_code == status
    assert (response.json()["code"], response.json()["field"]) == (code, field)


def test_inclusion_and_entries_for_monitors(api, users):
    for i in range(5):
        _deposit(users["public"], bytes([i]))
    body = api(None).get("/api/evidence/inclusion/", {"index": 2, "tree_size": 5}).json()
    assert merkle.verify_inclusion(
        bytes.fromhex(body["leaf_hash"]),
        2,
        5,
        [bytes.fromhex(p) for p in body["proof"]],
        bytes.fromhex(body["head"]["root_hash"]),
    )
    entries = api(None).get("/api/evidence/entries/", {"start": 0, "end": 5}).json()["entries"]
    raw = [domain.canonical_json(e["entry"]) for e in entries]
    assert merkle.root_hash(raw) == bytes(SignedTreeHead.objects.get(tree_size=5).root_hash)
    response = api(None).get("/api/evidence/entries/", {"start": 0, "end": 5000})
    assert (response.status_code, response.json()["field"]) == (400, "end")


def _certificate(user, content: bytes = b"contract") -> dict:
    deposit = _deposit(user, content)
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/evidence/deposits/{deposit.pk}/certificate/").json()


def _verify(client: APIClient, certificate: dict | None = None, **data) -> dict:
    payload = dict(data)
    if certificate is not None:
        payload["certificate"] = SimpleUploadedFile(
            "certificate.json", json.dumps(certificate).encode(), content_type="application/json"
        )
    response = client.post("/api/evidence/verify/", payload, format="multipart")
    assert response.status_code == 200, response.content
    return response.json()


def test_verification_of_a_certificate_and_its_file_needs_no_login(api, users):
    certificate = _certificate(users["public"], b"the file")
    body = _verify(api(None), certificate, file=SimpleUploadedFile("f", b"the file"))
    assert body["valid"] is True
    result = body["results"][0]
    assert (result["code"], result["index"], result["tree_size"]) == ("valid", 0, 1)
    assert result["logged_at"].startswith(certificate["entry"]["time"][:19])


def _resign(certificate: dict, key: Ed25519PrivateKey) -> dict:
    """A certificate re-signed by another log's key, internally consistent."""
    from cryptography.hazmat.primitives import serialization

    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    head = certificate["tree_head"]
    signature = key.sign(
        domain.tree_head_message(
            log_id=domain.log_id_for(public),
            tree_size=head["tree_size"],
            timestamp=head["timestamp"],
            root_hash=bytes.fromhex(head["root_hash"]),
        )
    )
    forged = json.loads(json.dumps(certificate))
    forged["log"] = {
        "log_id": domain.log_id_for(public),
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(public).decode(),
    }
    forged["tree_head"]["signature"] = base64.b64encode(signature).decode()
    return forged


def _tampered(certificate: dict, how: str) -> dict:
    forged = json.loads(json.dumps(certificate))
    if how == "entry":
        forged["entry"]["time"] = "2020-01-01T00:00:00.000Z"  # backdated
    elif how == "root":
        forged["tree_head"]["root_hash"] = "0" * 64
    elif how == "index":
        forged["leaf_index"] = 1
    elif how == "proof":
        forged["inclusion_proof"] = ["ab" * 32]
    elif how == "garbage":
        forged = {"format": "nonsense"}
    return forged


@pytest.mark.parametrize(
    ("how", "code"),
    [
        ("entry", "certificate_not_included"),
        ("root", "certificate_bad_signature"),
        ("index", "certificate_not_included"),
        ("proof", "certificate_not_included"),
        ("garbage", "certificate_malformed"),
    ],
)
def test_a_tampered_certificate_fails_with_its_reason(api, users, how, code):
    for i in range(2):
        _deposit(users["drafter"], bytes([i]))
    certificate = _certificate(users["public"])
    body = _verify(api(None), _tampered(certificate, how))
    assert body["valid"] is False
    assert body["results"][0]["code"] == code
    assert body["results"][0]["reason"]


def test_a_certificate_from_another_log_is_refused(api, users):
    certificate = _resign(_certificate(users["public"]), Ed25519PrivateKey.generate())
    # Internally consistent: it verifies against its own key ...
    domain.verify_certificate(domain.parse_certificate(certificate))
    # ... but not against this log's published key.
    body = _verify(api(None), certificate)
    assert body["results"][0]["code"] == "certificate_other_log"


def test_a_certificate_for_a_head_this_log_never_had_is_refused(api, users):
    certificate = _certificate(users["public"])
    # Signed by this log's key, but for a tree this log does not hold (as a rolled-back log
    # would have issued): the signature holds, the head does not exist here.
    entry = {
        "v": 1,
        "type": "anchor",
        "kind": "x",
        "reference": "r",
        "digest": "a" * 64,
        "time": "t",
    }
    root = merkle.root_hash([domain.canonical_json(entry)])
    certificate["entry"] = entry
    certificate["inclusion_proof"] = []
    certificate["tree_head"]["root_hash"] = root.hex()
    certificate["tree_head"]["signature"] = base64.b64encode(
        keys.signing_key().sign(
            domain.tree_head_message(
                log_id=keys.log_id(),
                tree_size=1,
                timestamp=certificate["tree_head"]["timestamp"],
                root_hash=root,
            )
        )
    ).decode()
    body = _verify(api(None), certificate)
    assert body["results"][0]["code"] == "head_not_found"


def test_the_wrong_file_for_a_certificate_fails(api, users):
    certificate = _certificate(users["public"], b"original")
    body = _verify(api(None), certificate, file=SimpleUploadedFile("f", b"altered"))
    assert body["results"][0]["code"] == "certificate_file_mismatch"


def test_verification_by_hash_or_file_alone(api, users):
    _deposit(users["public"], b"known")
    body = _verify(api(None), sha256=hashlib.sha256(b"known").hexdigest())
    assert body["valid"] is True
    assert body["results"][0]["index"] == 0
    body = _verify(api(None), file=SimpleUploadedFile("f", b"known"))
    assert body["valid"] is True
    body = _verify(api(None), sha256=hashlib.sha256(b"unknown").hexdigest())
    assert (body["valid"], body["results"][0]["code"]) == (False, "not_deposited")


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({}, "nothing_to_verify", "certificate"),
        ({"sha256": "xyz"}, "invalid_hash", "sha256"),
        ({"file": b""}, "file_empty", "file"),
        ({"certificate": b""}, "file_empty", "certificate"),
    ],
)
def test_verification_requests_with_nothing_valid_are_400(api, data, code, field):
    data = {
        name: SimpleUploadedFile("f", value) if isinstance(value, bytes) else value
        for name, value in data.items()
    }
    response = api(None).post("/api/evidence/verify/", data, format="multipart")
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == (code, field)


def test_public_verification_is_rate_limited(api, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"public_form": "2/hour"})
    client = api(None)
    codes = [
        client.post("/api/evidence/verify/", {"sha256": "a" * 64}).status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_the_erase_step_refuses_a_second_erasure_with_the_step_code(api, users):
    deposit = _deposit(users["public"])
    url = f"/api/evidence/deposits/{deposit.pk}/erase/"
    response = api("public").post(url, {"reason": ""})
    assert (response.status_code, response.json()["field"]) == (400, "reason")
    assert api("public").post(url, {"reason": "申请"}).status_code == 200
    response = api("public").post(url, {"reason": "again"})
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")


def test_own_deposits_walk_by_cursor_newest_first(api, users):
    """Keyset pages (issue 19): the deposit time then the log entry, each deposit once."""
    for n in range(5):
        _deposit(users["public"], content=f"file {n}".encode(), title=f"第{n}份")
    _deposit(users["drafter"], content=b"other")
    client = api("public")
    seen: list[str] = []
    url = "/api/evidence/deposits/?cursor=&page_size=2"
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    expected = [
        str(pk)
        for pk in Deposit.objects.filter(depositor=users["public"])
        .order_by("-deposited_at", "-entry")
        .values_list("pk", flat=True)
    ]
    assert seen == expected and len(seen) == 5
