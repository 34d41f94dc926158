from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "fazhi.grassroots"
    label = "grassroots"
    verbose_name = _("基层法治")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem
        from fazhi.grassroots import models as m

        for model, organization_of in [
            (m.Registration, lambda r: r.organization),
            (m.TownCommittee, lambda c: c.town),
            (m.CommitteeMember, lambda x: x.committee.town),
            (m.CommitteeMeeting, lambda x: x.committee.town),
            (m.LegalTeam, lambda t: t.town),
            (m.TeamMember, lambda x: x.team.town),
            (m.DemocraticVillage, lambda v: v.village),
        ]:
            history.register(model, organization_of)
        navigation.register(
            "grassroots",
            _("基层法治"),
            [
                NavItem("grassroots:registrations", _("法律明白人等名册")),
                NavItem("grassroots:coverage", _("法律明白人覆盖")),
                NavItem("grassroots:committees", _("依法治镇(街道)委员会")),
                NavItem("grassroots:teams", _("“1+N”法治员队伍")),
                NavItem("grassroots:villages", _("民主法治村")),
            ],
            order=75,
        )
