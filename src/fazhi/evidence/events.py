"""Domain-event types the evidence app writes to a record's timeline."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class EvidenceEvent(StrEnum):
    DEPOSITED = "evidence_deposited"
    FILE_ERASED = "evidence_file_erased"


EVENT_LABELS = {
    EvidenceEvent.DEPOSITED: _("电子存证"),
    EvidenceEvent.FILE_ERASED: _("删除存证原件"),
}
