"""Haining's structure for the demo dataset: real names of the city's bodies, synthetic people.

The city government, its departments and the twelve towns and streets are real (the 2022 annual
report and the city's public organisation list). Village and village-group names, and every
person, are synthetic: only their counts follow the report (145 villages, 2709 village groups,
3187 certified enforcement officers, 571 city-managed leaders).
"""

from __future__ import annotations

CITY = ("HN", "海宁市人民政府", "330481")

# (code, name, short name); the justice bureau and the comprehensive enforcement bureau are
# the two the platform leans on most.
DEPARTMENTS: list[tuple[str, str, str]] = [
    ("HN-D01", "海宁市人民政府办公室", "市府办"),
    ("HN-D02", "海宁市发展和改革局", "发改局"),
    ("HN-D03", "海宁市经济和信息化局", "经信局"),
    ("HN-D04", "海宁市教育局", "教育局"),
    ("HN-D05", "海宁市科学技术局", "科技局"),
    ("HN-D06", "海宁市公安局", "公安局"),
    ("HN-D07", "海宁市民政局", "民政局"),
    ("HN-D08", "海宁市司法局", "司法局"),
    ("HN-D09", "海宁市财政局", "财政局"),
    ("HN-D10", "海宁市人力资源和社会保障局", "人社局"),
    ("HN-D11", "嘉兴市生态环境局海宁分局", "生态环境分局"),
    ("HN-D12", "海宁市住房和城乡建设局", "住建局"),
    ("HN-D13", "海宁市交通运输局", "交通运输局"),
    ("HN-D14", "海宁市水利局", "水利局"),
    ("HN-D15", "海宁市农业农村局", "农业农村局"),
    ("HN-D16", "海宁市商务局", "商务局"),
    ("HN-D17", "海宁市文化和广电旅游体育局", "文广旅体局"),
    ("HN-D18", "海宁市卫生健康局", "卫生健康局"),
    ("HN-D19", "海宁市退役军人事务局", "退役军人事务局"),
    ("HN-D20", "海宁市应急管理局", "应急管理局"),
    ("HN-D21", "海宁市审计局", "审计局"),
    ("HN-D22", "海宁市市场监督管理局", "市场监管局"),
    ("HN-D23", "海宁市统计局", "统计局"),
    ("HN-D24", "海宁市医疗保障局", "医保局"),
    ("HN-D25", "海宁市综合行政执法局", "综合执法局"),
    ("HN-D26", "海宁市自然资源和规划局", "自然资源和规划局"),
    ("HN-D27", "海宁市人民防空办公室", "人防办"),
    ("HN-D28", "海宁市信访局", "信访局"),
    ("HN-D29", "海宁市数据资源管理局", "数据局"),
    ("HN-D30", "海宁市机关事务管理中心", "机关事务中心"),
    ("HN-D31", "海宁市民族宗教事务局", "民宗局"),
    ("HN-D32", "海宁市档案馆", "档案馆"),
    ("HN-D33", "海宁市气象局", "气象局"),
    ("HN-D34", "国家税务总局海宁市税务局", "税务局"),
    ("HN-D35", "海宁市烟草专卖局", "烟草专卖局"),
    ("HN-D36", "海宁市消防救援大队", "消防救援大队"),
    ("HN-D37", "海宁市行政服务中心", "行政服务中心"),
    ("HN-D38", "海宁市国有资产监督管理办公室", "国资办"),
    ("HN-D39", "海宁经济开发区管理委员会", "经济开发区"),
    ("HN-D40", "海宁市供销合作总社", "供销社"),
]

JUSTICE_BUREAU = "HN-D08"
ENFORCEMENT_BUREAU = "HN-D25"
MARKET_REGULATION = "HN-D22"

# (code, name, is_street, villages in the demo). The towns are real; the split of the 145
# villages between them is an approximation for the demo.
TOWNS: list[tuple[str, str, bool, int]] = [
    ("HN-T01", "硖石街道", True, 8),
    ("HN-T02", "海洲街道", True, 6),
    ("HN-T03", "海昌街道", True, 12),
    ("HN-T04", "马桥街道", True, 11),
    ("HN-T05", "许村镇", False, 18),
    ("HN-T06", "长安镇", False, 18),
    ("HN-T07", "周王庙镇", False, 14),
    ("HN-T08", "盐官镇", False, 14),
    ("HN-T09", "斜桥镇", False, 13),
    ("HN-T10", "丁桥镇", False, 10),
    ("HN-T11", "袁花镇", False, 13),
    ("HN-T12", "黄湾镇", False, 8),
]
VILLAGE_GROUPS = 2709

OUTSIDE_BODIES: list[tuple[str, str, str, str]] = [
    ("ZJ", "浙江省人民政府", "superior_government", ""),
    ("JX", "嘉兴市人民政府", "superior_government", "ZJ"),
    ("JX-COURT", "嘉兴市中级人民法院", "court", ""),
    ("HN-COURT", "海宁市人民法院", "court", ""),
]

# Where the 3187 certified enforcement officers work (the rest go to the towns' teams).
OFFICERS_BY_DEPARTMENT: dict[str, int] = {
    "HN-D25": 620,
    "HN-D22": 410,
    "HN-D06": 360,
    "HN-D11": 120,
    "HN-D18": 150,
    "HN-D20": 110,
    "HN-D12": 95,
    "HN-D13": 140,
    "HN-D15": 105,
    "HN-D26": 90,
    "HN-D17": 70,
    "HN-D10": 60,
    "HN-D14": 45,
    "HN-D24": 40,
    "HN-D04": 35,
    "HN-D07": 30,
    "HN-D36": 80,
    "HN-D34": 95,
    "HN-D35": 25,
    "HN-D08": 22,
    "HN-D02": 15,
    "HN-D03": 20,
    "HN-D16": 15,
    "HN-D27": 10,
    "HN-D33": 8,
    "HN-D31": 6,
    "HN-D23": 10,
    "HN-D21": 5,
}
OFFICERS_TOTAL = 3187
CITY_MANAGED_LEADERS = 571

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞晨宇浩然欣怡子轩梓涵一诺嘉琪思远文博志强海燕建国建华春梅晓东晓明立新卫东丹丹婷婷雪梅国庆国平"
VILLAGE_STEMS = "东西南北新丰和平安兴旺永宁长乐光明红星联合群力胜利团结建设民主友谊前进跃进双桥石桥五星高桥三星华丰天宁金星利民大同云龙南庄花园凤凰章家徐家陈家沈家朱家周家许家钱家"
