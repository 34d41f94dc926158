"""Tables of the evidence log and of deposits.

The log itself is four append-only tables (``LogEntry``, ``SubtreeHash``, ``SignedTreeHead``,
``Anchor``; on PostgreSQL a trigger refuses UPDATE and DELETE on them) plus one mutable row,
``LogHead``, whose row lock serialises appends.  ``SubtreeHash`` keeps the hash of every perfect
aligned subtree completed so far (about two rows per entry), so appending and proving are
O(log n) look-ups, never a re-hash of the tree.

``Deposit`` is the depositor's private record (file name, description, who): it points at its
log entry, which holds hashes only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.models import Organization
from fazhi.evidence.domain import EntryType

APPEND_ONLY_TABLES = (
    "evidence_logentry",
    "evidence_subtreehash",
    "evidence_signedtreehead",
    "evidence_anchor",
)


def subtree_key(start: int, end: int) -> int:
    """Primary key of the perfect subtree ``[start, end)``: its start and its height."""
    return start * 64 + (end - start).bit_length() - 1


class LogHead(models.Model):
    """The one row saying how far the log has grown; locked by every append."""

    tree_size = models.PositiveBigIntegerField(default=0)
    root_hash = models.BinaryField(max_length=32)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("日志状态")
        verbose_name_plural = _("日志状态")

    def __str__(self) -> str:
        return f"{self.tree_size}"


class LogEntry(models.Model):
    index = models.PositiveBigIntegerField(_("序号"), primary_key=True)
    entry_type = models.CharField(
        _("类型"), max_length=10, choices=[(t.value, t.value) for t in EntryType]
    )
    data = models.BinaryField(_("条目"))
    leaf_hash = models.BinaryField(max_length=32)
    logged_at = models.DateTimeField(_("记录时间"), db_index=True)

    class Meta:
        verbose_name = _("日志条目")
        verbose_name_plural = _("日志条目")
        ordering = ["index"]

    def __str__(self) -> str:
        return f"#{self.index}"


class SubtreeHash(models.Model):
    key = models.PositiveBigIntegerField(primary_key=True)
    hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("子树哈希")
        verbose_name_plural = _("子树哈希")

    def __str__(self) -> str:
        return f"{self.key}"


class SignedTreeHead(models.Model):
    """One signed statement "the log had ``tree_size`` entries with this root at this time"."""

    tree_size = models.PositiveBigIntegerField(_("树大小"), unique=True)
    root_hash = models.BinaryField(max_length=32)
    timestamp = models.PositiveBigIntegerField(_("签名时间(毫秒)"))
    signature = models.BinaryField(max_length=64)
    log_id = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("签名树头")
        verbose_name_plural = _("签名树头")
        ordering = ["tree_size"]

    def __str__(self) -> str:
        return f"STH {self.tree_size}"


class Anchor(models.Model):
    """A record of another app (a case file, the daily audit digest) fixed in the log."""

    entry = models.OneToOneField(
        LogEntry, primary_key=True, on_delete=models.PROTECT, related_name="anchor"
    )
    kind = models.CharField(_("类别"), max_length=40)
    reference = models.CharField(_("记录"), max_length=120, db_index=True)
    digest = models.CharField(_("摘要"), max_length=64, db_index=True)
    anchored_at = models.DateTimeField(_("锚定时间"), db_index=True)

    class Meta:
        verbose_name = _("锚定记录")
        verbose_name_plural = _("锚定记录")
        ordering = ["entry"]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


REASON_MAX = 300  # the lawful basis of an erasure


class DepositStatus(models.TextChoices):
    DEPOSITED = "deposited", _("已存证")
    FILE_ERASED = "file_erased", _("文件已删除")


class Deposit(models.Model):
    """A file deposited by a logged-in person or company; the file is stored by its SHA-256."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    depositor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("存证人"),
        on_delete=models.PROTECT,
        related_name="evidence_deposits",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("代表单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("名称"), max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    description = models.TextField(_("说明"), blank=True)
    file_sha256 = models.CharField(_("文件SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小(字节)"))
    media_type = models.CharField(_("文件类型"), max_length=127)
    depositor_ref = models.CharField(max_length=64)
    entry = models.OneToOneField(
        LogEntry, verbose_name=_("日志条目"), on_delete=models.PROTECT, related_name="deposit"
    )
    deposited_at = models.DateTimeField(_("存证时间"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=DepositStatus.choices, default=DepositStatus.DEPOSITED
    )
    erased_at = models.DateTimeField(_("删除时间"), null=True, blank=True)
    erasure_reason = models.CharField(_("删除依据"), max_length=REASON_MAX, blank=True)
    # Titles, names and descriptions are the depositor's private details (and may be personal
    # data an erasure must really remove): history keeps the status trail only.
    history = HistoricalRecords(excluded_fields=["title", "original_name", "description"])

    class Meta:
        verbose_name = _("存证")
        verbose_name_plural = _("存证")
        ordering = ["-deposited_at", "-entry"]
        indexes = [models.Index(fields=["depositor", "deposited_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def storage_name(self) -> str:
        return storage_name_for(self.file_sha256)


def storage_name_for(file_sha256: str) -> str:
    """Content address of a deposited file in ``default_storage``."""
    return f"evidence/{file_sha256[:2]}/{file_sha256}"
