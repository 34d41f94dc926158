"""Form rules: validity period, effective date, document number and mandatory elements.

Data only; the checks themselves live in ``engine/form.py`` and are named by ``check``. Limits are
in ``form_limits.json`` with their source.
"""

from __future__ import annotations

DOC = "行政规范性文件（规范性文件应当明确施行日期和有效期）"
_TITLE = "关于规范经营秩序的暂行办法"

RULES: list[dict[str, object]] = [
    {
        "id": "form.validity.missing",
        "title": "未规定有效期",
        "category": "form",
        "severity": "warning",
        "check": "validity_missing",
        "basis": f"国办发〔2018〕37号 三（十）；{DOC}",
        "message": "文件未载明有效期。",
        "suggestion": "在附则中写明“有效期×年”或“有效期至××××年××月××日”，一般不超过5年，暂行、试行不超过2年。",
        "examples": {
            "positive": [
                f"{_TITLE}\n第一条 为规范经营秩序，制定本办法。\n第二条 本办法自2024年1月1日起施行。"
            ],
            "negative": [
                f"{_TITLE}\n第一条 为规范经营秩序，制定本办法。\n第二条 本办法自2024年1月1日起施行，有效期2年。"
            ],
        },
    },
    {
        "id": "form.validity.exceeds_limit",
        "title": "有效期超过上限",
        "category": "form",
        "severity": "error",
        "check": "validity_limit",
        "basis": f"国办发〔2018〕37号 三（十）；{DOC}",
        "message": "有效期超过规定上限。",
        "suggestion": "将有效期调整到上限以内（一般5年，暂行、试行2年）。",
        "examples": {
            "positive": [
                f"{_TITLE}\n第二条 本办法自2024年1月1日起施行，有效期5年。",
                "关于规范经营秩序的办法\n本办法自2024年1月1日起施行，长期有效。",
            ],
            "negative": [f"{_TITLE}\n第二条 本办法自2024年1月1日起施行，有效期2年。"],
        },
    },
    {
        "id": "form.validity.expired",
        "title": "有效期已届满",
        "category": "form",
        "severity": "warning",
        "check": "validity_expired",
        "basis": f"国办发〔2018〕37号 三（十）；{DOC}",
        "message": "按审查日期，文件所载有效期已经届满。",
        "suggestion": "核对施行日期和有效期；届满前应评估并决定修订、废止或重新发布。",
        "examples": {
            "positive": ["本办法自2020年1月1日起施行，有效期至2021年12月31日。"],
            "negative": ["本办法自2024年1月1日起施行，有效期至2025年12月31日。"],
        },
    },
    {
        "id": "form.effective_date.missing",
        "title": "未规定施行日期",
        "category": "form",
        "severity": "warning",
        "check": "effective_date_missing",
        "basis": f"国办发〔2018〕37号；{DOC}",
        "message": "文件未写明施行日期（“自××起施行”）。",
        "suggestion": "在附则中写明“本办法自××××年××月××日起施行”。",
        "examples": {
            "positive": [
                f"{_TITLE}\n第一条 为规范经营秩序，制定本办法。\n第二条 本办法有效期2年。"
            ],
            "negative": [
                f"{_TITLE}\n第一条 为规范经营秩序，制定本办法。\n第二条 本办法自印发之日起施行，有效期2年。"
            ],
        },
    },
    {
        "id": "form.doc_number.format",
        "title": "发文字号格式不规范",
        "category": "form",
        "severity": "error",
        "check": "doc_number_format",
        "basis": "GB/T 9704—2012 党政机关公文格式 7.2.4",
        "message": "发文字号的年份应当用六角括号“〔〕”括入，且不留空格。",
        "suggestion": "改为“机关代字〔年份〕序号号”，如：海政规〔2022〕3号。",
        "examples": {
            "positive": ["海政规[2022]3号", "海政办发（2022）12号", "海政发〔2022〕 3号"],
            "negative": ["海政规〔2022〕3号", "海政办发〔2023〕15号"],
        },
    },
    {
        "id": "form.elements.title_missing",
        "title": "缺少文件标题",
        "category": "form",
        "severity": "info",
        "check": "title_missing",
        "basis": "GB/T 9704—2012 党政机关公文格式 7.3.1",
        "message": "文件开头没有可识别的标题。",
        "suggestion": "在正文前写明标题，如“关于××的暂行办法”。",
        "examples": {
            "positive": [
                "第一条 为规范经营秩序，制定本办法。\n第二条 本办法自2024年1月1日起施行，有效期2年。"
            ],
            "negative": [
                f"{_TITLE}\n第一条 为规范经营秩序，制定本办法。\n第二条 本办法自2024年1月1日起施行，有效期2年。"
            ],
        },
    },
    {
        "id": "form.elements.basis_missing",
        "title": "缺少制定目的和依据",
        "category": "form",
        "severity": "info",
        "check": "basis_missing",
        "basis": f"国办发〔2018〕37号；{DOC}",
        "message": "文件未写明制定目的和依据（“为了……，根据……，制定本办法”）。",
        "suggestion": "在首条写明制定目的和所依据的法律、法规、规章或上级文件。",
        "examples": {
            "positive": [
                f"{_TITLE}\n第一条 企业应当规范经营。\n第二条 本办法自2024年1月1日起施行，有效期2年。"
            ],
            "negative": [
                f"{_TITLE}\n第一条 为规范经营秩序，根据有关规定，制定本办法。\n第二条 本办法自2024年1月1日起施行，有效期2年。"
            ],
        },
    },
]
