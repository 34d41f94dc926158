from django.apps import AppConfig


class LawbaseConfig(AppConfig):
    name = "fazhi.lawbase"
    label = "lawbase"
    verbose_name = "法律法规库"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem
        from fazhi.lawbase.models import Article, Law

        # Laws belong to no organisation: their history is for those who read everything.
        history.register(Law, lambda law: None)
        history.register(Article, lambda article: None)
        navigation.register(
            "lawbase",
            _("法律法规"),
            [
                NavItem("lawbase:search", _("法规检索")),
                NavItem("lawbase:laws", _("法律法规库")),
                NavItem("lawbase:citations", _("引用核对")),
            ],
            order=60,
        )

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "lawbase-portal:search",
                _("法律法规查询"),
                _("检索法律、行政法规和地方性法规全文"),
                order=70,
            )
        )
