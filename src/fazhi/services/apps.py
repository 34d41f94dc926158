from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "fazhi.services"
    label = "services"
    verbose_name = _("公共法律与政务服务")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem, PortalEntry, register_portal
        from fazhi.services import models

        hidden = frozenset({"applicant_id_number", "subject_id_number", "deceased_id_number"})
        for model in (
            models.OneThing,
            models.OneThingApplication,
            models.CertificateItem,
            models.VerificationRequest,
            models.Commitment,
            models.NotaryItem,
            models.EstateInquiry,
            models.Rectification,
        ):
            history.register(model, lambda obj: obj.organization, hidden_fields=hidden)
        # Wills are private to the testator and authorised staff: no history page, whose
        # read rule (any reader of the unit) would be wider than the will's own.
        staff = frozenset({Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER})
        navigation.register(
            "services",
            _("公共服务"),
            [
                NavItem("services:one_things", _("一件事目录")),
                NavItem("services:applications", _("一件事申请")),
                NavItem("services:evaluations", _("好差评")),
                NavItem("services:certificate_items", _("证明事项目录")),
                NavItem("services:verifications", _("证明事项核验")),
                NavItem("services:commitments", _("告知承诺")),
                NavItem("services:notary_items", _("公证最多跑一次")),
                NavItem("services:wills", _("遗嘱登记"), staff | {Role.ADMINISTRATOR}),
                NavItem("services:estates", _("遗产继承一件事")),
            ],
            order=70,
        )
        for url_name, title, text, order in (
            ("services-portal:one_things", _("一件事"), _("联办事项目录和在线申请"), 60),
            ("services-portal:estate_apply", _("遗产继承一件事"), _("遗产查询申请"), 61),
            ("services-portal:mine", _("我的办件"), _("查看办理进度并评价"), 62),
            ("services-portal:notary_items", _("公证“最多跑一次”"), _("事项清单"), 63),
            ("services-portal:notary_lookup", _("公证书查询"), _("按公证书编号查询"), 64),
        ):
            register_portal(PortalEntry(url_name, title, text, order=order))
