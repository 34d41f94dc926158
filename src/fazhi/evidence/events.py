"""Domain-event types the evidence app writes to a record's timeline."""

from enum import StrEnum


class EvidenceEvent(StrEnum):
    DEPOSITED = "evidence_deposited"
    FILE_ERASED = "evidence_file_erased"
