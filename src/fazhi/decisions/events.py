"""Domain-event types written on a decision's timeline (one per transition)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DecisionEvent(StrEnum):
    CATALOG_CREATED = "decisions.catalog_created"
    ENTRY_PROPOSED = "decisions.entry_proposed"
    CATALOG_APPROVED = "decisions.catalog_approved"
    CATALOG_PUBLISHED = "decisions.catalog_published"
    CATALOG_ADJUSTED = "decisions.catalog_adjusted"
    LAUNCHED = "decisions.launched"
    STEP_STARTED = "decisions.step_started"
    STEP_COMPLETED = "decisions.step_completed"
    STEP_SKIPPED = "decisions.step_skipped"
    CHECK_RECORDED = "decisions.check_recorded"
    COLLECTIVE_DISCUSSED = "decisions.collective_discussed"
    PUBLISHED = "decisions.published"
    IMPLEMENTATION_REPORTED = "decisions.implementation_reported"
    EVALUATION_COMMISSIONED = "decisions.evaluation_commissioned"
    EVALUATION_COMPLETED = "decisions.evaluation_completed"
    CHANGED = "decisions.changed"
    ATTACHMENT_ADDED = "decisions.attachment_added"


EVENT_LABELS: dict[str, StrOrPromise] = {
    DecisionEvent.CATALOG_CREATED: _("创建年度目录"),
    DecisionEvent.ENTRY_PROPOSED: _("申报目录事项"),
    DecisionEvent.CATALOG_APPROVED: _("审定目录"),
    DecisionEvent.CATALOG_PUBLISHED: _("公布目录"),
    DecisionEvent.CATALOG_ADJUSTED: _("调整目录"),
    DecisionEvent.LAUNCHED: _("启动决策程序"),
    DecisionEvent.STEP_STARTED: _("开始程序"),
    DecisionEvent.STEP_COMPLETED: _("办结程序"),
    DecisionEvent.STEP_SKIPPED: _("程序依法不适用"),
    DecisionEvent.CHECK_RECORDED: _("记录“三查”"),
    DecisionEvent.COLLECTIVE_DISCUSSED: _("集体讨论决定"),
    DecisionEvent.PUBLISHED: _("公布决策"),
    DecisionEvent.IMPLEMENTATION_REPORTED: _("报告执行情况"),
    DecisionEvent.EVALUATION_COMMISSIONED: _("启动决策后评估"),
    DecisionEvent.EVALUATION_COMPLETED: _("办结决策后评估"),
    DecisionEvent.CHANGED: _("调整、中止或停止执行"),
    DecisionEvent.ATTACHMENT_ADDED: _("上传材料"),
}
