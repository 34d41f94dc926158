from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        # The empty choice of model choice lists (Django's documented hook, read when a field's
        # choices are built); core.forms.FormRenderer covers whatever is drawn with another label.
        from django.db.models import fields

        from fazhi.core.forms import EMPTY_CHOICE_LABEL

        fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE_LABEL

        # Each app declares its deadlines and figures in these modules (architecture.md).
        autodiscover_modules("clocks")
        autodiscover_modules("indicators")
        from fazhi.core import schema

        schema.configure()
        from fazhi.core import displays

        displays.install()
        from fazhi.core import lengths

        lengths.install()
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.models import Clock, Organization, Person, Role
        from fazhi.core.navigation import NavItem

        history.register(Organization, lambda organization: organization)
        history.register(Person, lambda person: person.organization)
        history.register(Clock, lambda clock: clock.organization)

        navigation.register(
            "workbench",
            _("工作台"),
            [
                NavItem("core:dashboard", _("首页")),
                NavItem("core:my_work", _("待我处理")),
                NavItem("core:deadlines", _("期限提醒")),
                NavItem("core:notifications", _("通知")),
            ],
            order=0,
        )
        navigation.register(
            "basics",
            _("基础数据"),
            [
                NavItem("core:organizations", _("组织机构")),
                NavItem("core:people", _("人员")),
                NavItem("core:users", _("账号与角色"), roles=frozenset({Role.ADMINISTRATOR})),
                NavItem(
                    "core:calendar_days",
                    _("节假日调整"),
                    roles=frozenset({Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER}),
                ),
            ],
            order=90,
        )
        navigation.register(
            "tools",
            _("工具"),
            [
                NavItem("core:deadline_calculator", _("期限计算")),
                NavItem("core:indicators", _("指标")),
            ],
            order=95,
        )
