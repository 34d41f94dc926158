"""Domain-event kinds of learning, exams, 述法 and publicity, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "learning.requirement_set": _("设置年度学时要求"),
    "learning.session_created": _("登记学法培训"),
    "learning.attendance_recorded": _("登记培训签到"),
    "learning.session_closed": _("培训归档"),
    "learning.question_created": _("新增试题"),
    "learning.sitting_created": _("新建考试场次"),
    "learning.sitting_opened": _("开考"),
    "learning.sitting_closed": _("结束考试"),
    "learning.paper_assigned": _("考生报名并组卷"),
    "learning.paper_started": _("开始答题"),
    "learning.paper_graded": _("交卷评分"),
    "learning.paper_expired": _("超时收卷评分"),
    "learning.report_recorded": _("登记述法"),
    "learning.report_evaluated": _("述法评议"),
    "learning.report_rectified": _("整改完成"),
    "learning.selection_created": _("发起以案释法评选"),
    "learning.selection_closed": _("评选结束"),
    "learning.case_submitted": _("报送以案释法案例"),
    "learning.case_scored": _("评委评分"),
    "learning.case_awarded": _("评定奖项"),
    "learning.case_not_awarded": _("未获奖"),
    "publicity.programme_created": _("新建普法栏目"),
    "publicity.episode_aired": _("登记节目播出"),
    "publicity.views_recorded": _("登记观看人次"),
    "publicity.duty_created": _("登记普法责任事项"),
    "publicity.duty_completed": _("普法责任事项完成"),
}
