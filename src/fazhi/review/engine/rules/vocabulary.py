"""Shared regex fragments for the rule data, written as ``{NAME}`` inside rule patterns.

Patterns run on text normalised by :func:`fazhi.review.engine.text.normalise`, so full-width
punctuation has become ASCII: ``，`` is ``,``, ``；`` is ``;``, ``：`` is ``:``, ``（）`` are ``()``.
Fragments may use other fragments defined before them.
"""

from __future__ import annotations

import re

MACROS: dict[str, str] = {}


def _define(name: str, pattern: str) -> None:
    for key, value in MACROS.items():
        pattern = pattern.replace("{" + key + "}", value)
    MACROS[name] = pattern


# A character inside a sentence / inside a clause (clauses also end at commas and colons).
_define("S", r"[^。;!?\n]")
_define("C", r"[^。;!?\n,:]")
_define("HAN", r"[\u4e00-\u9fff]")
# A character of a place name: Han, but not a function word that would drag the match leftwards.
_define(
    "PN",
    r"(?:(?![在于对向从由将把被的和与及或等为是有并其各该本我这那之以可应须需按照据者内外年月日到送报收给提交经过至"
    r"上])[\u4e00-\u9fff])",
)
# Numbers written in figures or in Chinese numerals.
_define("NUM", r"[0-9一二三四五六七八九十百千两零〇.]+")
# One-character abbreviations of provinces and of some Zhejiang cities ("在京企业", "在萧企业").
_define(
    "ABBR",
    r"[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新蒙杭甬温绍嘉湖衢婺"
    r"台丽舟锡常萧]",
)
# The drafter's own locality, named indirectly.
_define(
    "LOCAL",
    r"(?:本地区?|当地|本(?:省|市|县|区|州|镇|乡|旗|辖区)(?:内|域内?)?|辖区内?|"
    r"(?:省|市|县|区|州|镇)(?:域)?内|县域内?|市域内?|我(?:省|市|县|区|州|镇|乡|旗)|本土|"
    r"(?:甲方|采购人|招标人|项目)所在地|域内|该(?:省|市|县|区|镇))",
)
# Provinces by short name, for "在广西注册" and the like.
_define(
    "PROV",
    r"(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|"
    r"湖北|湖南|广东|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|内蒙古)",
)
# A named place: an administrative unit or a park, optionally "within" it.
_define(
    "PLACE",
    r"(?:(?:某|{PN}{1,10}?)(?:自治区|自治州|自治县|省|市|县|区|州|旗|盟|镇|乡|街道|开发区|新区|"
    r"高新区|经开区|园区|产业园|工业园)"
    r"(?<!城市)(?<!超市)(?<!门市)(?<!股市)(?<!夜市)(?<!菜市)(?<!集市)(?<!节省)(?<!城镇)(?<!乡镇)"
    r"(?<!小区)(?<!社区)(?<!专区)(?<!分区)(?<!误区)(?<!盲区)(?<!景区)(?<!片区)|{PROV})"
    r"(?:内|境内|域内|辖区内|行政区域内?|范围内)?",
)
_define("WHERE", r"(?:{LOCAL}|{PLACE})")
# Nation-wide places, never a local restriction.
_define("UNIVERSAL", r"(?:中华人民共和国|中国|我国|国内|全国|境内外|国家)")
# Somewhere other than here.
_define(
    "NONLOCAL",
    r"(?:外地|非本地|外省|省外|市外|县外|区外|外埠|外市|外县|非本(?:省|市|县|区|州)|"
    r"(?:行政)?区域外|(?:区域|范围|辖区)(?:以外|之外)|未在{HAN}{1,8}注册)",
)
_define(
    "REWARD",
    r"(?:奖励|奖补|补助|补贴|资助|扶持资金|专项资金|财政资金|支持资金|资金支持|补偿|返还|"
    r"兑现|扶持|倾斜|支持)",
)
# Taxes paid or "contribution" to local revenue.
_define(
    "TAX",
    r"(?:(?:地方|区级|县级|市级|镇级|本级|区域)(?:综合)?(?:经济|财政|社会)?贡献|"
    r"(?:综合|经济|财政|税收)贡献|贡献度|对地方的?(?:实际)?贡献|地方(?:留成|留存)|"
    r"(?:本级|地方)?留(?:成|存)部分|入库税(?:收|额|金)?|纳税额|实缴税收|"
    r"(?:所得税|增值税|税收)(?:省级|市级|县级|区级|地方|本级)分成(?:增量)?部分|"
    r"缴纳(?:的)?(?:增值税|企业所得税|所得税|税收|税款|税金|税费)|所缴税费|"
    r"税收(?:总额|增量|增长|额|收入|结算|在)|上缴(?:的)?(?:税收|企业所得税|税款)|"
    r"(?:地方)?所得税收|缴纳税收|纳税(?:总额|金额))",
)
# A business operator as the object of a designation.
_define(
    "OPERATOR",
    r"(?:有限责任公司|股份有限公司|有限公司|集团公司|公司|企业|集团|医院|医疗机构|供应商|"
    r"服务商|厂家|厂商|经营者|商家|运营商|共保体|承保机构|检测机构|供货单位|供货商|"
    r"体检机构|代理机构|施工队伍|配送企业|保险公司|银行)",
)
# A specific, named operator: "某公司", or a name carrying a legal-form suffix.
_define(
    "NAMED",
    r"(?:{PN}{0,6}?某[^,。;:、\s]{0,12}?(?:公司|企业|集团|机构|医院|单位)|"
    r"[\u4e00-\u9fffA-Za-z()]{2,24}?(?:有限责任公司|股份有限公司|有限公司|集团有限公司|集团|"
    r"分公司|支公司)|"
    r"(?:区属|县属|市属|镇属|政府平台|城投|平台|国有)(?:公司|企业))",
)
# A reference to a legal basis.
_define(
    "LAWREF",
    r"(?:(?:依照|依据|按照|根据|遵照){S}{0,12}?《{S}{2,40}?(?:法|条例|规定|决定)》|依法|"
    r"(?:依照|依据|按照|根据|遵照)(?!本){S}{0,20}?(?:法律|法规|(?<!办)法(?:》|的|有关|相关|第|规定)|条例)|"
    r"法律、?(?:行政)?法规(?:另有)?规定|法律法规(?:另有)?规定|国家(?:有关)?规定|"
    r"国务院(?:决定|批准)|法定)",
)
# A prohibition aimed at the drafter ("不得设置…", "不得将…作为…"): the clause restates a
# standard rather than breaking it.
_define(
    "META",
    r"(?:不得|不应|不能|不准|严禁|禁止|不宜|防止|避免|杜绝|清理|纠正|废止|整改|查处|不再要求|"
    r"不再设置|无权)"
    r"(?:{C}{0,12}?(?:之外|以外|过程中|方面|时))?"
    r"(?:违法|违规|擅自|随意|变相|直接或者?间接)?"
    r"(?:制定|出台|设置|设定|设立|增设|新设|含有|规定|限定|指定|要求|实施|给予|采取|以|将|对|为|"
    r"排斥|限制|强制|干预|妨碍|另行|滥用|作为|收取|索要|附加|增加|违反|扣留|签订|组织|与|通过|"
    r"披露|在(?:法律|招标|政府采购|资质))",
)


def expand(pattern: str) -> str:
    """``pattern`` with every ``{NAME}`` fragment replaced by its regex."""
    for key, value in MACROS.items():
        pattern = pattern.replace("{" + key + "}", value)
    leftover = _UNKNOWN.search(pattern)
    if leftover:
        raise KeyError(f"unknown regex fragment {leftover.group(0)}")
    return pattern


_UNKNOWN = re.compile(r"\{[A-Z_]+\}")
