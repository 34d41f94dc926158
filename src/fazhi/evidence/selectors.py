"""Reads of the evidence app: a depositor's own deposits, signed heads, entries, certificates.

Private details of a deposit (title, file name, description, the file itself) are for its
depositor only; everything in the log (entries, heads, proofs) is public by design, because it
holds hashes only.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.evidence import keys, log
from fazhi.evidence.domain import Certificate, TreeHead
from fazhi.evidence.error_codes import EvidenceErrorCode
from fazhi.evidence.models import Deposit, LogEntry, SignedTreeHead

ENTRY_PAGE_MAX = 1000


def deposit_list(*, user, search: str = "", status: str = "") -> QuerySet[Deposit]:
    """The user's own deposits, newest first; nobody lists anyone else's."""
    if user is None or not user.is_authenticated:
        return Deposit.objects.none()
    queryset = Deposit.objects.filter(depositor=user).select_related("entry", "organization")
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search)
            | Q(original_name__icontains=search)
            | Q(file_sha256=search.lower())
        )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def _not_found() -> NotFound:
    return NotFound(EvidenceErrorCode.NOT_FOUND, _("存证不存在。"), field="deposit")


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise _not_found() from None


def deposit_get_own(*, user, deposit_id: Any) -> Deposit:
    """A deposit with its private details, for its depositor; anyone else gets "not found"."""
    deposit = deposit_list(user=user).filter(pk=_uuid(deposit_id)).first()
    if deposit is None:
        raise _not_found()
    return deposit


def deposit_get(*, user, pk: Any) -> Deposit:
    """``deposit_get_own`` as the declared procedure's getter (the generic step page)."""
    return deposit_get_own(user=user, deposit_id=pk)


def deposit_get_public(*, deposit_id: Any) -> Deposit:
    """A deposit for the public verification page (callers show only its log facts)."""
    deposit = Deposit.objects.select_related("entry").filter(pk=_uuid(deposit_id)).first()
    if deposit is None:
        raise _not_found()
    return deposit


def deposits_by_file_hash(file_sha256: str, *, limit: int = 20) -> list[Deposit]:
    return list(
        Deposit.objects.filter(file_sha256=file_sha256)
        .select_related("entry")
        .order_by("entry")[:limit]
    )


def entry_json(entry: LogEntry) -> dict[str, Any]:
    """The stored entry decoded (canonical JSON of strings and integers)."""
    return json.loads(bytes(entry.data))


def head_get(tree_size: Any, *, field: str = "tree_size") -> SignedTreeHead:
    """The signed head of exactly ``tree_size`` entries, or ``head_not_found``."""
    try:
        size = int(tree_size)
    except (TypeError, ValueError):
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_SIZE, _("树大小必须是正整数。"), field=field
        ) from None
    if size <= 0:
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_SIZE, _("树大小必须是正整数。"), field=field
        )
    head = SignedTreeHead.objects.filter(tree_size=size).first()
    if head is None:
        raise NotFound(
            EvidenceErrorCode.HEAD_NOT_FOUND,
            _("本日志没有大小为 %(size)s 的签名树头。") % {"size": size},
            field=field,
        )
    return head


def head_latest() -> SignedTreeHead | None:
    return log.latest_head()


def head_list() -> QuerySet[SignedTreeHead]:
    return SignedTreeHead.objects.order_by("-tree_size")


def tree_head(head: SignedTreeHead) -> TreeHead:
    return TreeHead(
        tree_size=head.tree_size,
        root_hash=bytes(head.root_hash),
        timestamp=head.timestamp,
        signature=bytes(head.signature),
    )


def entries_range(start: int, end: int) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(index__gte=start, index__lt=end).order_by("index")


def certificate_for_entry(
    entry: LogEntry, *, verify_url: str = "", head: SignedTreeHead | None = None
) -> Certificate:
    """Entry, index, signed head and inclusion proof, with the log's public key.

    By default the head is the one signed with the entry, so a certificate never changes;
    ``head`` asks for a proof against a later head instead.
    """
    head = head or log.head_covering(entry.index)
    if head is None or head.tree_size <= entry.index:
        raise NotFound(
            EvidenceErrorCode.HEAD_NOT_FOUND, _("该条目尚无签名树头。"), field="tree_size"
        )
    return Certificate(
        public_key=keys.public_key_for(head.log_id),
        entry=entry_json(entry),
        leaf_index=entry.index,
        tree_head=tree_head(head),
        inclusion_proof=log.inclusion_proof(entry.index, head.tree_size),
        verify_url=verify_url,
    )
