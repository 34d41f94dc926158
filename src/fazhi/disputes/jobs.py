"""Background exports of people's mediation (the ledger export takes seconds: not in a request)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from fazhi.core.exports import xlsx_bytes
from fazhi.disputes import selectors
from fazhi.jobs.registry import Outcome, job_runner

EXPORT_LIMIT = 20000
PROGRESS_EVERY = 500


def ledger_headers() -> list[str]:
    return [
        _("案号"),
        _("调解委员会"),
        _("纠纷类型"),
        _("来源"),
        _("登记日期"),
        _("状态"),
        _("调解结果"),
        _("结案日期"),
    ]


@job_runner
def ledger_export(job: Any, progress: Callable[[int, int], None]) -> Outcome:
    """The case ledger as the requester may see it, filtered as on the page."""
    user = get_user_model().objects.get(pk=job.user_id)
    params = job.params or {}
    cases = selectors.case_list(
        user=user,
        search=params.get("search", ""),
        status=params.get("status", ""),
        kind=params.get("kind", ""),
    )[:EXPORT_LIMIT]
    total = cases.count()
    progress(0, total)

    def rows() -> Iterator[list[Any]]:
        for n, c in enumerate(cases.iterator(chunk_size=1000), start=1):
            if n % PROGRESS_EVERY == 0:
                progress(n, total)
            yield [
                c.case_no,
                c.organization.name,
                c.get_kind_display(),
                c.get_source_display(),
                c.registered_on,
                c.get_status_display(),
                c.get_outcome_display(),
                c.concluded_on,
            ]
        progress(total, total)

    title = _("调解案件")
    content = xlsx_bytes(title=title, headers=ledger_headers(), rows=rows())
    return Outcome(
        message=_("已导出 %(count)s 件。") % {"count": total}, content=content, title=title
    )
