"""Tamper-evident evidence log: Merkle tree hashing, proofs and their verification."""

from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "fazhi.evidence"
    label = "evidence"
    verbose_name = "实时保存证"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem
        from fazhi.evidence.models import Deposit

        history.register(
            Deposit,
            lambda deposit: deposit.organization,
            hidden_fields=frozenset({"title", "original_name", "description"}),
        )
        navigation.register(
            "evidence",
            _("实时保"),
            [
                NavItem("evidence:deposits", _("我的存证")),
                NavItem("evidence:deposit_create", _("新建存证")),
                NavItem("evidence_portal:verify", _("存证验证")),
            ],
            order=80,
        )

        from django.utils.translation import gettext_lazy as portal_text

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "evidence_portal:verify",
                portal_text("实时保存证核验"),
                portal_text("核验存证证书与文件是否一致、是否已存证"),
                order=60,
            )
        )

        import datetime as dt

        from fazhi.core.tasks import register_daily

        def audit_digest(today: dt.date) -> object:
            # The services load when the sweep runs, not at start-up.
            from fazhi.evidence.services import audit_digest_anchor

            return audit_digest_anchor(day=today - dt.timedelta(days=1))

        register_daily("evidence.audit_digest", audit_digest)
