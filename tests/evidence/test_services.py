"""Deposits, erasure and anchoring: what is stored, what is refused, and that nothing changes."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.files.storage import default_storage

from fazhi.core.errors import Conflict, PermissionDenied, ValidationFailed
from fazhi.core.models import DomainEvent
from fazhi.evidence import domain, keys, log, merkle, selectors, services
from fazhi.evidence.error_codes import EvidenceErrorCode
from fazhi.evidence.events import EvidenceEvent
from fazhi.evidence.models import Anchor, Deposit, DepositStatus, LogEntry, SignedTreeHead

pytestmark = pytest.mark.django_db


def _nothing_logged() -> None:
    assert LogEntry.objects.count() == 0
    assert SignedTreeHead.objects.count() == 0
    assert Deposit.objects.count() == 0


def test_deposit_stores_the_file_by_hash_and_logs_hashes_only(users, upload):
    citizen = users["public"]
    content = b"%PDF-1.7 contract between A and B"
    deposit = services.deposit_create(
        actor=citizen,
        upload=upload(content, name="张三的合同.pdf"),
        title="购销合同",
        description="甲方张三，身份证号 330481198001010011",
    )
    sha = hashlib.sha256(content).hexdigest()
    assert deposit.file_sha256 == sha
    assert deposit.size == len(content)
    assert deposit.entry.index == 0
    assert default_storage.open(f"evidence/{sha[:2]}/{sha}").read() == content
    entry = selectors.entry_json(deposit.entry)
    assert set(entry) == {
        "v",
        "type",
        "deposit_id",
        "file_sha256",
        "size",
        "media_type",
        "depositor",
        "time",
        "description_sha256",
    }
    raw = bytes(deposit.entry.data).decode()
    # The permanent entry never holds personal data: no name, no ID number, no user id.
    for private in ("张三", "330481198001010011", "合同.pdf", citizen.username):
        assert private not in raw
    assert entry["depositor"] == services.depositor_reference(citizen)
    assert entry["file_sha256"] == sha
    assert [e.event_type for e in DomainEvent.objects.all()] == [EvidenceEvent.DEPOSITED]


def test_same_content_twice_is_stored_once_and_logged_twice(users, upload):
    first = services.deposit_create(actor=users["public"], upload=upload(b"same"), title="一")
    second = services.deposit_create(actor=users["drafter"], upload=upload(b"same"), title="二")
    assert first.file_sha256 == second.file_sha256
    assert (first.entry.index, second.entry.index) == (0, 1)
    assert default_storage.listdir(f"evidence/{first.file_sha256[:2]}")[1] == [first.file_sha256]


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"content": b""}, EvidenceErrorCode.FILE_EMPTY, "file"),
        ({"content": b"x" * 101}, EvidenceErrorCode.FILE_TOO_LARGE, "file"),
        ({"title": "  "}, EvidenceErrorCode.REQUIRED, "title"),
        ({"title": "名" * 201}, EvidenceErrorCode.TOO_LONG, "title"),
        ({"no_file": True}, EvidenceErrorCode.FILE_REQUIRED, "file"),
    ],
)
def test_bad_deposits_are_refused_and_change_nothing(users, upload, settings, kwargs, code, field):
    settings.FAZHI_MAX_UPLOAD_BYTES = 100
    file = None if kwargs.get("no_file") else upload(kwargs.get("content", b"ok"))
    with pytest.raises(ValidationFailed) as caught:
        services.deposit_create(
            actor=users["public"], upload=file, title=kwargs.get("title", "合同")
        )
    assert (caught.value.code, caught.value.field) == (code, field)
    _nothing_logged()
    assert not default_storage.exists("evidence")


def test_anonymous_cannot_deposit(upload):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied) as caught:
        services.deposit_create(actor=AnonymousUser(), upload=upload(), title="合同")
    assert caught.value.code == EvidenceErrorCode.LOGIN_REQUIRED
    _nothing_logged()


def test_depositing_for_an_organisation_needs_a_staff_role_over_it(users, tree, upload):
    with pytest.raises(PermissionDenied):
        services.deposit_create(
            actor=users["drafter"], upload=upload(), title="x", organization=tree.other_town
        )
    with pytest.raises(PermissionDenied):
        services.deposit_create(
            actor=users["public"], upload=upload(), title="x", organization=tree.city
        )
    _nothing_logged()
    deposit = services.deposit_create(
        actor=users["drafter"], upload=upload(), title="x", organization=tree.market
    )
    assert deposit.organization == tree.market


def test_erasure_removes_the_file_and_private_details_but_keeps_the_entry(
    users, upload, django_capture_on_commit_callbacks
):
    deposit = services.deposit_create(
        actor=users["public"], upload=upload(b"secret"), title="合同", description="私密说明"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.deposit_erase_file(actor=users["public"], deposit=deposit, reason="本人申请删除")
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.FILE_ERASED
    assert (deposit.original_name, deposit.description) == ("", "")
    assert not default_storage.exists(deposit.storage_name)
    assert LogEntry.objects.filter(index=deposit.entry_id).exists()
    assert log.audit().ok
    assert [e.event_type for e in DomainEvent.objects.order_by("id")] == [
        EvidenceEvent.DEPOSITED,
        EvidenceEvent.FILE_ERASED,
    ]
    # History keeps who changed the status, never the erased personal details.
    history_fields = {f.name for f in deposit.history.model._meta.get_fields()}
    assert not {"title", "original_name", "description"} & history_fields


def test_erasure_keeps_a_file_another_deposit_still_holds(
    users, upload, django_capture_on_commit_callbacks
):
    first = services.deposit_create(actor=users["public"], upload=upload(b"shared"), title="a")
    services.deposit_create(actor=users["drafter"], upload=upload(b"shared"), title="b")
    with django_capture_on_commit_callbacks(execute=True):
        services.deposit_erase_file(actor=users["public"], deposit=first, reason="申请")
    assert default_storage.exists(first.storage_name)


def test_erasure_is_refused_to_others_twice_and_without_reason(users, upload):
    deposit = services.deposit_create(actor=users["public"], upload=upload(), title="合同")
    with pytest.raises(PermissionDenied) as caught:
        services.deposit_erase_file(actor=users["drafter"], deposit=deposit, reason="x")
    assert caught.value.code == EvidenceErrorCode.NOT_YOURS
    with pytest.raises(ValidationFailed) as caught:
        services.deposit_erase_file(actor=users["public"], deposit=deposit, reason=" ")
    assert (caught.value.code, caught.value.field) == (EvidenceErrorCode.REQUIRED, "reason")
    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.DEPOSITED
    assert default_storage.exists(deposit.storage_name)
    services.deposit_erase_file(actor=users["administrator"], deposit=deposit, reason="法院裁定")
    # A second erasure is refused by the declared step's state (409, like every procedure).
    with pytest.raises(Conflict) as caught:
        services.deposit_erase_file(actor=users["public"], deposit=deposit, reason="again")
    assert caught.value.code == EvidenceErrorCode.INVALID_TRANSITION


def test_anchor_logs_a_record_digest_provably():
    digest = hashlib.sha256(b"case file 42").digest()
    anchor = services.anchor(
        kind="enforcement_case", reference="enforcement.case:42", digest=digest
    )
    assert Anchor.objects.get().digest == digest.hex()
    certificate = selectors.certificate_for_entry(anchor.entry)
    domain.verify_certificate(
        certificate, trusted_public_key=keys.public_key_bytes(), file_sha256=digest.hex()
    )
    assert json.loads(bytes(anchor.entry.data))["reference"] == "enforcement.case:42"


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"digest": b"short"}, EvidenceErrorCode.INVALID_HASH, "digest"),
        ({"digest": "zz" * 32}, EvidenceErrorCode.INVALID_HASH, "digest"),
        ({"reference": "张三的案件"}, EvidenceErrorCode.INVALID_REFERENCE, "reference"),
        ({"kind": ""}, EvidenceErrorCode.INVALID_KIND, "kind"),
    ],
)
def test_bad_anchors_are_refused(kwargs, code, field):
    arguments = {"kind": "audit_digest", "reference": "core.audit:2022-09-01", "digest": "a" * 64}
    arguments.update(kwargs)
    with pytest.raises(ValidationFailed) as caught:
        services.anchor(**arguments)
    assert (caught.value.code, caught.value.field) == (code, field)
    _nothing_logged()


def test_certificate_proves_the_deposit_against_the_head_signed_with_it(users, upload):
    first = services.deposit_create(actor=users["public"], upload=upload(b"one"), title="1")
    for i in range(4):
        services.deposit_create(actor=users["public"], upload=upload(bytes([i])), title="n")
    certificate = selectors.certificate_for_entry(first.entry)
    assert certificate.tree_head.tree_size == 1
    later = selectors.certificate_for_entry(first.entry, head=log.latest_head())
    assert later.tree_head.tree_size == 5
    for cert in (certificate, later):
        domain.verify_certificate(
            cert,
            trusted_public_key=keys.public_key_bytes(),
            file_sha256=hashlib.sha256(b"one").hexdigest(),
        )
    assert merkle.verify_inclusion(
        later.leaf_hash, 0, 5, later.inclusion_proof, later.tree_head.root_hash
    )


def test_daily_audit_digest_is_anchored_once_and_recomputable(db, tree, users):
    import datetime as dt

    from django.utils import timezone

    from fazhi.core import services as core_services
    from fazhi.core.selectors import domain_event_digest
    from fazhi.core.tasks import run_daily_jobs
    from fazhi.evidence.models import Anchor

    core_services.person_create(actor=users["administrator"], organization=tree.market, name="甲")
    today = timezone.localdate() + dt.timedelta(days=1)  # the sweep anchors "yesterday"
    run_daily_jobs(today)
    run_daily_jobs(today)
    anchored = Anchor.objects.get(kind="audit_digest")
    assert anchored.reference == f"core.events:{timezone.localdate().isoformat()}"
    digest, count = domain_event_digest(day=timezone.localdate())
    assert count == 1 and anchored.digest == digest
