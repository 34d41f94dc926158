"""Domain-event kinds of grassroots rule of law, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "grassroots.registered": _("登记入册"),
    "grassroots.activity_recorded": _("登记履职活动"),
    "grassroots.training_recorded": _("登记培训学时"),
    "grassroots.withdrawn": _("退出名册"),
    "grassroots.committee_created": _("成立依法治镇(街道)委员会"),
    "grassroots.member_added": _("增补委员会成员"),
    "grassroots.meeting_recorded": _("登记委员会会议"),
    "grassroots.committee_dissolved": _("撤销委员会"),
    "grassroots.team_created": _("组建“1+N”法治员队伍"),
    "grassroots.team_member_added": _("增补法治员"),
    "grassroots.village_recognised": _("命名民主法治村"),
    "grassroots.village_revoked": _("撤销民主法治村命名"),
}
