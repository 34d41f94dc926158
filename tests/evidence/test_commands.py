"""``fazhi evidence audit`` and the offline verifier ``fazhi verify``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from fazhi.evidence import keys, selectors, services

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _deposit(user, content: bytes):
    return services.deposit_create(actor=user, upload=SimpleUploadedFile("f", content), title="t")


def test_audit_reports_a_healthy_log_and_moves_the_witness_forward(users, witness_path):
    _deposit(users["public"], b"first")
    assert _run("evidence", "witness", "save")[0] == 0
    for i in range(3):
        _deposit(users["public"], bytes([i]))
    code, out, _ = _run("evidence", "audit")
    assert code == 0
    assert "4 条记录" in out
    assert json.loads(witness_path.read_text())["tree_size"] == 4


def test_audit_without_a_witness_fails_unless_told(users):
    _deposit(users["public"], b"first")
    code, _, err = _run("evidence", "audit")
    assert code == 1
    assert "没有见证树头" in err
    assert _run("evidence", "audit", "--no-witness")[0] == 0


def test_audit_reports_the_first_tampered_entry(users):
    deposits = [_deposit(users["public"], bytes([i])) for i in range(4)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            'UPDATE evidence_logentry SET data = %s WHERE "index" = %s',
            [b'{"forged":1}', deposits[2].entry_id],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")
    code, _, err = _run("evidence", "audit", "--no-witness")
    assert code == 1
    assert "第 2 条记录" in err


@pytest.fixture
def certificate_files(users, tmp_path):
    deposit = _deposit(users["public"], b"the deposited file")
    _deposit(users["public"], b"a later one")
    certificate = selectors.certificate_for_entry(deposit.entry).as_dict()
    paths = {
        "certificate": tmp_path / "certificate.json",
        "file": tmp_path / "file.bin",
        "key": tmp_path / "log.pem",
    }
    paths["certificate"].write_text(json.dumps(certificate))
    paths["file"].write_bytes(b"the deposited file")
    paths["key"].write_text(keys.public_key_pem())
    return paths, certificate


def test_offline_verify_accepts_a_good_certificate_and_file(certificate_files):
    paths, _ = certificate_files
    code, out, _ = _run(
        "verify", str(paths["certificate"]), str(paths["file"]), "--public-key", str(paths["key"])
    )
    assert code == 0
    assert "有效" in out and "SHA-256 与证书一致" in out


def test_offline_verify_without_a_key_names_the_log_to_compare(certificate_files):
    paths, _ = certificate_files
    code, out, _ = _run("verify", str(paths["certificate"]))
    assert code == 0
    assert keys.log_id() in out and "--public-key" in out


def test_offline_verify_rejects_a_tampered_certificate_with_the_reason(certificate_files):
    paths, certificate = certificate_files
    certificate["entry"]["time"] = "2001-01-01T00:00:00.000Z"
    paths["certificate"].write_text(json.dumps(certificate))
    code, _, err = _run("verify", str(paths["certificate"]), str(paths["file"]))
    assert code == 1
    assert "包含证明不成立" in err


def test_offline_verify_rejects_the_wrong_file(certificate_files, tmp_path):
    paths, _ = certificate_files
    other = tmp_path / "other.bin"
    other.write_bytes(b"something else")
    code, _, err = _run("verify", str(paths["certificate"]), str(other))
    assert code == 1
    assert "文件与证书不符" in err


def test_offline_verify_rejects_a_certificate_from_another_log(certificate_files, tmp_path):
    paths, _ = certificate_files
    other_key = tmp_path / "other.pem"
    other_key.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    code, _, err = _run("verify", str(paths["certificate"]), "--public-key", str(other_key))
    assert code == 1
    assert "另一个日志" in err


@pytest.mark.parametrize("content", ["not json", "{}", "[]"])
def test_offline_verify_rejects_garbage(tmp_path, content):
    path = tmp_path / "c.json"
    path.write_text(content)
    code, _, err = _run("verify", str(path))
    assert code == 1
    assert "证书格式不正确" in err


def test_offline_verify_reports_a_missing_file(tmp_path):
    code, _, err = _run("verify", str(tmp_path / "missing.json"))
    assert code == 1
    assert "无法读取文件" in err


def test_key_is_generated_once_and_reused(tmp_path, monkeypatch):
    path = tmp_path / "k" / "key.pem"
    monkeypatch.setenv(keys.KEY_PATH_ENV, str(path))
    first = keys.public_key_bytes()
    assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
    keys._load.cache_clear()
    assert keys.public_key_bytes() == first
    assert Path(path).read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
